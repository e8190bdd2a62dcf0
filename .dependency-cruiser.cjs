/**
 * Import rules (`npm run deps`): who may import whom, so that the folders keep showing the design.
 * A rule's comment says why it holds; a violation names both files.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-imports-no-side',
      comment: 'shared/ is what the coordinator and the client have in common: it never reaches into either side, the CLI, or tooling.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(coordinator|client|cli|bench|tools|test)/' },
    },
    {
      name: 'client-imports-no-coordinator',
      comment: 'A client runs next to private data and talks to the coordinator only over the protocol (shared/).',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^(coordinator|cli|bench|tools|test)/' },
    },
    {
      name: 'coordinator-imports-no-client',
      comment: 'The coordinator knows clients only through the protocol (shared/).',
      severity: 'error',
      from: { path: '^coordinator/' },
      to: { path: '^(client|cli|bench|tools|test)/' },
    },
    {
      name: 'cli-imports-no-tooling',
      comment: 'The CLI composes the coordinator and the client through their entry points; benchmarks and tests are not shipped code.',
      severity: 'error',
      from: { path: '^cli/' },
      to: { path: '^(bench|tools|test)/' },
    },
    {
      name: 'strategies-are-pure-maths',
      comment:
        'Strategies are maths over adapters: they import shared/ code, the lora, privacy and infra parts of shared/, their interface (strategies/strategy.ts) and each other, ' +
        'never the round engine, storage, secure aggregation or the network.',
      severity: 'error',
      from: { path: '^coordinator/strategies/' },
      to: { dependencyTypes: ['local'], pathNot: '^(shared/(lora|privacy|infra)/|coordinator/strategies/)' },
    },
    {
      name: 'strategies-see-no-socket',
      comment: 'Strategies never open a connection: they see updates, not clients.',
      severity: 'error',
      from: { path: '^coordinator/strategies/' },
      to: { path: '^(node:)?(net|http|https|http2|tls|dgram|dns)$|^node_modules/(socket\\.io|socket\\.io-client|engine\\.io)/' },
    },
    {
      name: 'round-engine-through-interfaces',
      comment:
        'The round engine (coordinator/round/, coordinator/membership/) reaches storage and the network only through the interfaces it ' +
        'declares (round/persistence.ts, round/connection-handler.ts): never the run store, the transport or the HTTP edge, nor the packages behind them.',
      severity: 'error',
      from: { path: '^coordinator/(round|membership)/' },
      to: {
        path: '^coordinator/(store|edge)/|^(node:)?(net|http|https|http2|tls)$|^node_modules/(socket\\.io|better-sqlite3)/',
      },
    },
    {
      name: 'tooling-imports-no-test',
      comment: 'Benchmarks and their tools import no test code: what both need lives in tools/.',
      severity: 'error',
      from: { path: '^(bench|tools)/' },
      to: { path: '^test/' },
    },
    {
      name: 'shipped-code-uses-no-dev-dependency',
      comment: 'Code in the published package runs without devDependencies.',
      severity: 'error',
      from: { path: '^(shared|coordinator|client|cli|proto)/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: "Every import resolves to a file or a package (the dashboard page's modules are resolved by the browser: uPlot is served from its package).",
      severity: 'error',
      from: { pathNot: '^coordinator/edge/dashboard/public/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'no-circular',
      comment: 'A cycle of imports makes the order of module initialisation matter and hides which side depends on which.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-circular-types',
      comment: 'A cycle closed by a type-only import is harmless at run time but still blurs which module is the lower one.',
      severity: 'warn',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type names the module it depends on as much as a value does.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.test.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

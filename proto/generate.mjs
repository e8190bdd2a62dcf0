// Regenerates proto/generated/fedlora.{js,d.ts} from proto/fedlora.proto, the single source of truth.
// Usage: node proto/generate.mjs [outDir]   (default: proto/generated)
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = process.argv[2] ?? join(here, 'generated');
const bin = join(here, '..', 'node_modules', '.bin');
mkdirSync(outDir, { recursive: true });
const js = join(outDir, 'fedlora.js');
execFileSync(
  join(bin, 'pbjs'),
  [
    '--target',
    'static-module',
    '--wrap',
    'es6',
    '--es6',
    '--force-number',
    '--dependency',
    'protobufjs/minimal.js',
    '--no-verify',
    '--no-delimited',
    '--no-beautify',
    '--out',
    js,
    join(here, 'fedlora.proto'),
  ],
  { stdio: 'inherit' },
);
execFileSync(join(bin, 'pbts'), ['--no-comments', '--out', join(outDir, 'fedlora.d.ts'), js], { stdio: 'inherit' });

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const protocAvailable = spawnSync('protoc', ['--version']).status === 0;

describe('wire schema', () => {
  it('generated codec is up to date with proto/fedlora.proto', async () => {
    const out = await mkdtemp(join(tmpdir(), 'fedlora-proto-'));
    execFileSync(process.execPath, [join(root, 'proto', 'generate.mjs'), out]);
    for (const file of ['fedlora.js', 'fedlora.d.ts']) {
      const fresh = await readFile(join(out, file), 'utf8');
      const committed = await readFile(join(root, 'proto', 'generated', file), 'utf8');
      expect(committed === fresh, `proto/generated/${file} is stale: run npm run proto`).toBe(true);
    }
  });

  // CI installs protoc (Debian's protobuf-compiler); elsewhere the check is skipped, and says so.
  it.runIf(protocAvailable || process.env.CI)('compiles with protoc', async () => {
    const out = await mkdtemp(join(tmpdir(), 'fedlora-protoc-'));
    execFileSync('protoc', [`--proto_path=${join(root, 'proto')}`, `--descriptor_set_out=${join(out, 'fedlora.pb')}`, 'fedlora.proto']);
    expect((await readFile(join(out, 'fedlora.pb'))).byteLength).toBeGreaterThan(500);
  });
});

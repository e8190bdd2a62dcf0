import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFilesAtomically } from '../../shared/infra/atomic-write.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'fedlora-atomic-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates the file with the given text and leaves nothing else behind', async () => {
    const target = join(root, 'state.json');
    await writeFileAtomic(target, '{"round":1}');
    expect(await readFile(target, 'utf8')).toBe('{"round":1}');
    expect(await readdir(root)).toEqual(['state.json']);
  });

  it('writes binary data byte for byte', async () => {
    const target = join(root, 'blob.bin');
    const data = new Uint8Array([0, 255, 1, 254, 0x80]);
    await writeFileAtomic(target, data);
    expect(new Uint8Array(await readFile(target))).toEqual(data);
  });

  it('replaces an existing file', async () => {
    const target = join(root, 'state.json');
    await writeFile(target, 'old content that is longer than the new one');
    await writeFileAtomic(target, 'new');
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readdir(root)).toEqual(['state.json']);
  });

  it('rejects when the directory does not exist and creates nothing', async () => {
    await expect(writeFileAtomic(join(root, 'missing', 'state.json'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(root)).toEqual([]);
  });

  it('removes the temporary file when the final rename fails', async () => {
    // A directory in the way makes rename(2) fail after the temporary file has been written and synced.
    const target = join(root, 'occupied');
    await mkdir(target);
    await expect(writeFileAtomic(target, 'data')).rejects.toMatchObject({ code: expect.stringMatching(/EISDIR|EEXIST|ENOTEMPTY/) });
    expect(await readdir(root)).toEqual(['occupied']);
    expect(await readdir(target)).toEqual([]);
  });

  it('never lets a concurrent reader see a partial file', async () => {
    const target = join(root, 'big.txt');
    const size = 1 << 20;
    const versions = ['a', 'b'].map((c) => c.repeat(size));
    await writeFileAtomic(target, versions[0]);
    let writing = true;
    const writer = (async () => {
      for (let i = 1; i <= 20; i++) await writeFileAtomic(target, versions[i % 2]);
      writing = false;
    })();
    let reads = 0;
    while (writing) {
      const content = await readFile(target, 'utf8');
      expect(content.length).toBe(size);
      expect(content === versions[0] || content === versions[1]).toBe(true);
      reads++;
    }
    await writer;
    expect(reads).toBeGreaterThan(0);
    expect(await readdir(root)).toEqual(['big.txt']);
  });
});

describe('writeFilesAtomically', () => {
  const files = { 'config.json': '{"r":8}', 'weights.bin': new Uint8Array([1, 2, 3, 4]) };

  async function expectDirectory(dir: string, expected: Record<string, string | Uint8Array>): Promise<void> {
    expect((await readdir(dir)).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, data] of Object.entries(expected)) {
      const content = await readFile(join(dir, name));
      expect(new Uint8Array(content)).toEqual(typeof data === 'string' ? new Uint8Array(Buffer.from(data)) : data);
    }
  }

  it('creates the directory with exactly the given files and no leftovers beside it', async () => {
    const dir = join(root, 'round-1');
    await writeFilesAtomically(dir, files);
    await expectDirectory(dir, files);
    expect(await readdir(root)).toEqual(['round-1']);
  });

  it('succeeds without change when the directory already holds the same files', async () => {
    const dir = join(root, 'round-1');
    await writeFilesAtomically(dir, files);
    await writeFilesAtomically(dir, files);
    await expectDirectory(dir, files);
    expect(await readdir(root)).toEqual(['round-1']);
  });

  it('refuses to overwrite a directory with different content', async () => {
    const dir = join(root, 'round-1');
    await writeFilesAtomically(dir, files);
    await expect(writeFilesAtomically(dir, { ...files, 'config.json': '{"r":4}' })).rejects.toMatchObject({
      code: 'EEXIST',
      message: expect.stringContaining('replace: true'),
    });
    await expectDirectory(dir, files);
    expect(await readdir(root)).toEqual(['round-1']);
  });

  it('treats an extra file in the existing directory as a difference', async () => {
    const dir = join(root, 'round-1');
    await writeFilesAtomically(dir, files);
    await writeFile(join(dir, 'extra.txt'), 'x');
    await expect(writeFilesAtomically(dir, files)).rejects.toMatchObject({ code: 'EEXIST' });
  });

  it('replaces a different directory when asked, removing files the new content lacks', async () => {
    const dir = join(root, 'latest');
    await writeFilesAtomically(dir, { ...files, 'stale.txt': 'old' });
    const replacement = { 'config.json': '{"r":4}', 'weights.bin': new Uint8Array([9, 9]) };
    await writeFilesAtomically(dir, replacement, { replace: true });
    await expectDirectory(dir, replacement);
    expect(await readdir(root)).toEqual(['latest']);
  });

  it('rejects names that would leave the directory, before creating anything', async () => {
    await expect(writeFilesAtomically(join(root, 'out'), { '../escape.txt': 'x' })).rejects.toThrow(/not a plain file name/);
    await expect(writeFilesAtomically(join(root, 'out'), { '..': 'x' })).rejects.toThrow(/not a plain file name/);
    expect(await readdir(root)).toEqual([]);
  });

  it('removes the partly written temporary directory when a write fails', async () => {
    const broken = { 'a.txt': 'fine', 'b.txt': 42 as unknown as string };
    await expect(writeFilesAtomically(join(root, 'out'), broken)).rejects.toThrow();
    expect(await readdir(root)).toEqual([]);
  });

  it('rejects when the parent directory does not exist', async () => {
    await expect(writeFilesAtomically(join(root, 'missing', 'out'), files)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(root)).toEqual([]);
  });
});

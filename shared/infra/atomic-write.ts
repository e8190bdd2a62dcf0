/**
 * Crash-safe file writes: a reader (or a restart after a crash) sees either the old content or the complete new
 * content, never a truncated file. The pattern is: write a uniquely named temporary in the same directory (rename
 * is only atomic within one file system), fsync it, rename it over the target, fsync the directory so that the
 * rename itself survives a power loss.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A file's content: text, bytes, or consecutive byte parts written one after the other (never joined in memory). */
export type FileContent = Uint8Array | string | readonly Uint8Array[];

export async function writeFileAtomic(path: string, data: FileContent): Promise<void> {
  const directory = dirname(path);
  const temporaryPath = join(directory, `.${basename(path)}.${randomUUID()}.tmp`);
  try {
    await writeAndSync(temporaryPath, data);
    await rename(temporaryPath, path);
    await syncDirectory(directory);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }
}

export interface WriteFilesOptions {
  /** Replace an existing directory whose content differs. Default false: such a directory is left alone. */
  readonly replace?: boolean;
}

/**
 * Creates directory `dir` holding exactly `files` (plain file names → content), so that the files appear together:
 * they are written into a temporary sibling directory that is then renamed into place.
 *
 * If `dir` already exists with identical content this is a no-op (so a retried write succeeds). If it exists with
 * different content, the call fails with an `EEXIST` error unless `replace` is set. Replacing moves the old
 * directory aside first, so a crash between the two renames leaves no `dir` but the old one intact beside it.
 */
export async function writeFilesAtomically(dir: string, files: Readonly<Record<string, FileContent>>, options: WriteFilesOptions = {}): Promise<void> {
  for (const name of Object.keys(files)) assertPlainFileName(name);
  const parent = dirname(dir);
  const temporaryDir = join(parent, `.${basename(dir)}.${randomUUID()}.tmp`);
  try {
    await mkdir(temporaryDir);
    for (const [name, data] of Object.entries(files)) await writeAndSync(join(temporaryDir, name), data);
    await syncDirectory(temporaryDir);
    if (await pathExists(dir)) {
      if (await directoryHoldsExactly(dir, files)) {
        await rm(temporaryDir, { recursive: true, force: true });
        return;
      }
      if (!options.replace) throw directoryExistsError(dir);
      await replaceDirectory(dir, temporaryDir);
    } else {
      await rename(temporaryDir, dir);
    }
    await syncDirectory(parent);
  } catch (error) {
    await rm(temporaryDir, { recursive: true, force: true });
    throw error;
  }
}

async function writeAndSync(path: string, data: FileContent): Promise<void> {
  // 'wx' fails rather than follow or reuse something that is already at the temporary path.
  const handle = await open(path, 'wx');
  try {
    if (Array.isArray(data)) for (const part of data as readonly Uint8Array[]) await handle.writeFile(part);
    else await handle.writeFile(data as Uint8Array | string);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function replaceDirectory(dir: string, replacement: string): Promise<void> {
  const retired = join(dirname(dir), `.${basename(dir)}.${randomUUID()}.old`);
  await rename(dir, retired);
  try {
    await rename(replacement, dir);
  } catch (error) {
    await rename(retired, dir);
    throw error;
  }
  await rm(retired, { recursive: true, force: true });
}

async function directoryHoldsExactly(dir: string, files: Readonly<Record<string, FileContent>>): Promise<boolean> {
  const existing = await readdir(dir);
  const expected = Object.keys(files);
  if (existing.length !== expected.length || !expected.every((name) => existing.includes(name))) return false;
  for (const [name, data] of Object.entries(files)) {
    const content = await readFile(join(dir, name));
    if (!content.equals(typeof data === 'string' ? Buffer.from(data) : Array.isArray(data) ? Buffer.concat(data) : (data as Uint8Array))) return false;
  }
  return true;
}

async function pathExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

function assertPlainFileName(name: string): void {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\\')) {
    throw new Error(`"${name}" is not a plain file name: files of an atomic directory write must sit directly in it`);
  }
}

function directoryExistsError(dir: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${dir} already exists with different content; remove it or pass { replace: true } to overwrite it`);
  error.code = 'EEXIST';
  error.path = dir;
  return error;
}

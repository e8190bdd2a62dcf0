/**
 * Downloads of a finished round's global adapter: `GET /api/v1/rounds/<n|latest>/adapter/<file>`, where `<file>`
 * is one of the two files of a PEFT adapter directory. The round must be in the run's records and the file name in
 * a fixed list, so a request can only ever reach those files.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { RoundRecord } from '../../round/records.js';

const ADAPTER_FILES: Readonly<Record<string, string>> = {
  'adapter_model.safetensors': 'application/octet-stream',
  'adapter_config.json': 'application/json; charset=utf-8',
};

export const ADAPTER_PATH = /^\/api\/v1\/rounds\/(latest|[1-9]\d{0,8})\/adapter\/([^/]+)$/;

export type AdapterLookup =
  | { readonly found: true; readonly path: string; readonly fileName: string; readonly contentType: string }
  | { readonly found: false; readonly error: string };

/** Resolves a round (`latest` or its number) and a file name to the file on disk, or says why it cannot. */
export function findAdapterFile(runDir: string, records: readonly RoundRecord[], round: string, fileName: string): AdapterLookup {
  if (!Object.hasOwn(ADAPTER_FILES, fileName)) {
    return { found: false, error: `no adapter file ${fileName}; files: ${Object.keys(ADAPTER_FILES).join(', ')}` };
  }
  const record = round === 'latest' ? records.at(-1) : records.find((r) => r.round === Number(round));
  if (!record) return { found: false, error: round === 'latest' ? 'no round has finished yet' : `round ${round} has not finished` };
  return { found: true, path: join(runDir, record.checkpoint, fileName), fileName, contentType: ADAPTER_FILES[fileName] };
}

/** Streams the file as an attachment named as in a PEFT directory, so that saving both files gives a loadable adapter. */
export async function sendAdapterFile(file: Extract<AdapterLookup, { found: true }>, res: ServerResponse): Promise<void> {
  const { size } = await stat(file.path);
  res.writeHead(200, {
    'content-type': file.contentType,
    'content-length': size,
    'content-disposition': `attachment; filename="${file.fileName}"`,
    'cache-control': 'no-store',
  });
  createReadStream(file.path).pipe(res);
}

/**
 * The dashboard page and its assets, served from a fixed list (no path from a request ever reaches the file
 * system). The page lives beside this module's source; the chart library comes from node_modules, so the page
 * works on coordinators without internet access.
 */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../../../shared/infra/package-root.js';

interface Asset {
  readonly file: () => string;
  readonly contentType: string;
}

const require = createRequire(import.meta.url);
const pageFile = (name: string) => () => join(packageRoot(), 'coordinator', 'edge', 'dashboard', 'public', name);

const ASSETS: ReadonlyMap<string, Asset> = new Map([
  ['/dashboard', { file: pageFile('index.html'), contentType: 'text/html; charset=utf-8' }],
  ['/dashboard/assets/dashboard.js', { file: pageFile('dashboard.js'), contentType: 'text/javascript; charset=utf-8' }],
  ['/dashboard/assets/shifts.js', { file: pageFile('shifts.js'), contentType: 'text/javascript; charset=utf-8' }],
  ['/dashboard/assets/sets.js', { file: pageFile('sets.js'), contentType: 'text/javascript; charset=utf-8' }],
  ['/dashboard/assets/axis-ticks.js', { file: pageFile('axis-ticks.js'), contentType: 'text/javascript; charset=utf-8' }],
  ['/dashboard/assets/dashboard.css', { file: pageFile('dashboard.css'), contentType: 'text/css; charset=utf-8' }],
  ['/dashboard/assets/uPlot.esm.js', { file: () => require.resolve('uplot/dist/uPlot.esm.js'), contentType: 'text/javascript; charset=utf-8' }],
  ['/dashboard/assets/uPlot.min.css', { file: () => require.resolve('uplot/dist/uPlot.min.css'), contentType: 'text/css; charset=utf-8' }],
]);

/** The page reads data only from this origin and runs no inline script; the token in its URL is never sent on as a referrer. */
const PAGE_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

const cache = new Map<string, Buffer>();

export function isDashboardAsset(path: string): boolean {
  return ASSETS.has(path);
}

/** Whether `path` is one of the page's static assets, which hold no run data and need no token. */
export function isPublicAsset(path: string): boolean {
  return path !== '/dashboard' && ASSETS.has(path);
}

export async function sendDashboardAsset(path: string, res: ServerResponse): Promise<void> {
  const asset = ASSETS.get(path)!;
  let body = cache.get(path);
  if (!body) {
    body = await readFile(asset.file());
    cache.set(path, body);
  }
  res.writeHead(200, { ...PAGE_HEADERS, 'content-type': asset.contentType, 'content-length': body.byteLength, 'cache-control': 'no-cache' });
  res.end(body);
}

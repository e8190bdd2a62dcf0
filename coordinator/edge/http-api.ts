/**
 * The coordinator's HTTP endpoints: read-only for the public — the JSON API under `/api/v1/`, its live feed (server-sent events),
 * adapter downloads, the dashboard page, `/metrics` (Prometheus) and `/healthz`. When a read token is configured,
 * everything but `/healthz` and the page's static assets requires it. Actions that change the run live under
 * `/api/v1/admin/` behind the admin token (admin-api.ts). socket.io serves its own path on the same server;
 * anything else is a JSON 404.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ADMIN_PREFIX, adminReply, type RunControl } from './admin-api.js';
import { mayRead } from './dashboard/access.js';
import { ADAPTER_PATH, findAdapterFile, sendAdapterFile } from './dashboard/adapter-download.js';
import { LiveFeed } from './dashboard/live-feed.js';
import { RunMonitor, type RunSource } from './dashboard/run-monitor.js';
import { isDashboardAsset, isPublicAsset, sendDashboardAsset } from './dashboard/static-assets.js';
import type { Logger } from '../../shared/infra/log.js';
import type { HostCheck } from './host-check.js';
import { CoordinatorMetrics } from './metrics.js';
import { setCurves } from './set-curves.js';

export interface HttpApiOptions {
  readonly runDir: string;
  /** SHA-256 of the read token; when set, every endpoint but /healthz and static assets requires the token. */
  readonly readTokenSha256: string | undefined;
  /** SHA-256 of the admin token; undefined: admin actions are refused. */
  readonly adminTokenSha256: string | undefined;
  /** What admin actions act on. */
  readonly control: RunControl;
  /** Requests for a host name the coordinator does not answer to are refused first (DNS rebinding). */
  readonly hostCheck: HostCheck;
  readonly logger: Logger;
}

export interface HttpApi {
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** Ends the live streams (an open stream would keep the server from closing) and stops observing the run. */
  close(): void;
}

interface Endpoints extends HttpApiOptions {
  readonly source: RunSource;
  readonly monitor: RunMonitor;
  readonly feed: LiveFeed;
  readonly metrics: CoordinatorMetrics;
}

const CLIENT_PATH = /^\/api\/v1\/clients\/([A-Za-z0-9._-]{1,64})$/;
const SHIFTS_PATH = /^\/api\/v1\/rounds\/([^/]*)\/shifts$/;

/** The rounds after `since`, at most `limit` of them, as the query asks; a bad query gets a 400 naming it. */
function sendRoundWindow(res: ServerResponse, query: URLSearchParams, rounds: readonly { readonly round: number }[]): void {
  const window = roundWindow(query);
  if (typeof window === 'string') sendJson(res, 400, { error: window });
  else sendJson(res, 200, rounds.filter((r) => r.round > window.since).slice(0, window.limit));
}

/** `?since=<round>&limit=<n>`: the finished rounds after `since`, at most `limit` of them; or what is wrong. */
function roundWindow(query: URLSearchParams): { since: number; limit: number } | string {
  const parse = (name: string, fallback: number, min: number): number | string => {
    const text = query.get(name);
    if (text === null) return fallback;
    return /^\d{1,9}$/.test(text) && Number(text) >= min ? Number(text) : `${name} must be an integer of at least ${min}`;
  };
  const since = parse('since', 0, 0);
  const limit = parse('limit', Number.MAX_SAFE_INTEGER, 1);
  if (typeof since === 'string') return since;
  if (typeof limit === 'string') return limit;
  return { since, limit };
}

/** `GET /api/v1/rounds/<n|latest>/shifts`: the round's shifts, or the status and error saying why there are none. */
function roundShiftsReply(source: RunSource, round: string): { status: number; body: unknown } {
  if (round !== 'latest' && !/^[1-9]\d{0,8}$/.test(round)) return { status: 400, body: { error: 'the round must be a positive integer or "latest"' } };
  const all = source.roundShifts();
  const shifts = round === 'latest' ? all.at(-1) : all.find((s) => s.round === Number(round));
  if (shifts) return { status: 200, body: shifts };
  if (round === 'latest') return { status: 404, body: { error: 'no round has shifts yet' } };
  const finished = source.roundRecords().some((r) => r.round === Number(round));
  return {
    status: 404,
    body: { error: finished ? `round ${round} has no shifts: they could not be computed (the coordinator's log says why)` : `round ${round} has not finished` },
  };
}

function sendJson(res: ServerResponse, statusCode: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(statusCode, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

function sendText(res: ServerResponse, contentType: string, text: string): void {
  res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

async function route(options: Endpoints, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const misdirected = options.hostCheck.refusal(req);
  if (misdirected !== undefined) {
    sendJson(res, 421, { error: misdirected });
    return;
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;
  if (path.startsWith(ADMIN_PREFIX)) {
    const reply = adminReply(req, path, options.control, options.adminTokenSha256, options.logger);
    for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
    sendJson(res, reply.status, reply.body);
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    sendJson(res, 405, { error: `method ${req.method} not allowed` });
    return;
  }
  if (path === '/healthz') {
    sendJson(res, 200, { status: 'ok', state: options.source.status().state });
    return;
  }
  if (isPublicAsset(path)) {
    await sendDashboardAsset(path, res);
    return;
  }
  if (!mayRead(req, url, options.readTokenSha256)) {
    res.setHeader('www-authenticate', 'Bearer');
    sendJson(res, 401, { error: 'this coordinator requires its read token: send "Authorization: Bearer <token>" or add ?token=<token> to the URL' });
    return;
  }
  if (isDashboardAsset(path)) {
    await sendDashboardAsset(path, res);
    return;
  }
  switch (path) {
    case '/api/v1/status':
      sendJson(res, 200, options.source.status());
      return;
    case '/api/v1/rounds':
      sendRoundWindow(res, url.searchParams, options.source.roundRecords());
      return;
    case '/api/v1/shifts':
      sendRoundWindow(res, url.searchParams, options.source.roundShifts());
      return;
    case '/api/v1/sets':
      sendJson(res, 200, { sets: setCurves(options.source.status().baseline_eval_sets, options.source.roundRecords()) });
      return;
    case '/api/v1/summary':
      sendJson(res, 200, options.monitor.summary());
      return;
    case '/api/v1/live':
      options.feed.open(req, res);
      return;
    case '/metrics':
      sendText(res, options.metrics.contentType, await options.metrics.render());
      return;
  }
  const client = CLIENT_PATH.exec(path);
  if (client) {
    const id = client[1];
    const history = options.monitor.clientHistory(id);
    if (history) sendJson(res, 200, history);
    else sendJson(res, 404, { error: `no client ${id} in this run` });
    return;
  }
  const shifts = SHIFTS_PATH.exec(path);
  if (shifts) {
    const reply = roundShiftsReply(options.source, shifts[1]);
    sendJson(res, reply.status, reply.body);
    return;
  }
  const adapter = ADAPTER_PATH.exec(path);
  if (adapter) {
    const file = findAdapterFile(options.runDir, options.source.roundRecords(), adapter[1], adapter[2]);
    if (file.found) await sendAdapterFile(file, res);
    else sendJson(res, 404, { error: file.error });
    return;
  }
  sendJson(res, 404, { error: `no endpoint ${path}` });
}

/** Starts observing the run; call before the server accepts clients so that no run event is missed. */
export function createHttpApi(source: RunSource, options: HttpApiOptions): HttpApi {
  const monitor = new RunMonitor(source);
  const endpoints: Endpoints = { ...options, source, monitor, feed: new LiveFeed(monitor), metrics: new CoordinatorMetrics(source) };
  return {
    handler(req, res) {
      route(endpoints, req, res).catch((error: unknown) => {
        options.logger.error({ event: 'http_failed', path: req.url, err: error }, 'internal error while serving an HTTP request');
        if (res.headersSent) res.destroy(error as Error);
        else sendJson(res, 500, { error: `internal error: ${(error as Error).message}` });
      });
    },
    close() {
      endpoints.feed.close();
      endpoints.metrics.close();
      monitor.close();
    },
  };
}

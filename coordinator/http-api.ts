/**
 * The coordinator's HTTP endpoints (JSON, read-only): `GET /api/v1/status` and `GET /api/v1/rounds`.
 * socket.io serves its own path on the same server; everything else is a JSON 404.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RoundRecord, RunStatus } from './records.js';

export interface RunView {
  status(): RunStatus;
  roundRecords(): readonly RoundRecord[];
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

export function createApiHandler(view: RunView): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendJson(res, 405, { error: `method ${req.method} not allowed` });
      return;
    }
    switch (path) {
      case '/api/v1/status':
        sendJson(res, 200, view.status());
        return;
      case '/api/v1/rounds':
        sendJson(res, 200, view.roundRecords());
        return;
      default:
        sendJson(res, 404, { error: `no endpoint ${path}` });
    }
  };
}

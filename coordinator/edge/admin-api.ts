/**
 * Operator actions that change a run, over HTTP: `POST /api/v1/admin/<action>` with `Authorization: Bearer
 * <admin token>`. The rest of the HTTP API only reads. The admin token is kept as its SHA-256 and compared in
 * constant time; without one configured, every action is refused. Errors are JSON with a typed `code`:
 * 401 UNAUTHENTICATED (no token sent), 403 FORBIDDEN (wrong token, or admin actions not configured),
 * 404 NOT_FOUND, 405 METHOD_NOT_ALLOWED.
 */
import type { IncomingMessage } from 'node:http';
import type { Logger } from '../../shared/infra/log.js';
import { bearerToken, tokenMatches } from './dashboard/access.js';

export const ADMIN_PREFIX = '/api/v1/admin/';

/** What an operator may do to a run in progress. */
export interface RunControl {
  pause(): void;
  resume(): void;
  stopAfterRound(): void;
  /** False when no such client is configured. */
  ban(clientId: string): boolean;
  unban(clientId: string): boolean;
}

const CLIENT_ACTION_PATH = /^clients\/([A-Za-z0-9._-]{1,64})\/(ban|unban)$/;

export interface AdminReply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers?: Record<string, string>;
}

function refusal(status: number, code: string, error: string): AdminReply {
  return { status, body: { code, error } };
}

function act(control: RunControl, action: string): AdminReply {
  switch (action) {
    case 'pause':
      control.pause();
      return { status: 200, body: { paused: true } };
    case 'resume':
      control.resume();
      return { status: 200, body: { paused: false } };
    case 'stop':
      control.stopAfterRound();
      return { status: 202, body: { stopping: true, detail: 'the run ends once the round in progress is committed and evaluated' } };
  }
  const clientAction = CLIENT_ACTION_PATH.exec(action);
  if (clientAction) {
    const [, id, verb] = clientAction;
    if (!(verb === 'ban' ? control.ban(id) : control.unban(id))) return refusal(404, 'NOT_FOUND', `no client ${id} in this run`);
    return verb === 'ban'
      ? { status: 200, body: { banned: id, detail: 'disconnected; its token is refused, across restarts, until it is unbanned' } }
      : { status: 200, body: { unbanned: id, detail: 'its token is accepted again' } };
  }
  return refusal(404, 'NOT_FOUND', `no admin action ${action}: POST pause, resume, stop, clients/<id>/ban or clients/<id>/unban`);
}

/** The answer to a request under ADMIN_PREFIX (acting if it is allowed). `adminTokenSha256` undefined: disabled. */
export function adminReply(req: IncomingMessage, path: string, control: RunControl, adminTokenSha256: string | undefined, logger: Logger): AdminReply {
  const token = bearerToken(req);
  let reply: AdminReply;
  if (token === undefined) {
    reply = {
      ...refusal(401, 'UNAUTHENTICATED', 'admin actions require the admin token: send "Authorization: Bearer <token>"'),
      headers: { 'www-authenticate': 'Bearer' },
    };
  } else if (adminTokenSha256 === undefined) {
    reply = refusal(403, 'FORBIDDEN', 'admin actions are disabled on this coordinator: configure admin.tokenSha256 to enable them');
  } else if (!tokenMatches(token, adminTokenSha256)) {
    reply = refusal(403, 'FORBIDDEN', 'this token is not the admin token');
  } else if (req.method !== 'POST') {
    reply = { ...refusal(405, 'METHOD_NOT_ALLOWED', `admin actions are POST requests, not ${req.method}`), headers: { allow: 'POST' } };
  } else {
    const action = path.slice(ADMIN_PREFIX.length);
    reply = act(control, action);
    logger.warn({ event: 'admin_action', action, status: reply.status, address: req.socket.remoteAddress }, `admin action ${action}: ${reply.status}`);
    return reply;
  }
  logger.warn(
    { event: 'admin_refused', path, status: reply.status, address: req.socket.remoteAddress },
    `refused an admin request: ${String(reply.body.error)}`,
  );
  return reply;
}

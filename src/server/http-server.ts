import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { adapterFor } from '../adapters/registry.js';
import type { Broker } from '../broker/broker.js';
import type { WardenStore } from '../store/create-store.js';
import { tokenChecker } from './connection.js';
import { handleHook } from './hook-handler.js';

/** Largest hook payload warden reads (a Write of a big file); larger ones get the fallback answer. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface ServerOptions {
  readonly store: WardenStore;
  readonly broker: Broker;
  readonly token: string;
  readonly port: number;
  readonly host?: string;
  /**
   * Local control requests (`/control/...`, e.g. `warden pair`), for processes that hold the
   * token. The token is checked before the handler runs.
   */
  readonly control?: ControlHandler;
}

export type ControlHandler = (
  method: string,
  pathname: string,
  query: URLSearchParams,
  body: unknown,
  signal: AbortSignal,
) => Promise<{ status: number; body: object }>;

/** Largest control request body. */
const MAX_CONTROL_BYTES = 16 * 1024;

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The hook endpoint path for an agent's event. */
export function hookPath(agent: string, event: string): string {
  return `/hook/${agent}/${event}`;
}

/**
 * The loopback endpoint agents' http hooks (and `warden hook`) post to:
 * `POST /hook/<agent>/<event>` with `Authorization: Bearer <token>`; `GET /health`.
 */
export function startServer(options: ServerOptions): Promise<RunningServer> {
  const tokenMatches = tokenChecker(options.token);
  const server = http.createServer((req, res) => {
    const pathname = pathOf(req.url);
    if (req.method === 'GET' && pathname === '/health') {
      return send(res, 200, { ok: true, name: 'warden', pid: process.pid });
    }
    if (pathname.startsWith('/control/')) return control(req, res, pathname);
    const match = /^\/hook\/([a-z0-9-]+)\/([A-Za-z]+)$/.exec(pathname);
    const adapter = match ? adapterFor(match[1]!) : undefined;
    if (req.method !== 'POST' || !match || !adapter) {
      req.resume();
      return send(res, 404, { error: 'warden: no such endpoint; hooks post to /hook/<agent>/<event>' });
    }
    const event = match[2]!;
    const authorized = tokenMatches(bearer(req));
    let parkedId: string | undefined;
    let answered = false;
    res.on('close', () => {
      // The agent gave up (its hook timed out or it was killed): release the parked action.
      if (!answered && parkedId !== undefined) {
        options.store
          .getState()
          .resolve([parkedId], 'ask', 'timeout', 'agent-gone', 'the agent stopped waiting for an answer');
      }
    });
    readBody(req, MAX_BODY_BYTES).then((body) =>
      handleHook(
        {
          adapter,
          event,
          body,
          authorized,
          onAction: (id) => {
            parkedId = id;
          },
        },
        { store: options.store, broker: options.broker },
      ).then((out) => {
        answered = true;
        send(res, 200, out);
      }),
    );
  });
  const control = (req: http.IncomingMessage, res: http.ServerResponse, pathname: string) => {
    if (!options.control || !tokenMatches(bearer(req))) {
      req.resume();
      return send(res, 401, { error: 'warden: control requests need the token' });
    }
    const handler = options.control;
    const aborted = new AbortController();
    res.on('close', () => aborted.abort());
    const query = new URL(req.url ?? '/', 'http://control.invalid').searchParams;
    void readBody(req, MAX_CONTROL_BYTES).then(async (text) => {
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        return send(res, 400, { error: 'not JSON' });
      }
      try {
        const out = await handler(req.method ?? 'GET', pathname, query, body, aborted.signal);
        send(res, out.status, out.body);
      } catch (error) {
        send(res, 500, { error: (error as Error).message });
      }
    });
  };
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 60_000;
  server.requestTimeout = 0; // held actions wait for a person
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      resolve({
        port,
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            // Let answers already being written reach the agents, then drop what is left.
            setImmediate(() => {
              server.close(() => done());
              server.closeIdleConnections();
              setTimeout(() => server.closeAllConnections(), 500).unref();
            });
          }),
      });
    });
  });
}

/** The request target's path, without the query (a WHATWG URL parse per request costs more than the check). */
function pathOf(target: string | undefined): string {
  const raw = target ?? '/';
  const query = raw.indexOf('?');
  return query < 0 ? raw : raw.slice(0, query);
}

function bearer(req: http.IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim();
  const header = req.headers['x-warden-token'];
  return typeof header === 'string' ? header.trim() : undefined;
}

/** The body as UTF-8 text (invalid bytes become U+FFFD), or undefined past the limit. */
function readBody(req: http.IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return;
      }
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => {
      if (over) resolve(undefined);
      else if (chunks.length === 1) resolve(chunks[0]!.toString('utf8'));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', () => resolve(undefined));
  });
}

function send(res: http.ServerResponse, status: number, body: object): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

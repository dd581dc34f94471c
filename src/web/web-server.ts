import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WardenStore } from '../store/create-store.js';
import { browserName } from './browser-name.js';
import { isWebCommandId, runWebCommand, type WebCommandDeps, type WebCommandRequest } from './commands.js';
import {
  allowedHosts,
  cookie,
  cookies,
  hostAllowed,
  originAllowed,
  PENDING_COOKIE,
  SECURITY_HEADERS,
  SESSION_COOKIE,
} from './http-guard.js';
import { type Asset, loadAssets } from './page-assets.js';
import { PAIR_ANSWER_TTL_MS, type Pairing } from './pairing.js';
import { type SnapshotDeps, snapshotBuilder } from './snapshot.js';

/** Largest command request the page may send. */
const MAX_COMMAND_BYTES = 16 * 1024;
const HEARTBEAT_MS = 20_000;

export interface PageServerOptions {
  readonly store: WardenStore;
  readonly pairing: Pairing;
  readonly commands: Omit<WebCommandDeps, 'store'>;
  readonly snapshot: SnapshotDeps;
  readonly host: string;
  readonly port: number;
  /** Told when the person acts from the page (they are present: no away notice). */
  readonly onPersonActed?: () => void;
  readonly assets?: Map<string, Asset>;
  /** Other state the snapshot shows (the header's alerts): a change there is sent too. */
  readonly alsoWatch?: readonly { subscribe(listener: () => void): () => void }[];
}

export interface RunningPage {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** The one-time link for a code. */
  pairLink(code: string): string;
  close(): Promise<void>;
}

/**
 * The approval page's own listener (never the hook endpoint's): loopback unless the person chose
 * another address. It knows browsers by a paired session cookie only; the hook token is no
 * credential here. Reads need the session; changes need the session, this origin and the
 * session's CSRF token, and name held actions by id.
 */
export function startPageServer(options: PageServerOptions): Promise<RunningPage> {
  const assets = options.assets ?? loadAssets();
  const { store, pairing } = options;
  const buildSnapshot = snapshotBuilder(options.snapshot);
  const commandDeps: WebCommandDeps = { store, ...options.commands };
  let hosts = new Set<string>();
  const streams = new Map<http.ServerResponse, string>();

  // One snapshot per change, shared by every open page; changes in one tick are coalesced.
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (streams.size === 0) return;
    const data = `event: state\ndata: ${JSON.stringify(buildSnapshot(store.getState()))}\n\n`;
    for (const [res, secret] of streams) {
      if (!pairing.session(secret)) endStream(res, 'revoked');
      else res.write(data);
    }
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };
  const endStream = (res: http.ServerResponse, why: string) => {
    streams.delete(res);
    res.end(`event: ${why}\ndata: {}\n\n`);
  };
  const unsubscribers = [
    store.subscribe(schedule),
    ...(options.alsoWatch ?? []).map((s) => s.subscribe(schedule)),
  ];
  const unsubscribePairing = pairing.view.subscribe(() => {
    for (const [res, secret] of streams) if (!pairing.session(secret)) endStream(res, 'revoked');
  });
  const heartbeat = setInterval(() => {
    for (const res of streams.keys()) res.write(': ping\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://page.invalid');
    const pathname = url.pathname;
    if (!hostAllowed(req, hosts)) {
      req.resume();
      return text(res, 421, 'warden: this page answers only to its own address');
    }
    const jar = cookies(req);
    const paired = pairing.session(jar[SESSION_COOKIE]);
    const address = req.socket.remoteAddress ?? 'unknown';

    if (req.method === 'GET' || req.method === 'HEAD') {
      const asset = assets.get(pathname);
      if (asset && pathname !== '/index.html' && !pathname.endsWith('.html')) {
        return sendAsset(res, 200, asset);
      }
      switch (pathname) {
        case '/':
        case '/index.html':
          return sendAsset(res, paired ? 200 : 401, assets.get(paired ? '/index.html' : '/unpaired.html')!);
        case '/pair': {
          const result = pairing.open(url.searchParams.get('code') ?? '', {
            ...browserName(req.headers['user-agent']),
            address,
          });
          if (!result.ok) return messagePage(res, result.status, 'Not paired', result.reason);
          res.setHeader(
            'set-cookie',
            cookie(PENDING_COOKIE, result.pendingSecret, {
              path: '/pair',
              maxAge: Math.ceil(PAIR_ANSWER_TTL_MS / 1000) + 60,
            }),
          );
          // The code leaves the address bar (and the history) at once.
          res.writeHead(303, { ...SECURITY_HEADERS, location: '/pair/wait' });
          return res.end();
        }
        case '/pair/wait':
          return sendAsset(res, 200, assets.get('/pair.html')!);
        case '/pair/status': {
          const status = pairing.status(jar[PENDING_COOKIE]);
          const headers: string[] = [];
          if (status.sessionSecret !== undefined) {
            headers.push(cookie(SESSION_COOKIE, status.sessionSecret));
            headers.push(cookie(PENDING_COOKIE, '', { path: '/pair', maxAge: 0 }));
          }
          if (headers.length > 0) res.setHeader('set-cookie', headers);
          return json(res, 200, { state: status.state });
        }
        case '/api/session':
          if (!paired) return json(res, 401, { error: 'not paired' });
          return json(res, 200, {
            csrf: paired.csrf,
            session: { id: paired.session.id, browser: paired.session.browser, os: paired.session.os },
          });
        case '/api/state':
          if (!paired) return json(res, 401, { error: 'not paired' });
          return json(res, 200, buildSnapshot(store.getState()));
        case '/events': {
          if (!paired) return json(res, 401, { error: 'not paired' });
          res.writeHead(200, {
            ...SECURITY_HEADERS,
            'content-type': 'text/event-stream; charset=utf-8',
            connection: 'keep-alive',
          });
          streams.set(res, jar[SESSION_COOKIE]!);
          res.write(
            `retry: 2000\nevent: state\ndata: ${JSON.stringify(buildSnapshot(store.getState()))}\n\n`,
          );
          req.on('close', () => streams.delete(res));
          return;
        }
        default:
          return text(res, 404, 'warden: no such page');
      }
    }

    if (req.method === 'POST' && (pathname === '/api/command' || pathname === '/api/logout')) {
      if (!originAllowed(req, hosts)) {
        req.resume();
        return json(res, 403, { error: 'cross-origin request refused' });
      }
      if (!paired) {
        req.resume();
        return json(res, 401, { error: 'not paired' });
      }
      if (req.headers['x-csrf-token'] !== paired.csrf) {
        req.resume();
        return json(res, 403, { error: 'missing or wrong CSRF token' });
      }
      if (pathname === '/api/logout') {
        req.resume();
        pairing.revoke(paired.session.id);
        res.setHeader('set-cookie', cookie(SESSION_COOKIE, '', { maxAge: 0 }));
        return json(res, 200, { ok: true });
      }
      const type = req.headers['content-type'];
      if (typeof type !== 'string' || !type.startsWith('application/json')) {
        req.resume();
        return json(res, 415, { error: 'send JSON' });
      }
      return void readJson(req, MAX_COMMAND_BYTES).then(async (body) => {
        const request = commandRequest(body);
        if (!request) return json(res, 400, { error: 'not a command' });
        options.onPersonActed?.();
        const result = await runWebCommand(request, commandDeps);
        return json(res, result.ok ? 200 : 409, result);
      });
    }
    req.resume();
    return text(res, 405, 'warden: method not allowed');
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 0; // the event stream stays open

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      hosts = allowedHosts(options.host, port);
      const shownHost =
        options.host === '0.0.0.0' || options.host === '::'
          ? '127.0.0.1'
          : options.host.includes(':')
            ? `[${options.host}]`
            : options.host;
      const url = `http://${shownHost}:${port}`;
      resolve({
        url,
        host: options.host,
        port,
        pairLink: (code) => `${url}/pair?code=${code}`,
        close: () =>
          new Promise<void>((done) => {
            for (const stop of unsubscribers) stop();
            unsubscribePairing();
            clearInterval(heartbeat);
            for (const res of streams.keys()) res.end();
            streams.clear();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function commandRequest(body: unknown): WebCommandRequest | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  if (!isWebCommandId(b.command)) return undefined;
  const ids = Array.isArray(b.ids)
    ? b.ids.filter((x): x is string => typeof x === 'string').slice(0, 1000)
    : [];
  return {
    command: b.command,
    ids,
    ...(typeof b.reason === 'string' && { reason: b.reason }),
    ...((b.effect === 'allow' || b.effect === 'deny') && { effect: b.effect as 'allow' | 'deny' }),
  };
}

function readJson(req: http.IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > limit) return resolve(undefined);
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        resolve(undefined);
      }
    });
    req.on('error', () => resolve(undefined));
  });
}

function sendAsset(res: http.ServerResponse, status: number, asset: Asset): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': asset.type,
    'content-length': asset.body.length,
  });
  res.end(asset.body);
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

function text(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function messagePage(res: http.ServerResponse, status: number, title: string, message: string): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>warden · ${escapeHtml(title)}</title><link rel="stylesheet" href="/style.css"></head><body class="message"><main><h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(message)}</p></main></body></html>`;
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8' });
  res.end(html);
}

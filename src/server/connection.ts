import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ConsoleFacts } from '../domain/console-facts.js';

/**
 * The per-user secret and where the console listens, in 0600 files under the warden home:
 * `token` (made once, kept across restarts so installed hooks stay valid) and `endpoint.json`
 * (url, port, pid of the running console).
 */
export interface Connection {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly startedAt: string;
  /** The approval page's address, when it is on. */
  readonly page?: string;
  /** Where the console runs (terminal, panes, process, addresses): the guard judges against it. */
  readonly console?: ConsoleFacts;
}

export const DEFAULT_PORT = 7723;

export function tokenFile(home: string): string {
  return path.join(home, 'token');
}

export function endpointFile(home: string): string {
  return path.join(home, 'endpoint.json');
}

/** Reads the token, making it (0600, in a 0700 directory) when there is none. */
export function ensureToken(home: string): string {
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  const file = tokenFile(home);
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (/^[A-Za-z0-9_-]{32,}$/.test(existing)) return existing;
  } catch {
    // none yet
  }
  const token = crypto.randomBytes(32).toString('base64url');
  writePrivate(file, `${token}\n`);
  return token;
}

export function readToken(home: string): string | undefined {
  try {
    return fs.readFileSync(tokenFile(home), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

export function writeConnection(home: string, connection: Connection): void {
  writePrivate(endpointFile(home), `${JSON.stringify(connection, null, 2)}\n`);
}

export function readConnection(home: string): Connection | undefined {
  try {
    const value = JSON.parse(fs.readFileSync(endpointFile(home), 'utf8')) as Partial<Connection>;
    if (typeof value.url === 'string' && typeof value.port === 'number') return value as Connection;
  } catch {
    // absent or unreadable: no console has run
  }
  return undefined;
}

/**
 * A constant-time check of presented tokens against the real one (both hashed to a fixed length
 * first, so neither the content nor the length leaks through timing).
 */
export function tokenChecker(token: string): (presented: string | undefined) => boolean {
  const expected = crypto.createHash('sha256').update(token).digest();
  return (presented) => {
    if (presented === undefined) return false;
    return crypto.timingSafeEqual(crypto.createHash('sha256').update(presented).digest(), expected);
  };
}

/** Writes a file readable by its owner only, atomically (temp + rename). */
export function writePrivate(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content, { mode: 0o600 });
  fs.renameSync(tmp, file);
  fs.chmodSync(file, 0o600);
}

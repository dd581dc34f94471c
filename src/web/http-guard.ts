import type http from 'node:http';

export const SESSION_COOKIE = 'warden_session';
export const PENDING_COOKIE = 'warden_pairing';

/**
 * Strict CSP: only warden's own files, no inline script or style, no framing, no plugins;
 * fetch and server-sent events to this origin only.
 */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'cache-control': 'no-store',
};

export function cookies(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  const header = req.headers.cookie;
  if (typeof header !== 'string') return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name !== '' && !(name in out)) out[name] = part.slice(eq + 1).trim();
  }
  return out;
}

/** An HttpOnly, SameSite=Strict cookie (maxAge 0 clears it). */
export function cookie(
  name: string,
  value: string,
  options: { path?: string; maxAge?: number } = {},
): string {
  const parts = [`${name}=${value}`, `Path=${options.path ?? '/'}`, 'HttpOnly', 'SameSite=Strict'];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  return parts.join('; ');
}

/**
 * The Host names this listener answers to (DNS rebinding: a page on evil.example resolved to
 * 127.0.0.1 sends Host: evil.example and is refused).
 */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set<string>();
  const add = (name: string) => names.add(`${name}:${port}`.toLowerCase());
  const loopback = host === '127.0.0.1' || host === '::1' || host === 'localhost';
  if (loopback) {
    add('127.0.0.1');
    add('localhost');
    add('[::1]');
  } else {
    add(host.includes(':') ? `[${host}]` : host);
  }
  return names;
}

export function hostAllowed(req: http.IncomingMessage, hosts: ReadonlySet<string>): boolean {
  const host = req.headers.host;
  return typeof host === 'string' && hosts.has(host.toLowerCase());
}

/** A state-changing request must come from this page's own origin (CSRF, with the token). */
export function originAllowed(req: http.IncomingMessage, hosts: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  if (typeof origin !== 'string') return false;
  const host = req.headers.host;
  if (typeof host !== 'string' || !hosts.has(host.toLowerCase())) return false;
  return origin.toLowerCase() === `http://${host.toLowerCase()}`;
}

/** Whether an address is loopback (127.0.0.0/8, ::1, localhost). */
export function isLoopback(address: string): boolean {
  return address === 'localhost' || address === '::1' || /^127\.\d+\.\d+\.\d+$/.test(address);
}

import type { ControlHandler } from '../server/http-server.js';
import type { Pairing } from './pairing.js';

/** How long one `warden pair` wait request is held open before it asks again. */
export const WAIT_SLICE_MS = 20_000;

/**
 * The local channel `warden pair` uses (on the token-checked loopback endpoint): make a code,
 * wait for the browser that opens it, answer y/n, list and revoke paired browsers.
 */
export function pairControl(pairing: Pairing, pairLink: (code: string) => string): ControlHandler {
  return async (method, pathname, query, body, signal) => {
    const b = (body ?? {}) as Record<string, unknown>;
    if (method === 'POST' && pathname === '/control/pair') {
      const shown = pairing.newCode('cli');
      return {
        status: 200,
        body: { code: shown.code, link: pairLink(shown.code), expiresAt: shown.expiresAt },
      };
    }
    if (method === 'GET' && pathname === '/control/pair/request') {
      const code = query.get('code') ?? '';
      const request = await waitFor(
        () => pairing.requestFor(code) ?? (pairing.codeLive(code) ? undefined : null),
        pairing,
        signal,
      );
      if (request === null) return { status: 200, body: { expired: true } };
      if (request === undefined) return { status: 200, body: { waiting: true } };
      return { status: 200, body: { request } };
    }
    if (method === 'POST' && pathname === '/control/pair/answer') {
      if (typeof b.id !== 'string' || typeof b.yes !== 'boolean')
        return { status: 400, body: { error: 'id and yes' } };
      const request = pairing.answer(b.id, b.yes);
      if (!request) return { status: 409, body: { error: 'that pairing is no longer waiting' } };
      return { status: 200, body: { request } };
    }
    if (method === 'GET' && pathname === '/control/sessions') {
      return { status: 200, body: { sessions: pairing.view.getState().sessions } };
    }
    if (method === 'POST' && pathname === '/control/revoke') {
      if (typeof b.id !== 'string') return { status: 400, body: { error: 'id (or "all")' } };
      return { status: 200, body: { revoked: pairing.revoke(b.id) } };
    }
    return { status: 404, body: { error: 'no such control request' } };
  };
}

/** Resolves with the first defined value of `probe`, or undefined after a slice of waiting. */
function waitFor<T>(
  probe: () => T | undefined,
  pairing: Pairing,
  signal: AbortSignal,
): Promise<T | undefined> {
  const first = probe();
  if (first !== undefined) return Promise.resolve(first);
  return new Promise((resolve) => {
    const finish = (value: T | undefined) => {
      unsubscribe();
      clearTimeout(timer);
      clearInterval(ticker);
      resolve(value);
    };
    const check = () => {
      const value = probe();
      if (value !== undefined) finish(value);
    };
    const unsubscribe = pairing.view.subscribe(check);
    const ticker = setInterval(check, 1000);
    const timer = setTimeout(() => finish(undefined), WAIT_SLICE_MS);
    signal.addEventListener('abort', () => finish(undefined), { once: true });
  });
}

import crypto from 'node:crypto';
import { createStore, type StoreApi } from 'zustand/vanilla';

/** How long a pairing code is good for. */
export const PAIR_CODE_TTL_MS = 2 * 60 * 1000;
/** How long an opened pairing waits for the person's y/n. */
export const PAIR_ANSWER_TTL_MS = 2 * 60 * 1000;
/** Failed pairing attempts allowed per address, and in all, per window. */
export const PAIR_FAILS_PER_ADDRESS = 5;
export const PAIR_FAILS_TOTAL = 20;
export const PAIR_WINDOW_MS = 60 * 1000;

/** Code alphabet without look-alikes (0/O, 1/I/L): 8 characters are 40 bits. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** Who shows the code and answers the pairing: the console (`w`) or a `warden pair` process. */
export type PairOwner = 'console' | 'cli';

export interface PairRequest {
  readonly id: string;
  readonly owner: PairOwner;
  readonly browser: string;
  readonly os: string;
  readonly address: string;
  readonly at: number;
  readonly state: 'waiting' | 'paired' | 'refused' | 'expired';
}

export interface WebSession {
  readonly id: string;
  readonly browser: string;
  readonly os: string;
  readonly address: string;
  readonly pairedAt: number;
  readonly pairedBy: PairOwner;
  lastSeen: number;
}

export interface ShownCode {
  readonly code: string;
  readonly owner: PairOwner;
  readonly expiresAt: number;
}

/** What the console shows: the code on screen, pairings waiting for y/n, paired browsers. */
export interface PairingView {
  readonly shown: ShownCode | undefined;
  readonly requests: readonly PairRequest[];
  readonly sessions: readonly WebSession[];
  readonly rev: number;
}

export type OpenResult =
  | { readonly ok: true; readonly request: PairRequest; readonly pendingSecret: string }
  | { readonly ok: false; readonly status: 403 | 429; readonly reason: string };

interface Code {
  readonly code: string;
  readonly owner: PairOwner;
  readonly expiresAt: number;
}

interface Pending {
  request: PairRequest;
  readonly secretHash: string;
  /** Handed to the browser once, on its first status check after `y`. */
  sessionSecret?: string;
}

interface SessionRecord {
  readonly session: WebSession;
  readonly secretHash: string;
  readonly csrf: string;
}

export interface PairingDeps {
  now?(): number;
  random?(bytes: number): Buffer;
}

export interface Pairing {
  readonly view: StoreApi<PairingView>;
  /** A new one-time code (the console's `w`, or `warden pair`); the owner's older codes end. */
  newCode(owner: PairOwner): ShownCode;
  /** The code stops working (the console closed its pairing view). */
  cancelCode(code: string): void;
  /** A browser opened the pairing link: the code is used up, a request waits for the person. */
  open(code: string, who: { browser: string; os: string; address: string }): OpenResult;
  /** The person's y/n. Only requests still waiting can be answered. */
  answer(requestId: string, yes: boolean): PairRequest | undefined;
  /** The browser asks how its pairing went; paired once: the session secret, handed out once. */
  status(pendingSecret: string | undefined): {
    state: PairRequest['state'] | 'unknown';
    sessionSecret?: string;
  };
  /** The session a cookie names, or undefined (unknown or revoked). Marks it seen. */
  session(secret: string | undefined): { session: WebSession; csrf: string } | undefined;
  /** Revokes one session by id, or all; how many went. */
  revoke(id: string | 'all'): number;
  /** The request a code opened (`warden pair` waits on it). */
  requestFor(code: string): PairRequest | undefined;
  /** Whether a code can still be opened. */
  codeLive(code: string): boolean;
  /** Drops expired codes and requests (also done on every call). */
  sweep(): void;
}

const hash = (secret: string) => crypto.createHash('sha256').update(secret).digest('base64url');

export function normalizeCode(text: string): string {
  return text.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** "ABCD-EFGH": how the code is shown. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * Pairing a browser needs the person: a one-time code (two minutes) shown only on the person's
 * screen, then the person's y at the console or `warden pair` for the browser that opened it.
 * Failures are rate limited per address and in all. Sessions live in memory: a console restart
 * unpairs every browser.
 */
export function createPairing(deps: PairingDeps = {}): Pairing {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? ((n: number) => crypto.randomBytes(n));
  const codes = new Map<string, Code>();
  /** Used code → the request it opened (a second use is refused; `warden pair` follows the request). */
  const usedCodes = new Map<string, string>();
  const pending = new Map<string, Pending>();
  const sessions = new Map<string, SessionRecord>();
  const failures: { at: number; address: string }[] = [];
  const view = createStore<PairingView>()(() => ({ shown: undefined, requests: [], sessions: [], rev: 0 }));

  const publish = (shown?: ShownCode | null) => {
    const prev = view.getState();
    view.setState({
      shown: shown === null ? undefined : (shown ?? prev.shown),
      requests: [...pending.values()].map((p) => p.request).filter((r) => r.state === 'waiting'),
      sessions: [...sessions.values()].map((s) => s.session),
      rev: prev.rev + 1,
    });
  };

  const makeCode = () => {
    const bytes = random(8);
    let out = '';
    for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
    return out;
  };

  const sweep = () => {
    const t = now();
    let changed = false;
    for (const [key, c] of codes) {
      if (c.expiresAt <= t) {
        codes.delete(key);
        changed = true;
      }
    }
    for (const [key, p] of pending) {
      if (p.request.state === 'waiting' && p.request.at + PAIR_ANSWER_TTL_MS <= t) {
        p.request = { ...p.request, state: 'expired' };
        changed = true;
      }
      if (p.request.state !== 'waiting' && p.request.at + 2 * PAIR_ANSWER_TTL_MS <= t) pending.delete(key);
    }
    while (failures.length > 0 && failures[0]!.at + PAIR_WINDOW_MS <= t) failures.shift();
    const shown = view.getState().shown;
    if (shown && shown.expiresAt <= t) publish(null);
    else if (changed) publish();
  };

  const limited = (address: string) =>
    failures.length >= PAIR_FAILS_TOTAL ||
    failures.filter((f) => f.address === address).length >= PAIR_FAILS_PER_ADDRESS;

  return {
    view,
    newCode(owner) {
      sweep();
      for (const [key, c] of codes) if (c.owner === owner) codes.delete(key);
      const code: Code = { code: makeCode(), owner, expiresAt: now() + PAIR_CODE_TTL_MS };
      codes.set(code.code, code);
      const shown = { code: code.code, owner, expiresAt: code.expiresAt };
      if (owner === 'console') publish(shown);
      return shown;
    },
    cancelCode(code) {
      codes.delete(normalizeCode(code));
      if (view.getState().shown?.code === normalizeCode(code)) publish(null);
    },
    open(text, who) {
      sweep();
      if (limited(who.address)) {
        return { ok: false, status: 429, reason: 'too many pairing attempts; wait a minute' };
      }
      const code = codes.get(normalizeCode(text));
      if (!code) {
        failures.push({ at: now(), address: who.address });
        const reused = usedCodes.has(normalizeCode(text));
        return {
          ok: false,
          status: 403,
          reason: reused
            ? 'this pairing code was already used; ask for a new one (w in the console, or warden pair)'
            : 'this pairing code is wrong or has expired; ask for a new one (w in the console, or warden pair)',
        };
      }
      codes.delete(code.code);
      const secret = random(32).toString('base64url');
      const request: PairRequest = {
        id: random(9).toString('base64url'),
        owner: code.owner,
        browser: who.browser,
        os: who.os,
        address: who.address,
        at: now(),
        state: 'waiting',
      };
      pending.set(request.id, { request, secretHash: hash(secret) });
      usedCodes.set(code.code, request.id);
      if (usedCodes.size > 100) usedCodes.delete(usedCodes.keys().next().value!);
      if (view.getState().shown?.code === code.code) publish(null);
      else publish();
      return { ok: true, request, pendingSecret: secret };
    },
    answer(requestId, yes) {
      sweep();
      const p = pending.get(requestId);
      if (!p || p.request.state !== 'waiting') return undefined;
      p.request = { ...p.request, state: yes ? 'paired' : 'refused' };
      if (yes) {
        const secret = random(32).toString('base64url');
        const session: WebSession = {
          id: random(6).toString('base64url'),
          browser: p.request.browser,
          os: p.request.os,
          address: p.request.address,
          pairedAt: now(),
          pairedBy: p.request.owner,
          lastSeen: now(),
        };
        sessions.set(hash(secret), {
          session,
          secretHash: hash(secret),
          csrf: random(24).toString('base64url'),
        });
        p.sessionSecret = secret;
      }
      publish();
      return p.request;
    },
    status(secret) {
      sweep();
      if (secret === undefined) return { state: 'unknown' };
      const h = hash(secret);
      for (const p of pending.values()) {
        if (p.secretHash !== h) continue;
        const sessionSecret = p.sessionSecret;
        p.sessionSecret = undefined;
        return { state: p.request.state, ...(sessionSecret !== undefined && { sessionSecret }) };
      }
      return { state: 'unknown' };
    },
    session(secret) {
      if (secret === undefined || secret === '') return undefined;
      const record = sessions.get(hash(secret));
      if (!record) return undefined;
      record.session.lastSeen = now();
      return { session: record.session, csrf: record.csrf };
    },
    revoke(id) {
      let n = 0;
      for (const [key, record] of sessions) {
        if (id === 'all' || record.session.id === id) {
          sessions.delete(key);
          n += 1;
        }
      }
      if (n > 0) publish();
      return n;
    },
    requestFor(code) {
      sweep();
      const id = usedCodes.get(normalizeCode(code));
      return id === undefined ? undefined : pending.get(id)?.request;
    },
    codeLive(code) {
      sweep();
      return codes.has(normalizeCode(code));
    },
    sweep,
  };
}

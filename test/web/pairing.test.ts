import { describe, expect, it } from 'vitest';
import { browserName } from '../../src/web/browser-name.js';
import {
  createPairing,
  PAIR_CODE_TTL_MS,
  PAIR_FAILS_PER_ADDRESS,
  PAIR_FAILS_TOTAL,
} from '../../src/web/pairing.js';

const who = (address = '192.168.1.7') => ({ browser: 'Chrome 131', os: 'Android', address });

function clock() {
  let t = 1_000_000;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe('pairing', () => {
  it('needs a live code and then the person: no session until yes, one session after', () => {
    const p = createPairing();
    const shown = p.newCode('console');
    expect(shown.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    const opened = p.open(shown.code.toLowerCase(), who());
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(p.view.getState().requests.map((r) => r.browser)).toEqual(['Chrome 131']);
    expect(p.status(opened.pendingSecret)).toEqual({ state: 'waiting' });
    expect(p.view.getState().sessions).toHaveLength(0);
    p.answer(opened.request.id, true);
    const first = p.status(opened.pendingSecret);
    expect(first.state).toBe('paired');
    expect(first.sessionSecret).toBeDefined();
    // The session secret is handed out once.
    expect(p.status(opened.pendingSecret).sessionSecret).toBeUndefined();
    const session = p.session(first.sessionSecret);
    expect(session?.session.address).toBe('192.168.1.7');
    expect(session?.csrf.length).toBeGreaterThan(20);
    expect(p.session('guess')).toBeUndefined();
    expect(p.session(undefined)).toBeUndefined();
  });

  it('a code works once; a second open is refused and says so', () => {
    const p = createPairing();
    const shown = p.newCode('cli');
    expect(p.open(shown.code, who()).ok).toBe(true);
    const again = p.open(shown.code, who('10.0.0.2'));
    expect(again).toMatchObject({ ok: false, status: 403 });
    expect(!again.ok && again.reason).toContain('already used');
    expect(p.view.getState().requests).toHaveLength(1);
  });

  it('refused and unanswered pairings give no session; answers after the fact do nothing', () => {
    const c = clock();
    const p = createPairing({ now: c.now });
    const a = p.open(p.newCode('console').code, who());
    if (!a.ok) throw new Error('open');
    p.answer(a.request.id, false);
    expect(p.status(a.pendingSecret)).toEqual({ state: 'refused' });
    expect(p.answer(a.request.id, true)).toBeUndefined();
    expect(p.view.getState().sessions).toHaveLength(0);

    const b = p.open(p.newCode('console').code, who());
    if (!b.ok) throw new Error('open');
    c.advance(PAIR_CODE_TTL_MS + 1);
    expect(p.status(b.pendingSecret).state).toBe('expired');
    expect(p.answer(b.request.id, true)).toBeUndefined();
  });

  it('codes expire after two minutes; a new code ends the owner’s older one', () => {
    const c = clock();
    const p = createPairing({ now: c.now });
    const old = p.newCode('console');
    const fresh = p.newCode('console');
    expect(p.codeLive(old.code)).toBe(false);
    expect(p.codeLive(fresh.code)).toBe(true);
    const cli = p.newCode('cli');
    expect(p.codeLive(fresh.code)).toBe(true);
    c.advance(PAIR_CODE_TTL_MS);
    expect(p.codeLive(cli.code)).toBe(false);
    expect(p.open(cli.code, who())).toMatchObject({ ok: false, status: 403 });
    expect(p.view.getState().shown).toBeUndefined();
  });

  it('rate limits failed attempts per address and in all, even against a right code', () => {
    const c = clock();
    const p = createPairing({ now: c.now });
    for (let i = 0; i < PAIR_FAILS_PER_ADDRESS; i++) p.open('WRONG000', who('10.0.0.9'));
    const right = p.newCode('console');
    expect(p.open(right.code, who('10.0.0.9'))).toMatchObject({ ok: false, status: 429 });
    // Another address still can, until the total is reached.
    for (let i = 0; i < PAIR_FAILS_TOTAL; i++) p.open('WRONG000', who(`10.1.0.${i}`));
    expect(p.open(right.code, who('10.2.0.1'))).toMatchObject({ ok: false, status: 429 });
    c.advance(61_000);
    expect(p.open(right.code, who('10.2.0.1')).ok).toBe(true);
  });

  it('revokes one session by id, or all', () => {
    const p = createPairing();
    const secrets: string[] = [];
    for (let i = 0; i < 3; i++) {
      const o = p.open(p.newCode('console').code, who(`10.0.0.${i}`));
      if (!o.ok) throw new Error('open');
      p.answer(o.request.id, true);
      secrets.push(p.status(o.pendingSecret).sessionSecret!);
    }
    const [first] = p.view.getState().sessions;
    expect(p.revoke(first!.id)).toBe(1);
    expect(p.session(secrets[0])).toBeUndefined();
    expect(p.session(secrets[1])).toBeDefined();
    expect(p.revoke('all')).toBe(2);
    expect(p.session(secrets[2])).toBeUndefined();
  });
});

describe('browserName', () => {
  it.each([
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
      'Chrome 131',
      'Android',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      'Safari 18',
      'iOS',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox 133', 'Linux'],
    ['curl/8.5.0', 'curl/8.5.0', 'an unknown OS'],
    [undefined, 'an unnamed client', 'an unknown OS'],
  ])('%s', (ua, browser, os) => {
    expect(browserName(ua)).toEqual({ browser, os });
  });

  it('keeps control characters from a hostile User-Agent out of the console', () => {
    const { browser } = browserName('evil\u001B]0;pwned\u0007/1.0');
    expect(browser).not.toContain('\u001B');
  });
});

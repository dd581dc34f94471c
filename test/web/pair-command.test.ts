import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Warden } from '../../src/app.js';
import { pair } from '../../src/commands/pair.js';
import { startTestWarden } from '../support/warden-instance.js';

let warden: (Warden & { home: string }) | undefined;
afterEach(async () => {
  await warden?.close();
  warden = undefined;
});

/** Runs `warden pair` against the running console; opens the link it prints as `userAgent` would. */
async function runPair(answer: string, userAgent: string) {
  warden = await startTestWarden({ web: { port: 0 } });
  const input = new PassThrough();
  const out = new PassThrough();
  let text = '';
  out.on('data', (c) => {
    text += c;
  });
  const done = pair(warden.home, { qr: true }, { out, input });
  const link = await until(() => /(http:\/\/\S+\/pair\?code=\S+)/.exec(text)?.[1]);
  expect(text).toContain('▄'); // the QR code, in block characters
  const opened = await fetch(link, { redirect: 'manual', headers: { 'user-agent': userAgent } });
  expect(opened.status).toBe(303);
  const pending = opened.headers.get('set-cookie')!.split(';')[0]!;
  await until(() => text.includes('? y/n'));
  input.write(`${answer}\n`);
  const code = await done;
  const status = await fetch(`${warden.web!.page.url}/pair/status`, { headers: { cookie: pending } });
  return {
    code,
    text,
    status: (await status.json()) as { state: string },
    cookies: status.headers.get('set-cookie'),
  };
}

async function until<T>(probe: () => T | undefined | false): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const v = probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('timed out');
}

describe('warden pair', () => {
  it('names the browser that opened the link and pairs it on y', async () => {
    const run = await runPair('y', 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0');
    expect(run.text).toMatch(/pair Firefox 133, Linux, 127\.0\.0\.1\? y\/n/);
    expect(run.code).toBe(0);
    expect(run.status.state).toBe('paired');
    expect(run.cookies).toMatch(/warden_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict/);
    expect(run.text).not.toContain(warden!.token);
    expect(warden!.web!.pairing.view.getState().sessions).toHaveLength(1);

    const list = new PassThrough();
    let listed = '';
    list.on('data', (c) => {
      listed += c;
    });
    expect(await pair(warden!.home, { list: true }, { out: list, input: new PassThrough() })).toBe(0);
    const id = warden!.web!.pairing.view.getState().sessions[0]!.id;
    expect(listed).toContain(`${id}  Firefox 133 on Linux from 127.0.0.1`);
    expect(
      await pair(warden!.home, { revoke: id }, { out: new PassThrough(), input: new PassThrough() }),
    ).toBe(0);
    expect(warden!.web!.pairing.view.getState().sessions).toHaveLength(0);
  });

  it('refuses on anything but y', async () => {
    const run = await runPair('yes please', 'curl/8.5.0');
    expect(run.text).toContain('pair curl/8.5.0, an unknown OS, 127.0.0.1? y/n');
    expect(run.code).toBe(1);
    expect(run.status.state).toBe('refused');
    expect(run.cookies).toBeNull();
    expect(warden!.web!.pairing.view.getState().sessions).toHaveLength(0);
  });

  it('control requests need the token', async () => {
    warden = await startTestWarden({ web: { port: 0 } });
    const res = await fetch(`${warden.server.url}/control/pair`, { method: 'POST' });
    expect(res.status).toBe(401);
    const wrong = await fetch(`${warden.server.url}/control/sessions`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(401);
  });
});

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`); .ci/run installs it when missing. */
export const CHROMIUM = process.env.WARDEN_CHROMIUM ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const ARTIFACTS = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '../../test-artifacts',
);

/** A fresh Chromium profile (its own --user-data-dir) at a viewport; closed and removed by `close`. */
export async function freshBrowser(
  viewport = { width: 390, height: 844 },
  mobile = true,
  colorScheme: 'light' | 'dark' = 'light',
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport,
    colorScheme,
    ...(mobile && { isMobile: true, hasTouch: true, deviceScaleFactor: 2 }),
  });
  return {
    context,
    page: context.pages()[0] ?? (await context.newPage()),
    async close() {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sends a PreToolUse through the real hook endpoint; resolves with the hook's answer when it comes. */
export function sendHook(
  url: string,
  token: string,
  input: Record<string, unknown>,
  tool = 'Bash',
): { sentAt: number; answer: Promise<Record<string, unknown>> } {
  const body = JSON.stringify({
    session_id: 'phone-session',
    cwd: '/home/u/p',
    hook_event_name: 'PreToolUse',
    permission_mode: 'default',
    tool_name: tool,
    tool_input: input,
    tool_use_id: `toolu_${Math.random().toString(36).slice(2)}`,
  });
  const sentAt = Date.now();
  const answer = fetch(`${url}/hook/claude-code/PreToolUse`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  }).then((r) => r.json() as Promise<Record<string, unknown>>);
  return { sentAt, answer };
}

/** Another origin on this machine serving one page (a cross-origin attacker's page). */
export async function otherOrigin(html: string, script: string) {
  const server = http.createServer((req, res) => {
    if (req.url === '/evil.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(script);
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

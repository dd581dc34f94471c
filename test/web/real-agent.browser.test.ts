// Done-when of issue 12, end to end: the real console (`warden`, in tmux), paired from a
// phone-sized Chromium by `w` and `y`, approves and denies the real Claude Code CLI's held tool
// calls and re-modes the console from the page while the terminal stays in step.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../e2e/harness.js';
import { removeDir, runClaude, tempDir } from '../support/claude-runner.js';
import {
  type FakeMessagesApi,
  scriptedClaudeCodeHandler,
  scriptPrompt,
  startFakeMessagesApi,
} from '../support/fake-messages-api.js';
import { startTerminal, type Terminal } from '../support/tmux-terminal.js';
import { installClaudeCode, WARDEN_BIN, wardenEnv } from '../support/warden-process.js';
import { hasTmux } from '../terminal/tmux.js';
import { freshBrowser, HAVE_CHROMIUM } from './browser-support.js';

const ready = (HAVE_CHROMIUM && hasTmux()) || process.env.CI === 'true';

describe.skipIf(!ready)('a real agent session answered from the page', { timeout: 120_000 }, () => {
  let api: FakeMessagesApi;
  let root: string;
  let project: string;
  let term: Terminal;
  let phone: Awaited<ReturnType<typeof freshBrowser>>;

  beforeAll(async () => {
    await ensureBuilt();
    api = await startFakeMessagesApi(scriptedClaudeCodeHandler());
    root = tempDir('warden-page-agent-');
    project = join(root, 'project');
    const wardenHome = join(root, 'warden-home');
    for (const d of [project, wardenHome, join(root, 'home')]) mkdirSync(d);
    const env = wardenEnv(wardenHome, join(root, 'home'));
    term = await startTerminal({
      command: process.execPath,
      args: [WARDEN_BIN, '--port', '0', '--mode', 'manual'],
      env,
      cwd: project,
      cols: 120,
      rows: 50,
    });
    const endpointFile = join(wardenHome, 'endpoint.json');
    for (let i = 0; i < 300 && !existsSync(endpointFile); i++) await new Promise((r) => setTimeout(r, 50));
    const { port } = JSON.parse(readFileSync(endpointFile, 'utf8')) as { port: number };
    await installClaudeCode({ env, projectDir: project, port });
    phone = await freshBrowser();
  }, 90_000);

  afterAll(async () => {
    await phone?.close();
    await term?.close();
    await api?.close();
    if (root) removeDir(root);
  });

  it('pairs with w and y, approves, denies with a reason and re-modes a real Claude Code session', async () => {
    await term.sendKeys('w');
    const screen = await term.waitForText(/http:\/\/127\.0\.0\.1:\d+\/pair\?code=[A-Z0-9]+/, 20_000);
    const link = /http:\/\/127\.0\.0\.1:\d+\/pair\?code=[A-Z0-9]+/.exec(screen)![0];
    const pageUrl = new URL(link).origin;
    await phone.page.goto(link);
    await term.waitForText(/pair Headless Chrome \d+, Linux, 127\.0\.0\.1\? y\/n/, 20_000);
    await term.sendKeys('y');
    await phone.page.waitForURL(`${pageUrl}/`);
    await term.sendKeys('Escape');

    // Approve from the page: Claude Code's Bash call runs.
    const made = join(project, 'approved-from-page.txt');
    const first = runClaude({
      apiUrl: api.url,
      projectDir: project,
      prompt: scriptPrompt([{ name: 'Bash', input: { command: `touch ${made}`, description: 'touch' } }]),
      timeoutMs: 60_000,
    });
    const card = phone.page.locator('#held li.card').first();
    await card.waitFor({ timeout: 40_000 });
    await expect(card.locator('.detail').textContent()).resolves.toContain('approved-from-page.txt');
    expect(existsSync(made)).toBe(false);
    await card.getByRole('button', { name: 'Approve', exact: true }).tap();
    const approved = await first;
    expect(approved.timedOut).toBe(false);
    expect(existsSync(made)).toBe(true);
    await term.waitForText(/approved-from-page\.txt/, 10_000);

    // Deny with a reason from the page: Claude Code is told the reason and nothing runs.
    const never = join(project, 'denied-from-page.txt');
    const second = runClaude({
      apiUrl: api.url,
      projectDir: project,
      prompt: scriptPrompt([{ name: 'Bash', input: { command: `touch ${never}`, description: 'touch' } }]),
      timeoutMs: 60_000,
    });
    const denyCard = phone.page.locator('#held li.card').first();
    await denyCard.waitFor({ timeout: 40_000 });
    await denyCard.getByRole('button', { name: 'Deny', exact: true }).tap();
    await denyCard.getByLabel('Reason for the agent (optional)').fill('not in this project');
    await denyCard.getByRole('button', { name: 'Deny with this reason' }).tap();
    const denied = await second;
    expect(existsSync(never)).toBe(false);
    expect(JSON.stringify(denied.permissionDenials)).toContain('denied-from-page.txt');
    expect(JSON.stringify(denied.events)).toContain('not in this project');

    // Re-mode from the page: the terminal's header follows.
    await phone.page.getByRole('button', { name: 'Pause', exact: true }).tap();
    await term.waitForText(/PAUSE/, 10_000);
    await phone.page.getByRole('button', { name: 'Edits', exact: true }).tap();
    await term.waitForText(/ EDITS /, 10_000);
  });
});

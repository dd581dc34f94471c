import { afterEach, describe, expect, it } from 'vitest';
import type { Warden } from '../../src/app.js';
import { auditLines, prePayload, startTestWarden } from '../support/warden-instance.js';

let warden: (Warden & { home: string }) | undefined;
afterEach(async () => {
  await warden?.close();
  warden = undefined;
});

async function post(w: Warden, event: string, body: string, token: string | null = w.token) {
  const res = await fetch(`${w.server.url}/hook/claude-code/${event}`, {
    method: 'POST',
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
    body,
  });
  return { status: res.status, json: (await res.json()) as { hookSpecificOutput?: Record<string, string> } };
}

const decisionOf = (json: { hookSpecificOutput?: Record<string, string> }) =>
  json.hookSpecificOutput?.permissionDecision;

describe('the endpoint', () => {
  it('answers a read with allow and writes the decision to the audit log', async () => {
    warden = await startTestWarden();
    const { status, json } = await post(
      warden,
      'PreToolUse',
      JSON.stringify(prePayload('Read', { file_path: 'a.ts' })),
    );
    expect(status).toBe(200);
    expect(json.hookSpecificOutput).toMatchObject({
      hookEventName: 'PreToolUse',
      permissionDecision: 'allow',
    });
    const decisions = auditLines(warden.home).filter((r) => r.event === 'decision');
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({
      tool: 'Read',
      decision: 'allow',
      by: 'tier:read-only',
      session: 'sess-1',
    });
  });

  it.each([
    ['no token', JSON.stringify(prePayload('Read', { file_path: 'a' })), null],
    ['a wrong token', JSON.stringify(prePayload('Read', { file_path: 'a' })), 'nope'],
    ['invalid JSON', '{"session_id":', 'VALID'],
    ['an empty body', '', 'VALID'],
    ['wrong types', JSON.stringify({ ...prePayload('Bash', {}), tool_input: 7 }), 'VALID'],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('latin1'), 'VALID'],
  ])('answers %s with a valid ask, never allow', async (_name, body, token) => {
    warden = await startTestWarden();
    const { status, json } = await post(
      warden,
      'PreToolUse',
      body,
      token === 'VALID' ? warden.token : (token as string | null),
    );
    expect(status).toBe(200);
    expect(decisionOf(json)).toBe('ask');
    expect(json.hookSpecificOutput?.permissionDecisionReason).toMatch(/^warden: /);
  });

  it('answers a payload over the size limit with ask and stays up', async () => {
    warden = await startTestWarden();
    const huge = JSON.stringify(
      prePayload('Write', { file_path: 'a', content: 'x'.repeat(17 * 1024 * 1024) }),
    );
    const { json } = await post(warden, 'PreToolUse', huge);
    expect(decisionOf(json)).toBe('ask');
    const after = await post(warden, 'PreToolUse', JSON.stringify(prePayload('Read', { file_path: 'a' })));
    expect(decisionOf(after.json)).toBe('allow');
  });

  it('parks a held action until the person approves it', async () => {
    warden = await startTestWarden();
    const pending = post(
      warden,
      'PreToolUse',
      JSON.stringify(prePayload('Bash', { command: 'make deploy' })),
    );
    await until(() => warden!.store.getState().held.length === 1);
    expect(warden.broker.pendingCount()).toBe(1);
    warden.store.getState().approve();
    const { json } = await pending;
    expect(json.hookSpecificOutput).toMatchObject({
      permissionDecision: 'allow',
      permissionDecisionReason: 'approved by the user',
    });
    const decision = auditLines(warden.home).find((r) => r.event === 'decision');
    expect(decision).toMatchObject({ decision: 'allow', who: 'user', verdict: 'hold' });
  });

  it('a rule added mid-session resolves a parked action', async () => {
    warden = await startTestWarden();
    const pending = post(
      warden,
      'PreToolUse',
      JSON.stringify(prePayload('Bash', { command: 'git push --force' })),
    );
    await until(() => warden!.store.getState().held.length === 1);
    warden.store.getState().addSessionRule({ effect: 'deny', text: 'Bash', source: { origin: 'session' } });
    const { json } = await pending;
    expect(json.hookSpecificOutput).toMatchObject({ permissionDecision: 'deny' });
  });

  it('answers ask on its own before the hook times out', async () => {
    warden = await startTestWarden({ holdTimeoutMs: 150 });
    const { json } = await post(
      warden,
      'PreToolUse',
      JSON.stringify(prePayload('Bash', { command: 'make' })),
    );
    expect(json.hookSpecificOutput?.permissionDecision).toBe('ask');
    expect(json.hookSpecificOutput?.permissionDecisionReason).toMatch(/nobody decided/);
  });

  it('releases a parked action when the agent stops waiting', async () => {
    warden = await startTestWarden();
    const controller = new AbortController();
    const pending = fetch(`${warden.server.url}/hook/claude-code/PreToolUse`, {
      method: 'POST',
      headers: { authorization: `Bearer ${warden.token}` },
      body: JSON.stringify(prePayload('Bash', { command: 'make build' })),
      signal: controller.signal,
    }).catch(() => 'aborted');
    await until(() => warden!.store.getState().held.length === 1);
    controller.abort();
    expect(await pending).toBe('aborted');
    await until(() => warden!.store.getState().held.length === 0);
    expect(warden.broker.pendingCount()).toBe(0);
  });

  it('records PostToolUse outcomes against their action and in the audit log', async () => {
    warden = await startTestWarden();
    const payload = prePayload('Read', { file_path: 'a' });
    await post(warden, 'PreToolUse', JSON.stringify(payload));
    const { status, json } = await post(
      warden,
      'PostToolUse',
      JSON.stringify({ ...payload, hook_event_name: 'PostToolUse', tool_response: { content: 'x' } }),
    );
    expect(status).toBe(200);
    expect(json).toEqual({});
    const record = [...warden.store.getState().records.values()][0]!;
    expect(record.outcome).toMatchObject({ ok: true, toolUseId: payload.tool_use_id });
    expect(auditLines(warden.home).find((r) => r.event === 'outcome')).toMatchObject({
      tool: 'Read',
      ok: true,
    });
  });

  it('answers unknown paths with 404 and keeps the health check open', async () => {
    warden = await startTestWarden();
    expect(
      (await fetch(`${warden.server.url}/hook/nope/PreToolUse`, { method: 'POST', body: '{}' })).status,
    ).toBe(404);
    expect(await (await fetch(`${warden.server.url}/health`)).json()).toMatchObject({
      ok: true,
      name: 'warden',
    });
  });

  it('closing answers every parked action with ask', async () => {
    warden = await startTestWarden();
    const pending = post(warden, 'PreToolUse', JSON.stringify(prePayload('Bash', { command: 'make' })));
    await until(() => warden!.store.getState().held.length === 1);
    await warden.close();
    const { json } = await pending;
    expect(json.hookSpecificOutput?.permissionDecision).toBe('ask');
  });
});

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('session warnings', () => {
  it('warns in the console when a new session runs with bypassPermissions', async () => {
    const w = await startTestWarden();
    try {
      await fetch(`${w.server.url}/hook/claude-code/PreToolUse`, {
        method: 'POST',
        headers: { authorization: `Bearer ${w.token}` },
        body: JSON.stringify(
          prePayload('Read', { file_path: 'a' }, { permission_mode: 'bypassPermissions' }),
        ),
      });
      expect(
        w.store
          .getState()
          .warnings.map((x) => x.text)
          .join('\n'),
      ).toMatch(/bypassPermissions/);
    } finally {
      await w.close();
    }
  });
});

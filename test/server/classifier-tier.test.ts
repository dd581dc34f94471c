import { afterEach, describe, expect, it } from 'vitest';
import type { Warden } from '../../src/app.js';
import { createClassifier } from '../../src/classifier/index.js';
import { type FakeHandler, startFakeMessagesApi } from '../support/fake-messages-api.js';
import { auditLines, prePayload, startTestWarden } from '../support/warden-instance.js';

let warden: (Warden & { home: string }) | undefined;
let api: Awaited<ReturnType<typeof startFakeMessagesApi>> | undefined;
afterEach(async () => {
  await warden?.close();
  await api?.close();
  warden = undefined;
  api = undefined;
});

async function wardenWithClassifier(handler: FakeHandler, deadlineMs = 3000) {
  api = await startFakeMessagesApi(handler);
  const classifier = createClassifier({ apiKey: 'sk-test', baseURL: api.url, deadlineMs });
  warden = await startTestWarden({ classifier, mode: 'auto' });
  return warden;
}

async function decideFetch(w: Warden, url: string) {
  const res = await fetch(`${w.server.url}/hook/claude-code/PreToolUse`, {
    method: 'POST',
    headers: { authorization: `Bearer ${w.token}` },
    body: JSON.stringify(prePayload('WebFetch', { url, prompt: 'read it' })),
  });
  return (
    (await res.json()) as {
      hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string };
    }
  ).hookSpecificOutput;
}

const stageOf = (body: { tool_choice?: { name?: string } }) => body.tool_choice?.name;

describe('the classifier tier in auto mode', () => {
  it('answers an unsure action with the classifier verdict and logs its tokens', async () => {
    const w = await wardenWithClassifier(({ body }) =>
      stageOf(body) === 'screen'
        ? { toolUse: { name: 'screen', input: { decision: 'check' } } }
        : {
            toolUse: {
              name: 'verdict',
              input: {
                analysis: 'x',
                verdict: 'block',
                category: 'destroy-or-exfiltrate',
                reason: 'sends the repo to an unknown host; ask the user first',
              },
            },
          },
    );
    const out = await decideFetch(w, 'http://paste.corp/upload');
    expect(out.permissionDecision).toBe('deny');
    expect(out.permissionDecisionReason).toContain('sends the repo to an unknown host');
    const lines = auditLines(w.home);
    expect(lines.find((l) => l.event === 'classifier')).toMatchObject({ inputTokens: 20, outputTokens: 20 });
    expect(lines.find((l) => l.event === 'decision')).toMatchObject({
      decision: 'deny',
      by: 'classifier',
      who: 'classifier',
    });
  });

  it('holds for a person when the API fails, never allows', async () => {
    const w = await wardenWithClassifier(() => ({
      status: 500,
      body: { type: 'error', error: { type: 'api_error', message: 'boom' } },
    }));
    const pending = decideFetch(w, 'http://docs.corp/a');
    await until(() => {
      const id = w.store.getState().held[0];
      return id !== undefined && w.store.getState().records.get(id)?.status === 'held';
    });
    const record = w.store.getState().records.get(w.store.getState().held[0]!)!;
    expect(record.verdict).toMatchObject({ decision: 'hold', by: 'classifier:unsure' });
    // The header says the backend is failing.
    expect(w.store.getState().classifierStatus).toMatch(
      /last call failed: the classifier API failed \(500\)/,
    );
    w.store.getState().deny(undefined, 'not now');
    expect((await pending).permissionDecision).toBe('deny');
  });

  it('a hanging API is cut at the deadline and the action waits for a person', async () => {
    const w = await wardenWithClassifier(() => ({ hang: true }), 300);
    const pending = decideFetch(w, 'http://docs.corp/b');
    await until(
      () => w.store.getState().records.get(w.store.getState().held[0] ?? '')?.status === 'classifying',
    );
    await until(
      () => w.store.getState().records.get(w.store.getState().held[0] ?? '')?.status === 'held',
      3000,
    );
    w.store.getState().approve();
    expect((await pending).permissionDecision).toBe('allow');
  });
});

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

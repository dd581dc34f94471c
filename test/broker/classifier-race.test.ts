import { afterEach, describe, expect, it } from 'vitest';
import type { Warden } from '../../src/app.js';
import type { Classifier, ClassifierAnswer } from '../../src/domain/classification.js';
import type { ModeName } from '../../src/domain/mode.js';
import { auditLines, prePayload, startTestWarden } from '../support/warden-instance.js';

/**
 * A person's controls must win over a classifier answer that is still on its way: the answer
 * becomes a verdict only through the policy in force when it arrives (issue 11, part 1).
 */

/** A classifier whose answers the test releases by hand. */
function heldBackClassifier() {
  const waiting: Array<(answer: ClassifierAnswer) => void> = [];
  const classifier: Classifier = {
    status: 'on',
    describe: () => 'test classifier',
    classify: () => new Promise<ClassifierAnswer>((resolve) => waiting.push(resolve)),
  };
  return {
    classifier,
    calls: () => waiting.length,
    answer(answer: ClassifierAnswer) {
      const next = waiting.shift();
      if (!next) throw new Error('no classifier call is waiting');
      next(answer);
    },
  };
}

const ALLOW: ClassifierAnswer = { verdict: 'allow', reason: 'routine uptime check' };

let warden: (Warden & { home: string }) | undefined;
afterEach(async () => {
  await warden?.close();
  warden = undefined;
});

async function start() {
  const model = heldBackClassifier();
  warden = await startTestWarden({ classifier: model.classifier, mode: 'auto' });
  return { w: warden, model };
}

/** Sends a command the analyzer is unsure about (remote shell) and waits until it is with the model. */
async function sendUnsure(
  w: Warden,
  model: ReturnType<typeof heldBackClassifier>,
  command = 'ssh build-host uptime',
) {
  const reply = fetch(`${w.server.url}/hook/claude-code/PreToolUse`, {
    method: 'POST',
    headers: { authorization: `Bearer ${w.token}` },
    body: JSON.stringify(prePayload('Bash', { command })),
  }).then(
    async (res) =>
      (
        (await res.json()) as {
          hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string };
        }
      ).hookSpecificOutput,
  );
  await until(() => model.calls() > 0);
  const id = w.store.getState().held.at(-1)!;
  expect(w.store.getState().records.get(id)?.status).toBe('classifying');
  return { id, reply };
}

const settle = () => new Promise((r) => setTimeout(r, 30));

describe('a classifier answer arriving after the person changed something', () => {
  it.each<[ModeName, string]>([
    ['pause', 'held'],
    ['manual', 'held'],
  ])('switching to %s while the model thinks: its allow does not go through', async (mode, status) => {
    const { w, model } = await start();
    const { id, reply } = await sendUnsure(w, model);
    w.store.getState().setMode(mode);
    // The re-judge takes it from the classifier at once: it shows as waiting for a person.
    expect(w.store.getState().records.get(id)?.status).toBe(status);
    model.answer(ALLOW);
    await settle();
    const record = w.store.getState().records.get(id)!;
    expect(record.status).toBe('held');
    expect(record.verdict.by).toBe(`mode:${mode}`);
    w.store.getState().deny([id], 'not now');
    expect((await reply).permissionDecision).toBe('deny');
  });

  it('switching to plan while the model thinks denies the mutation at once; the late allow is ignored', async () => {
    const { w, model } = await start();
    const { id, reply } = await sendUnsure(w, model);
    w.store.getState().setMode('plan');
    const out = await reply;
    expect(out.permissionDecision).toBe('deny');
    expect(out.permissionDecisionReason).toContain('plan mode');
    model.answer(ALLOW);
    await settle();
    expect(w.store.getState().records.get(id)?.status).toBe('denied');
    const decisions = auditLines(w.home).filter((l) => l.event === 'decision' && l.id === id);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ decision: 'deny', by: 'mode:plan' });
  });

  it('a deny rule added while the model thinks denies it; the late allow is ignored', async () => {
    const { w, model } = await start();
    const { id, reply } = await sendUnsure(w, model);
    w.store.getState().addSessionRule({ effect: 'deny', text: 'Bash(ssh *)', source: { origin: 'session' } });
    const out = await reply;
    expect(out.permissionDecision).toBe('deny');
    expect(out.permissionDecisionReason).toContain('Bash(ssh *)');
    model.answer(ALLOW);
    await settle();
    expect(w.store.getState().records.get(id)?.status).toBe('denied');
  });

  it("a person's own decision before the model's answer stands", async () => {
    const { w, model } = await start();
    const { id, reply } = await sendUnsure(w, model);
    w.store.getState().deny([id], 'I said no');
    model.answer(ALLOW);
    await settle();
    const out = await reply;
    expect(out.permissionDecision).toBe('deny');
    expect(out.permissionDecisionReason).toContain('I said no');
    expect(w.store.getState().records.get(id)?.resolution).toMatchObject({ who: 'user', answer: 'deny' });
    expect(auditLines(w.home).filter((l) => l.event === 'decision' && l.id === id)).toHaveLength(1);
  });

  it('switching to yolo while the model thinks does not let the late answer allow what was waiting', async () => {
    const { w, model } = await start();
    const { id } = await sendUnsure(w, model);
    w.store.getState().setMode('yolo');
    model.answer(ALLOW);
    await settle();
    expect(w.store.getState().records.get(id)?.status).toBe('held');
  });

  it('pause then back to auto: the answer still on its way is applied under auto', async () => {
    const { w, model } = await start();
    const { id, reply } = await sendUnsure(w, model);
    w.store.getState().setMode('pause');
    w.store.getState().setMode('auto');
    expect(w.store.getState().records.get(id)?.status).toBe('classifying');
    model.answer({ verdict: 'block', reason: 'reaches a production host' });
    const out = await reply;
    expect(out.permissionDecision).toBe('deny');
    expect(out.permissionDecisionReason).toContain('reaches a production host');
  });

  it('with nothing changed, the answer decides as before', async () => {
    const { w, model } = await start();
    const { reply } = await sendUnsure(w, model);
    model.answer(ALLOW);
    expect((await reply).permissionDecision).toBe('allow');
  });
});

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

import type { RecordedDecision } from '../../replay/recorded-actions.js';
import { previewSteps, type SliceOptions } from '../../rules-preview/preview.js';
import { type PreviewDeps, partsMemo, previewSource, riskOf } from '../../rules-preview/source.js';
import type { WardenStore } from '../../store/create-store.js';
import { cursorRecord } from '../../store/selectors.js';
import { ruleKey } from '../commands/rule-ops.js';
import type { UiStore } from '../console/ui-state.js';

export interface PreviewControllerOptions {
  /** Wait this long after the last change before computing (default 15 ms). */
  readonly debounceMs?: number;
  /** How the work is cut into slices (default: 6 ms each). */
  readonly slices?: SliceOptions;
  /** How long a loaded history is reused (default 60 s). */
  readonly historyTtlMs?: number;
  readonly now?: () => number;
}

/**
 * Keeps the UI store's `preview` in step with the rule editor, off the render path: a change of
 * the rule text or effect (or of the held actions, rules or mode) starts a new preview after a
 * short debounce and cancels the one running; the work runs in slices on setImmediate so no
 * frame waits for it. Returns a stop function.
 */
export function startRulePreview(
  store: WardenStore,
  ui: UiStore,
  deps: PreviewDeps,
  options: PreviewControllerOptions = {},
): () => void {
  const debounceMs = options.debounceMs ?? 15;
  const slices = options.slices ?? {};
  const ttl = options.historyTtlMs ?? 60_000;
  const now = options.now ?? Date.now;
  const risk = riskOf(deps.analyzer, deps.env);
  const partsOf = partsMemo();
  const histories = new Map<string, { at: number; items: Promise<readonly RecordedDecision[]> }>();
  let job = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seen: readonly unknown[] | undefined;

  const historyFor = (project: string | undefined) => {
    const key = project ?? '';
    const hit = histories.get(key);
    if (hit && now() - hit.at < ttl) return hit.items;
    const items = Promise.resolve()
      .then(() => deps.loadHistory(project))
      .catch(() => [] as readonly RecordedDecision[]);
    histories.set(key, { at: now(), items });
    return items;
  };

  const cancel = () => {
    job += 1;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  const run = async () => {
    const mine = ++job;
    const first = store.getState();
    const project = cursorRecord(first)?.action.projectRoot ?? Object.values(first.sessions)[0]?.cwd;
    const history = await historyFor(project);
    if (mine !== job) return;
    const view = ui.getState().view;
    if (view.kind !== 'rule-editor') return;
    const s = store.getState();
    const held = s.held.flatMap((id) => {
      const record = s.records.get(id);
      return record ? [record.action] : [];
    });
    const replaced = view.replacing ? ruleKey(view.replacing) : undefined;
    const rules = replaced ? s.rules.rules.filter((r) => ruleKey(r) !== replaced) : s.rules.rules;
    const source = previewSource(deps, { held, history, rules, mode: s.mode, risk, partsOf });
    const steps = previewSteps({ text: view.text, effect: view.effect }, source, slices);
    const step = () => {
      if (mine !== job) return;
      const next = steps.next();
      ui.setState({ preview: next.value });
      if (!next.done) setImmediate(step);
    };
    step();
  };

  const onChange = () => {
    const view = ui.getState().view;
    if (view.kind !== 'rule-editor') {
      if (seen !== undefined) {
        cancel();
        seen = undefined;
        ui.setState({ preview: undefined });
      }
      return;
    }
    const s = store.getState();
    const key = [view.text, view.effect, view.replacing, s.held, s.rules, s.mode];
    if (seen && key.every((k, i) => k === seen![i])) return;
    seen = key;
    cancel();
    timer = setTimeout(() => void run(), debounceMs);
  };

  const stopUi = ui.subscribe(onChange);
  const stopStore = store.subscribe(onChange);
  onChange();
  return () => {
    cancel();
    stopUi();
    stopStore();
  };
}

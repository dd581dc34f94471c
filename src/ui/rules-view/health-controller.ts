import type { Action } from '../../domain/action.js';
import type { RuleSet } from '../../policy/rules/index.js';
import { HEALTH_DAYS, healthRisk, type RuleHealthDeps, ruleHealthSteps } from '../../rule-health/index.js';
import { partsMemo } from '../../rules-preview/source.js';
import type { WardenStore } from '../../store/create-store.js';
import type { UiStore } from '../console/ui-state.js';

export interface HealthControllerOptions {
  /** Wait this long after the view opens or the rules change before computing (default 15 ms). */
  readonly debounceMs?: number;
  /** How long one slice may run (default 6 ms). */
  readonly sliceMs?: number;
  /** How long a loaded history is reused (default 60 s). */
  readonly historyTtlMs?: number;
  /** How many days of history (default HEALTH_DAYS). */
  readonly days?: number;
  /** The slices' clock (default performance.now). */
  readonly clock?: () => number;
}

interface Loaded {
  readonly actions: readonly Action[];
  readonly error?: string;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Keeps the UI store's `health` in step with the rules view, off the render path: opening the view,
 * or a change of the rules in force while it is open, starts a run after a short debounce and
 * cancels the one going; the work runs in slices on setImmediate so no frame waits for it, and a
 * stale run's results are dropped. Findings of the same rules stay shown while they are rechecked.
 * Returns a stop function.
 */
export function startRuleHealth(
  store: WardenStore,
  ui: UiStore,
  deps: RuleHealthDeps,
  options: HealthControllerOptions = {},
): () => void {
  const debounceMs = options.debounceMs ?? 15;
  const sliceMs = options.sliceMs ?? 6;
  const ttl = options.historyTtlMs ?? 60_000;
  const days = options.days ?? HEALTH_DAYS;
  const risk = healthRisk(deps.env, deps.analyzer);
  const partsOf = partsMemo();
  let loaded: { at: number; items: Promise<Loaded> } | undefined;
  let job = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let open = false;
  let seen: RuleSet | undefined;

  const history = () => {
    const at = deps.now();
    if (loaded && at - loaded.at < ttl) return loaded.items;
    const items = Promise.resolve()
      .then(() => deps.loadHistory(at - days * 86_400_000))
      .then((actions): Loaded => ({ actions }))
      .catch((e: unknown): Loaded => ({ actions: [], error: errorText(e) }));
    loaded = { at, items };
    return items;
  };

  const cancel = () => {
    job += 1;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  const run = async () => {
    const mine = ++job;
    const { actions, error } = await history();
    if (mine !== job) return;
    const s = store.getState();
    const rules = s.rules;
    const roots = [...new Set(Object.values(s.sessions).map((x) => x.cwd))];
    const steps = ruleHealthSteps(
      { rules: rules.rules, history: actions, probes: deps.probes(roots), env: deps.env, risk, partsOf },
      { sliceMs, ...(options.clock && { now: options.clock }) },
    );
    const before = ui.getState().health;
    const kept = before?.rules === rules && before.done ? before : undefined;
    const base = {
      rules,
      history: actions.length,
      days,
      ...(error !== undefined && { error }),
    };
    const step = () => {
      if (mine !== job) return;
      let next: ReturnType<typeof steps.next>;
      try {
        next = steps.next();
      } catch (e) {
        ui.setState({ health: { ...base, findings: [], done: true, error: errorText(e) } });
        return;
      }
      if (next.done) {
        ui.setState({ health: { ...base, findings: next.value, done: true } });
        return;
      }
      ui.setState({
        health: { ...base, findings: kept?.findings ?? [], done: kept !== undefined, running: next.value },
      });
      setImmediate(step);
    };
    step();
  };

  const onChange = () => {
    const isOpen = ui.getState().view.kind === 'rules';
    const rules = store.getState().rules;
    if (!isOpen) {
      if (!open) return;
      open = false;
      cancel();
      // A run cut short leaves no progress behind; complete findings stay for the next opening.
      const health = ui.getState().health;
      if (health?.running) {
        const { running: _, ...rest } = health;
        ui.setState({ health: rest });
      }
      return;
    }
    if (open && rules === seen) return;
    open = true;
    seen = rules;
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

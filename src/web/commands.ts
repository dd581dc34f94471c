import type { Action } from '../domain/action.js';
import { MODE_NAMES, type ModeName } from '../domain/mode.js';
import type { WardenStore } from '../store/create-store.js';
import { isHeld } from '../store/selectors.js';

/**
 * The console's commands as the page may run them, by the same ids as docs/keys.md. This is the
 * one place the page reaches the store: when the console's command table lands, the entries
 * here become calls into it (a one-file change). A request names actions by id; only actions
 * the console holds are touched, and the page gets no command the keys do not have.
 */
export const WEB_COMMAND_IDS = [
  'approve',
  'deny',
  'approve.all',
  'approve.similar',
  'rule.propose',
  'pause',
  'mode.cycle',
  ...MODE_NAMES.map((m) => `mode.${m}` as const),
] as const;
export type WebCommandId = (typeof WEB_COMMAND_IDS)[number];

export interface WebCommandRequest {
  readonly command: WebCommandId;
  /** The held actions it acts on (approve, deny; approve.similar and rule.propose take the first). */
  readonly ids?: readonly string[];
  /** deny: the reason the agent is told. */
  readonly reason?: string;
  /** rule.propose: allow (default) or deny. */
  readonly effect?: 'allow' | 'deny';
}

export interface WebCommandResult {
  readonly ok: boolean;
  /** What happened, or why it could not run (shown on the page). */
  readonly message: string;
}

export interface WebCommandDeps {
  readonly store: WardenStore;
  /** The rule the console would propose for an action (`R`, `s`). */
  suggestRule(action: Action): string;
  ruleCovers(ruleText: string, action: Action): boolean;
}

/** Longest deny reason passed on to the agent. */
export const MAX_REASON = 500;

export function isWebCommandId(value: unknown): value is WebCommandId {
  return typeof value === 'string' && (WEB_COMMAND_IDS as readonly string[]).includes(value);
}

/** Why a command cannot run now, or undefined when it can (the same rules as the keys). */
export function disabledReason(request: WebCommandRequest, deps: WebCommandDeps): string | undefined {
  const state = deps.store.getState();
  switch (request.command) {
    case 'approve':
    case 'deny':
    case 'approve.similar':
    case 'rule.propose':
      return heldTargets(request, deps).length === 0 ? 'that action is no longer held' : undefined;
    case 'approve.all':
      return state.held.length === 0 ? 'nothing is held' : undefined;
    default:
      return undefined;
  }
}

/** Runs one command from the page against the console's store. */
export function runWebCommand(request: WebCommandRequest, deps: WebCommandDeps): WebCommandResult {
  const disabled = disabledReason(request, deps);
  if (disabled !== undefined) return { ok: false, message: disabled };
  const s = deps.store.getState();
  const modeName = modeOf(request.command);
  if (modeName !== undefined) {
    s.setMode(modeName);
    return { ok: true, message: `mode ${modeName}` };
  }
  switch (request.command) {
    case 'approve': {
      const n = s.approve(heldTargets(request, deps));
      return { ok: n > 0, message: `approved ${n}` };
    }
    case 'deny': {
      const reason = (request.reason ?? '').slice(0, MAX_REASON);
      const n = s.deny(heldTargets(request, deps), reason);
      return { ok: n > 0, message: `denied ${n}` };
    }
    case 'approve.all':
      return { ok: true, message: `approved ${s.approveAll()}` };
    case 'approve.similar': {
      const record = s.records.get(heldTargets(request, deps)[0]!)!;
      const rule = deps.suggestRule(record.action);
      const n = s.approveWhere(
        (action) => action.id === record.action.id || covers(deps, rule, action),
        `approved by the user (like ${rule})`,
      );
      return { ok: n > 0, message: `approved ${n} like ${rule}` };
    }
    case 'rule.propose': {
      // The page cannot write rule text: it adds the console's own proposal for a held action,
      // for this console run only (scope session), as the rule editor's default would.
      const record = s.records.get(heldTargets(request, deps)[0]!)!;
      const effect = request.effect === 'deny' ? 'deny' : 'allow';
      const text = deps.suggestRule(record.action);
      const before = s.held.length;
      s.addSessionRule({ effect, text, source: { origin: 'session' } });
      const settled = before - deps.store.getState().held.length;
      return {
        ok: true,
        message: `${effect} ${text} (session) in force${settled > 0 ? `; it settled ${settled} held` : ''}`,
      };
    }
    case 'mode.cycle':
      s.cycleMode();
      return { ok: true, message: `mode ${deps.store.getState().mode}` };
    default:
      return { ok: false, message: 'no such command' };
  }
}

function modeOf(command: WebCommandId): ModeName | undefined {
  if (command === 'pause') return 'pause';
  if (command.startsWith('mode.') && command !== 'mode.cycle') return command.slice(5) as ModeName;
  return undefined;
}

/** The requested ids that the console holds now (others are ignored, never acted on). */
function heldTargets(request: WebCommandRequest, deps: WebCommandDeps): string[] {
  const state = deps.store.getState();
  const ids = (request.ids ?? []).filter((id) => typeof id === 'string' && isHeld(state, id));
  return [...new Set(ids)];
}

function covers(deps: WebCommandDeps, rule: string, action: Action): boolean {
  try {
    return deps.ruleCovers(rule, action);
  } catch {
    return false;
  }
}

import type { Action } from '../domain/action.js';
import { MODE_NAMES } from '../domain/mode.js';
import type { WardenStore } from '../store/create-store.js';
import { isHeld } from '../store/selectors.js';
import { runCommand } from '../ui/commands/run.js';
import type { CommandArgs, RuleDeps } from '../ui/commands/types.js';

/**
 * The console's commands as the page may run them: the same command table and ids as the keys
 * (docs/keys.md), run by id with no views and no terminal, so the page gets no more power than
 * the keys (and less: it cannot pair, quit, or write rule files). A request names actions by id;
 * only actions the console holds are touched, never the console's cursor or marks.
 */
export const WEB_COMMAND_IDS = [
  'approve',
  'deny',
  'approve.all',
  'approve.similar',
  'rule.add',
  'pause',
  'mode.cycle',
  ...MODE_NAMES.map((m) => `mode.${m}` as const),
] as const;
export type WebCommandId = (typeof WEB_COMMAND_IDS)[number];

export interface WebCommandRequest {
  readonly command: WebCommandId;
  /** The held actions it acts on (approve, deny; approve.similar and rule.add take the first). */
  readonly ids?: readonly string[];
  /** deny: the reason the agent is told. */
  readonly reason?: string;
  /** rule.add: allow (default) or deny the console's proposed rule for the first id. */
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

/** Runs one command from the page against the console's store, through the command table. */
export async function runWebCommand(
  request: WebCommandRequest,
  deps: WebCommandDeps,
): Promise<WebCommandResult> {
  const state = deps.store.getState();
  // Always a list (possibly empty): without ids the table would act on the console's cursor.
  const ids = [...new Set((request.ids ?? []).filter((id) => typeof id === 'string'))];
  const args: CommandArgs = { ids };
  let extra: CommandArgs = {};
  if (request.command === 'deny') extra = { reason: (request.reason ?? '').slice(0, MAX_REASON) };
  if (request.command === 'rule.add') {
    // The page cannot write rule text: it puts the console's own proposal for a held action in
    // force, for this console run only (scope session), as the rule editor's default would.
    const record = ids[0] !== undefined ? state.records.get(ids[0]) : undefined;
    if (!record || !isHeld(state, record.action.id))
      return { ok: false, message: 'that action is no longer held' };
    extra = {
      rule: {
        effect: request.effect === 'deny' ? 'deny' : 'allow',
        text: deps.suggestRule(record.action),
        scope: 'session',
      },
    };
  }
  const ruleDeps: RuleDeps = {
    suggestRule: deps.suggestRule,
    ruleCovers: deps.ruleCovers,
    addRule: async () => 'the page adds session rules only',
    removeRule: async () => 'the page removes no rules',
  };
  const result = await runCommand(
    request.command,
    { store: deps.store, deps: ruleDeps },
    { ...args, ...extra },
  );
  return result.ok ? { ok: true, message: result.message ?? 'done' } : { ok: false, message: result.reason };
}

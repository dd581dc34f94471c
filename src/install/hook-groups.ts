/**
 * The `hooks` block Claude Code, Gemini CLI and Codex share: `{ "<Event>": [{ matcher?, hooks:
 * [entry, ...] }] }`. warden's entries are merged in (earlier warden entries replaced, everything
 * else kept in order) and taken out again without touching anyone else's.
 */

export type HookEntry = Record<string, unknown>;
type MatcherGroup = { matcher?: string; hooks?: HookEntry[] } & Record<string, unknown>;

export interface WardenHookSpec {
  /** Which entries are warden's (reinstalling replaces them, uninstalling removes them). */
  readonly isWarden: (hook: HookEntry) => boolean;
  /** The events warden installs and, for each, the matcher (undefined: none) and the entry. */
  readonly entries: readonly {
    readonly event: string;
    readonly matcher?: string;
    readonly hook: HookEntry;
  }[];
}

/** Settings with warden's hooks merged in: other hooks and settings kept, earlier warden hooks replaced. */
export function withHooks(settings: Record<string, unknown>, spec: WardenHookSpec): Record<string, unknown> {
  const cleaned = withoutHooks(settings, spec.isWarden);
  const hooks = { ...((cleaned.hooks as Record<string, unknown> | undefined) ?? {}) };
  for (const { event, matcher, hook } of spec.entries) {
    const existing = hooks[event];
    const groups = Array.isArray(existing) ? [...existing] : [];
    groups.push(matcher === undefined ? { hooks: [hook] } : { matcher, hooks: [hook] });
    hooks[event] = groups;
  }
  return { ...cleaned, hooks };
}

/** Settings with every warden hook removed (groups and events left empty by that dropped). */
export function withoutHooks(
  settings: Record<string, unknown>,
  isWarden: (hook: HookEntry) => boolean,
): Record<string, unknown> {
  const hooks = settings.hooks;
  if (typeof hooks !== 'object' || hooks === null || Array.isArray(hooks)) return settings;
  const out: Record<string, unknown> = {};
  for (const [event, groups] of Object.entries(hooks as Record<string, unknown>)) {
    if (!Array.isArray(groups)) {
      out[event] = groups;
      continue;
    }
    const kept = (groups as MatcherGroup[])
      .map((g) =>
        Array.isArray(g?.hooks)
          ? { ...g, hooks: g.hooks.filter((h) => !isHookObject(h) || !isWarden(h)) }
          : g,
      )
      .filter((g) => !Array.isArray(g?.hooks) || g.hooks.length > 0);
    if (kept.length > 0) out[event] = kept;
  }
  const { hooks: _old, ...rest } = settings;
  return Object.keys(out).length > 0 ? { ...rest, hooks: out } : rest;
}

/** warden's entries under one event, wherever they sit (for doctor). */
export function hooksFor(
  settings: Record<string, unknown>,
  event: string,
  isWarden: (hook: HookEntry) => boolean,
): { group: Record<string, unknown>; hook: HookEntry }[] {
  const hooks = settings.hooks;
  if (typeof hooks !== 'object' || hooks === null || Array.isArray(hooks)) return [];
  const groups = (hooks as Record<string, unknown>)[event];
  if (!Array.isArray(groups)) return [];
  const out: { group: Record<string, unknown>; hook: HookEntry }[] = [];
  for (const group of groups as MatcherGroup[]) {
    if (!isHookObject(group) || !Array.isArray(group.hooks)) continue;
    for (const hook of group.hooks) if (isHookObject(hook) && isWarden(hook)) out.push({ group, hook });
  }
  return out;
}

function isHookObject(value: unknown): value is HookEntry {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a command hook runs `warden … hook <agent>` (any path to warden or bin/warden.js). */
export function runsWardenHook(command: unknown, agent: string): boolean {
  if (typeof command !== 'string') return false;
  return new RegExp(`\\bwarden(\\.js)?["']?\\s+(.*\\s)?hook\\s+${agent.replace(/[-]/g, '\\-')}\\b`).test(
    command,
  );
}

/** One shell word, quoted: double quotes when that is safe in sh/bash, else single quotes. */
export function shellWord(word: string): string {
  if (!/["$`\\!]/.test(word)) return `"${word}"`;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

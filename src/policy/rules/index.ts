import type { Action } from '../../domain/action.js';
import type { Environment } from '../../domain/analysis.js';
import type { Rule, RuleEffect } from '../../domain/rule.js';
import { type CommandParts, commandMatcher, commandParts } from './command-match.js';
import { type ParseResult, parseRule, type RuleTarget } from './parse.js';
import { pathMatcher } from './path-match.js';

export { type ParseResult, parseRule, type RuleTarget } from './parse.js';
export { type PartJudge, type RuleChoices, ruleChoices, suggestRule } from './suggest.js';

export interface RuleSet {
  readonly rules: readonly Rule[];
  /** The rule that decides the action: the first matching deny, else the first ask, else the first allow. */
  find(action: Action, env: Environment): Rule | undefined;
}

/** Edit rules cover every tool that edits a file; Read rules every tool that reads one. */
const TOOL_FAMILY: Readonly<Record<string, readonly string[]>> = {
  Edit: ['Edit', 'Write', 'MultiEdit', 'NotebookEdit'],
  Read: ['Read', 'Glob', 'Grep', 'LS', 'NotebookRead'],
};

type Matcher = (action: Action, env: Environment, effect: RuleEffect) => boolean;

/** How a command is split into parts (a caller matching one rule against thousands of commands passes its own memo). */
export type PartsOf = (command: string, home: string) => CommandParts | null;

/** Compiles a rule's target; an unparseable rule matches nothing (loaders report it). */
export function compileTarget(target: RuleTarget, partsOf: PartsOf = commandParts): Matcher {
  switch (target.kind) {
    case 'any':
      return (action) => toolCovers(target.tool, action.tool);
    case 'mcp':
      return (action) => {
        if (!action.tool.startsWith(`mcp__${target.server}__`)) return false;
        return target.mcpTool === undefined || action.tool === `mcp__${target.server}__${target.mcpTool}`;
      };
    case 'command': {
      const test = commandMatcher(target.pattern, target.legacyPrefix);
      return (action, env, effect) => {
        if (!toolCovers(target.tool, action.tool) || action.command === undefined) return false;
        const split = partsOf(action.command, env.home);
        const raw = action.command.trim().replace(/\s+/g, ' ');
        // deny and ask: any part (or, unparseable, the raw text) matching is enough.
        if (effect !== 'allow')
          return split === null
            ? test(raw)
            : split.parts.some(test) || split.unwrapped.some(test) || test(raw);
        // allow: every part must match, and nothing may be written through a redirection.
        return split !== null && !split.writesFiles && split.parts.every(test);
      };
    }
    case 'path': {
      const test = pathMatcher(target.pattern);
      return (action, env, effect) => {
        if (!toolCovers(target.tool, action.tool) || action.paths.length === 0) return false;
        const base = { home: env.home, projectRoot: action.projectRoot, cwd: action.cwd };
        return effect === 'allow'
          ? action.paths.every((f) => test(f, base))
          : action.paths.some((f) => test(f, base));
      };
    }
    case 'domain':
      return (action, _env, effect) => {
        if (action.tool !== target.tool) return false;
        // every host the fetch reaches (Gemini's web_fetch names its URLs in a prompt): a deny or
        // ask rule covers the fetch when one host fits, an allow rule only when all do
        const hosts = fetchHosts(action.input);
        if (hosts.length === 0) return false;
        const fits = (host: string) =>
          target.domain.startsWith('*.') ? host.endsWith(target.domain.slice(1)) : host === target.domain;
        return effect === 'allow' ? hosts.every(fits) : hosts.some(fits);
      };
    case 'literal':
      return (action) =>
        action.tool === target.tool && JSON.stringify(action.input).includes(target.specifier);
  }
}

function toolCovers(ruleTool: string, actionTool: string): boolean {
  return ruleTool === actionTool || (TOOL_FAMILY[ruleTool]?.includes(actionTool) ?? false);
}

/** The hosts a fetch tool's input reaches: `url`, `urls`, and URLs written in its prompt. */
function fetchHosts(input: Readonly<Record<string, unknown>>): string[] {
  const urls: unknown[] = [input.url, ...(Array.isArray(input.urls) ? input.urls : [])];
  if (typeof input.prompt === 'string')
    urls.push(...[...input.prompt.matchAll(/\bhttps?:\/\/[^\s<>"'`)\]]+/gi)].map((m) => m[0]));
  return urls.map(hostOf).filter((h): h is string => h !== undefined);
}

function hostOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

const EFFECTS: readonly RuleEffect[] = ['deny', 'ask', 'allow'];

export function compileRules(rules: readonly Rule[], partsOf: PartsOf = commandParts): RuleSet {
  const compiled = rules.flatMap((rule) => {
    const parsed: ParseResult = parseRule(rule.text);
    return parsed.ok ? [{ rule, matches: compileTarget(parsed.target, partsOf) }] : [];
  });
  const byEffect = EFFECTS.map((effect) => compiled.filter((c) => c.rule.effect === effect));
  return {
    rules,
    find(action, env) {
      for (let i = 0; i < EFFECTS.length; i++) {
        const effect = EFFECTS[i]!;
        for (const c of byEffect[i]!) if (c.matches(action, env, effect)) return c.rule;
      }
      return undefined;
    },
  };
}

/** Whether a rule text would match an action with the given effect (the console's "held ones like this"). */
export function ruleCovers(
  text: string,
  action: Action,
  env: Environment,
  effect: RuleEffect = 'allow',
): boolean {
  const parsed = parseRule(text);
  return parsed.ok && compileTarget(parsed.target)(action, env, effect);
}

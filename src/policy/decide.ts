import type { Action } from '../domain/action.js';
import { type Analyzer, type Environment, isConsoleFinding } from '../domain/analysis.js';
import { MODES, type ModeName } from '../domain/mode.js';
import { ruleLabel } from '../domain/rule.js';
import { isReadOnlyClass } from '../domain/tools.js';
import { type Verdict, verdict } from '../domain/verdict.js';
import { dirHoldsTokenFile } from '../places/console-files.js';
import { isInside } from '../places/inside.js';
import { isProjectRoot } from '../places/project-root.js';
import { protectedReadReason, protectedWriteReason } from '../places/protected-paths.js';
import { searchesAllSecrets, secretLookingSearch } from '../places/search-scope.js';
import { holdsPrivateKey, isFixtureFile, secretIn, writtenText } from '../places/secret-patterns.js';
import { patternCouldPrintToken, searchFlags } from '../places/token-lines.js';
import type { RuleSet } from './rules/index.js';

/** Denials in this session so far, for auto mode's escalation to a person. */
export interface DenialCount {
  readonly consecutive: number;
  readonly total: number;
}

export interface DecideContext {
  readonly env: Environment;
  readonly analyzer: Analyzer;
  readonly denials?: DenialCount;
}

/** After this many denials in a row, or in a session, auto mode holds instead of denying. */
export const ESCALATE_CONSECUTIVE = 3;
export const ESCALATE_TOTAL = 20;

/**
 * The one synchronous decision pipeline (first match wins; every verdict names its step in `by`):
 * deny rules, mode gates, ask rules, protected paths, allow rules, yolo, read-only tier,
 * project-edit tier, the analyzer (auto mode), else hold. Pure: no I/O, no clock.
 */
export function decide(action: Action, rules: RuleSet, mode: ModeName, ctx: DecideContext): Verdict {
  const spec = MODES[mode];
  const rule = rules.find(action, ctx.env);

  if (rule?.effect === 'deny') {
    return verdict('deny', `rule:${ruleLabel(rule)}`, `blocked by the user's rule ${rule.text}`);
  }
  if (spec.holdEverything) {
    return verdict('hold', `mode:${mode}`, 'warden is paused: every action waits for a person');
  }
  // manual, edits and plan mode run a shell command the analyzer proves read-only, as Claude
  // Code's default mode runs `git status` (auto mode asks the analyzer anyway)
  const provenReadOnly =
    action.toolClass === 'shell' &&
    !spec.useAnalyzer &&
    !spec.allowEverything &&
    spec.allowReads &&
    ctx.analyzer.provesReadOnly?.(action, ctx.env) === true;
  const readOnly = isReadOnlyClass(action.toolClass) || provenReadOnly;
  if (spec.denyMutations && !readOnly) {
    return verdict(
      'deny',
      `mode:${mode}`,
      'blocked: warden is in plan mode, which allows only read-only tools; describe the change in your plan instead of making it',
    );
  }
  if (rule?.effect === 'ask') {
    return verdict('hold', `rule:${ruleLabel(rule)}`, `the user's rule ${rule.text} asks a person`);
  }
  if (!spec.allowEverything) {
    const guarded = protectedReason(action, ctx.env);
    if (guarded) return verdict('hold', 'tier:protected-path', `touches a protected path: ${guarded}`);
  }
  if (rule?.effect === 'allow') {
    // A broad allow rule (`Bash(sed *)`) must not let a command quietly loosen warden or the agent.
    const loosening =
      action.toolClass === 'shell' && !spec.allowEverything ? degradesSecurity(action, ctx) : undefined;
    if (loosening)
      return verdict(
        'hold',
        'tier:protected-path',
        `${loosening} (an allow rule matched, but a person decides this)`,
      );
    return verdict('allow', `rule:${ruleLabel(rule)}`, `allowed by the user's rule ${rule.text}`);
  }
  if (spec.allowEverything) {
    return verdict('allow', `mode:${mode}`, 'yolo mode allows everything but deny rules');
  }
  if (provenReadOnly) {
    return verdict('allow', 'analyzer:read-only', 'the analyzer proves this command only reads');
  }
  if (readOnly && spec.allowReads) {
    return verdict('allow', 'tier:read-only', `${action.tool} only reads`);
  }
  if (action.toolClass === 'edit' && spec.allowProjectEdits && editsStayInProject(action, ctx.env)) {
    const fixture =
      action.paths.length > 0 && action.paths.every((file) => isFixtureFile(file, action.projectRoot));
    const text = writtenText(action.input);
    const secret = fixture && !holdsPrivateKey(text) ? undefined : secretIn(text);
    if (secret) {
      return verdict(
        'hold',
        'tier:secret-in-edit',
        `writes ${secret} into ${action.paths[0]}; keep secrets in the environment or a git-ignored file`,
      );
    }
    return verdict('allow', 'tier:project-edit', `edits inside the project (${mode} mode)`);
  }
  if (spec.useAnalyzer) return fromAnalyzer(action, ctx);
  return verdict('hold', `mode:${mode}`, `${mode} mode: ${action.tool} waits for a person`);
}

function fromAnalyzer(action: Action, ctx: DecideContext): Verdict {
  const analysis = ctx.analyzer.analyze(action, ctx.env);
  switch (analysis.kind) {
    case 'safe':
      return verdict('allow', 'analyzer:safe', analysis.reason);
    case 'dangerous': {
      const by = `analyzer:${analysis.finding}`;
      // keys into the console, its screen, its process, its token: a person decides, never the agent
      if (isConsoleFinding(analysis.finding))
        return verdict('hold', by, analysis.reason, { category: analysis.category });
      if (shouldEscalate(ctx.denials)) {
        return verdict('hold', by, `${analysis.reason} (held for a person after repeated denials)`, {
          category: analysis.category,
        });
      }
      return verdict('deny', by, analysis.reason, { category: analysis.category });
    }
    case 'unsure':
      return verdict('hold', `analyzer:${analysis.finding ?? 'unsure'}`, analysis.reason, {
        wantsClassifier: true,
      });
  }
}

/** The analyzer's reason when a command would weaken security (protected files, hooks, bypass flags). */
function degradesSecurity(action: Action, ctx: DecideContext): string | undefined {
  const analysis = ctx.analyzer.analyze(action, ctx.env);
  return analysis.kind === 'dangerous' && analysis.category === 'degrade-security'
    ? analysis.reason
    : undefined;
}

export function shouldEscalate(denials: DenialCount | undefined): boolean {
  if (!denials) return false;
  return denials.consecutive >= ESCALATE_CONSECUTIVE || denials.total >= ESCALATE_TOTAL;
}

/** Why an action touches a protected path (named), or undefined. */
export function protectedReason(action: Action, env: Environment): string | undefined {
  // the Grep tool reads the content of every file under its path
  if (action.tool === 'Grep') {
    const { pattern, glob, type } = action.input as { pattern?: unknown; glob?: unknown; type?: unknown };
    const asText = (v: unknown) => (typeof v === 'string' ? v : undefined);
    if (secretLookingSearch(asText(pattern) ?? '', asText(glob), asText(type)))
      for (const root of action.paths)
        if (searchesAllSecrets(root, env))
          return `${root} (a search of the whole home or disk for what could be a secret)`;
  }
  const token = action.tool === 'Grep' ? grepPrintsToken(action, env) : undefined;
  if (token) return token;
  for (const file of action.paths) {
    const reason =
      action.toolClass === 'read' ? protectedReadReason(file, env) : protectedWriteReason(file, env);
    if (reason) return `${file} (${reason})`;
  }
  return undefined;
}

/**
 * The Grep tool printing lines (output_mode content) from a directory that holds warden's token,
 * with a pattern that could match the token's line: a token read like `grep -r Bearer .claude`.
 */
function grepPrintsToken(action: Action, env: Environment): string | undefined {
  const input = action.input as Record<string, unknown>;
  if (input.output_mode !== 'content') return undefined;
  const pattern = typeof input.pattern === 'string' ? input.pattern : '';
  const context = ['-A', '-B', '-C', 'context'].some((k) => input[k] !== undefined);
  const flags = { ignoreCase: input['-i'] === true, context, extended: true };
  for (const root of action.paths.length > 0 ? action.paths : [action.cwd])
    if (
      dirHoldsTokenFile(root, action.projectRoot, env) &&
      patternCouldPrintToken([{ value: pattern, dynamic: false }], searchFlags(flags))
    )
      return `${root} (a search whose lines could print warden's hook token)`;
  return undefined;
}

function editsStayInProject(action: Action, env: Environment): boolean {
  return (
    action.paths.length > 0 &&
    isProjectRoot(action.projectRoot, env) &&
    action.paths.every((file) => isInside(file, action.projectRoot))
  );
}

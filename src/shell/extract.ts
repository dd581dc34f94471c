import { type Command, forEachChild, type ParsedScript, parse, type SyntaxNode } from 'unbash';
import { type Arg, expandedVars, hasGlob, readWord } from './words.js';

/** One simple command found anywhere in a script, in source order. */
export interface SimpleCommand {
  readonly argv: readonly Arg[];
  /** Which argv entries hold shell globs (`*`, `?`, `{a,b}`). */
  readonly globs: readonly boolean[];
  readonly redirects: readonly RedirectInfo[];
  /** The command feeding this one's stdin through a pipe, when there is one. */
  readonly upstream?: SimpleCommand;
  /** The command this one's stdout is piped into, when there is one. */
  readonly downstream?: SimpleCommand;
  /** The command whose arguments capture this one's output (`echo $(printenv X)`, `X=$(cmd)`). */
  readonly capturedBy?: SimpleCommand;
  /** Text fed on stdin by a heredoc or here-string. */
  readonly stdinText?: string;
  /** Variables whose values a heredoc or here-string feeds on stdin (`cat <<< "$TOKEN"`). */
  readonly stdinVars?: readonly string[];
  /** The source text of the command. */
  readonly text: string;
  /** `NAME=value` words before the command name (they set its environment). */
  readonly assignments?: readonly Assignment[];
}

export interface Assignment {
  readonly name: string;
  readonly value: Arg;
}

export interface RedirectInfo {
  readonly operator: string;
  readonly target: Arg | undefined;
  /** The redirected descriptor number, when written (`2>` is 2). */
  readonly fd: number | undefined;
}

export interface ExtractedScript {
  readonly commands: readonly SimpleCommand[];
  readonly errors: readonly string[];
}

export const MAX_SOURCE = 20_000;

/** Longer literal loop lists are judged once with the loop variable unknown. */
const MAX_LOOP_WORDS = 8;

/** Parses a shell command and lists every simple command in it, nested substitutions included. */
export function extractCommands(source: string, home: string): ExtractedScript {
  if (source.length > MAX_SOURCE)
    return { commands: [], errors: [`command longer than ${MAX_SOURCE} characters`] };
  let ast: ParsedScript;
  try {
    ast = parse(source);
  } catch (error) {
    return { commands: [], errors: [`parser failed: ${(error as Error).message}`] };
  }
  const commands: SimpleCommand[] = [];
  const vars = new Map<string, string>();
  const errors: string[] = (ast.errors ?? []).map((e) => e.message);
  const visit = (
    node: SyntaxNode,
    upstream: SimpleCommand | undefined,
    src: string,
    captured?: SimpleCommand,
  ): void => {
    if (node.type === 'Script' || (node as { type: string }).type === 'Script') {
      const script = node as ParsedScript;
      for (const e of script.errors ?? []) errors.push(e.message);
      const inner = script.source ?? src;
      forEachChild(node, (child) => visit(child, undefined, inner, captured));
      return;
    }
    if (node.type === 'Pipeline') {
      let prev: SimpleCommand | undefined;
      for (const cmd of node.commands) {
        const before = commands.length;
        visit(cmd, prev, src, captured);
        const first = commands.length > before ? lastTopLevel(commands, before) : undefined;
        if (prev && first?.upstream === prev) (prev as Mutable).downstream = first;
        // the last simple command a stage produced feeds the next stage
        prev = first;
      }
      return;
    }
    if (node.type === 'Redirected') {
      const redirects: RedirectInfo[] = [];
      for (const r of node.redirects) {
        if (r.type !== 'Redirect') continue;
        const fd = r.descriptor?.type === 'FileDescriptor' ? r.descriptor.value : undefined;
        redirects.push({ operator: r.operator, target: r.target ? readWord(r.target, home) : undefined, fd });
      }
      commands.push({
        argv: [],
        globs: [],
        redirects,
        text: src.slice(node.pos, node.end),
        ...(captured && { capturedBy: captured }),
      });
      forEachChild(node, (child) => visit(child, upstream, src, captured));
      return;
    }
    if (node.type === 'For') {
      // a loop over a short literal list runs its body once per word: judge each
      const words = node.wordlist?.map((w) => readWord(w, home, vars));
      const name = node.name.value;
      if (
        words &&
        words.length > 0 &&
        words.length <= MAX_LOOP_WORDS &&
        words.every((w) => !w.dynamic) &&
        !node.wordlist!.some(hasGlob)
      ) {
        for (const w of words) {
          vars.set(name, w.value);
          visit(node.body, upstream, src);
        }
      } else if (words?.length === 1 && !words[0]!.dynamic && node.wordlist!.some(hasGlob)) {
        // `for f in ~/.ssh/*`: the variable stands for what the glob matches
        vars.set(name, words[0]!.value);
        visit(node.body, upstream, src);
      } else {
        vars.delete(name);
        forEachChild(node, (child) => visit(child, upstream, src));
      }
      vars.delete(name);
      return;
    }
    if (node.type === 'Command') {
      if (!node.name) {
        for (const p of node.prefix) {
          if (p.type !== 'Assignment' || p.value.type !== 'Word') continue;
          const v = readWord(p.value, home, vars);
          if (/^\$\(\s*mktemp\b[^)]*\)$/.test(v.value)) vars.set(p.name, `/tmp/${p.name}.mktemp`);
          else if (v.dynamic) vars.delete(p.name);
          else vars.set(p.name, v.value);
        }
      }
      const simple = toSimple(node, upstream, src, home, vars, captured);
      commands.push(simple);
      // substitutions in its words and redirections: their output is captured by this command
      forEachChild(node, (child) => visit(child, undefined, src, simple));
      return;
    }
    forEachChild(node, (child) => visit(child, upstream, src, captured));
  };
  visit(ast, undefined, source);
  return { commands, errors };
}

type Mutable = { -readonly [K in keyof SimpleCommand]: SimpleCommand[K] };

function lastTopLevel(commands: SimpleCommand[], from: number): SimpleCommand | undefined {
  return commands[from];
}

function toSimple(
  node: Command,
  upstream: SimpleCommand | undefined,
  src: string,
  home: string,
  vars: ReadonlyMap<string, string>,
  captured: SimpleCommand | undefined,
): SimpleCommand {
  const argv: Arg[] = [];
  const globs: boolean[] = [];
  if (node.name) {
    argv.push(readWord(node.name, home, vars));
    globs.push(hasGlob(node.name));
  }
  for (const a of node.args) {
    if (a.type === 'Word') {
      argv.push(readWord(a, home, vars));
      globs.push(hasGlob(a));
    } else {
      argv.push({ value: a.text, dynamic: false });
      globs.push(false);
    }
  }
  const redirects: RedirectInfo[] = [];
  let stdinText: string | undefined;
  let stdinVars: readonly string[] = [];
  for (const r of node.redirects) {
    const fd = r.descriptor?.type === 'FileDescriptor' ? r.descriptor.value : undefined;
    if (r.type === 'HereDoc') {
      stdinText = r.body.text;
      stdinVars = r.delimiter?.quoted ? [] : expandedVars(r.body.parts, home);
    } else if (r.type === 'HereString') {
      const target = r.target ? readWord(r.target, home, vars) : undefined;
      stdinText = target?.value ?? '';
      stdinVars = target?.vars ?? [];
    } else
      redirects.push({
        operator: r.operator,
        target: r.target ? readWord(r.target, home, vars) : undefined,
        fd,
      });
  }
  const assignments: Assignment[] = [];
  for (const p of node.prefix)
    if (p.type === 'Assignment' && p.value?.type === 'Word')
      assignments.push({ name: p.name, value: readWord(p.value, home, vars) });
  // optional fields are set only when present (one object per command, no spread temporaries)
  const simple: Mutable = { argv, globs, redirects, text: src.slice(node.pos, node.end) };
  if (assignments.length > 0) simple.assignments = assignments;
  if (upstream) simple.upstream = upstream;
  if (captured) simple.capturedBy = captured;
  if (stdinText !== undefined) simple.stdinText = stdinText;
  if (stdinVars.length > 0) simple.stdinVars = stdinVars;
  return simple;
}

import type { Analysis } from '../domain/analysis.js';
import { judgeAll } from './commands/path-checks.js';
import { safe, unsure } from './verdicts.js';

/**
 * Codex's code mode: `exec` runs JavaScript in an isolated context (no file system, network or
 * processes) whose only effects are the agent's own tools, called as `tools.<name>(input)`. The
 * script is judged by those calls: each is judged as the same call made directly, with the literal
 * input the script passes. A call warden cannot read statically (a computed tool name, an input
 * built at run time, the `tools` object passed around) is held.
 */

export type NestedJudge = (tool: string, input: Readonly<Record<string, unknown>>) => Analysis;

/** Ways to reach the tools or the global scope that a static reading cannot follow. */
const DYNAMIC_ACCESS =
  /\b(globalThis|self|window|eval|Function|Reflect|Proxy|import|require|constructor|__proto__)\b/;

const IDENT = /[A-Za-z_$][\w$]*/y;

/** Reads a JS string literal at `at` (quote included); undefined when it interpolates (`${…}`). */
function stringAt(code: string, at: number): { value: string; end: number } | undefined {
  const quote = code[at];
  if (quote !== '"' && quote !== "'" && quote !== '`') return undefined;
  let value = '';
  for (let i = at + 1; i < code.length; i++) {
    const ch = code[i]!;
    if (ch === '\\') {
      const next = code[i + 1] ?? '';
      value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
      i++;
    } else if (ch === quote) return { value, end: i + 1 };
    else if (quote === '`' && ch === '$' && code[i + 1] === '{') return undefined;
    else value += ch;
  }
  return undefined;
}

const skipSpace = (code: string, at: number): number => {
  let i = at;
  while (i < code.length && /\s/.test(code[i]!)) i++;
  return i;
};

/** A JS literal at `at`: string, number, boolean, null, or an array or object of literals. */
function literalAt(code: string, at: number, depth = 0): { value: unknown; end: number } | undefined {
  if (depth > 20) return undefined;
  const i = skipSpace(code, at);
  const str = stringAt(code, i);
  if (str) return str;
  if (code[i] === '[') {
    const items: unknown[] = [];
    let j = skipSpace(code, i + 1);
    while (code[j] !== ']') {
      const item = literalAt(code, j, depth + 1);
      if (!item) return undefined;
      items.push(item.value);
      j = skipSpace(code, item.end);
      if (code[j] === ',') j = skipSpace(code, j + 1);
      else if (code[j] !== ']') return undefined;
    }
    return { value: items, end: j + 1 };
  }
  if (code[i] === '{') {
    const out: Record<string, unknown> = {};
    let j = skipSpace(code, i + 1);
    while (code[j] !== '}') {
      let key: string;
      const quoted = stringAt(code, j);
      if (quoted) {
        key = quoted.value;
        j = quoted.end;
      } else {
        IDENT.lastIndex = j;
        const m = IDENT.exec(code);
        if (!m) return undefined;
        key = m[0];
        j += m[0].length;
      }
      j = skipSpace(code, j);
      if (code[j] !== ':') return undefined;
      const value = literalAt(code, j + 1, depth + 1);
      if (!value) return undefined;
      out[key] = value.value;
      j = skipSpace(code, value.end);
      if (code[j] === ',') j = skipSpace(code, j + 1);
      else if (code[j] !== '}') return undefined;
    }
    return { value: out, end: j + 1 };
  }
  const m = /^(true|false|null|-?\d+(\.\d+)?)\b/.exec(code.slice(i, i + 40));
  if (!m) return undefined;
  const word = m[1]!;
  const value = word === 'true' ? true : word === 'false' ? false : word === 'null' ? null : Number(word);
  return { value, end: i + word.length };
}

/**
 * A literal argument at `at`, closed by `)`: a string (the tool's whole input, as Codex accepts)
 * or an object of literals. Undefined for anything computed.
 */
function literalArgument(code: string, at: number): Record<string, unknown> | string | undefined {
  const i = skipSpace(code, at);
  if (code[i] === ')') return {};
  const lit = literalAt(code, i);
  if (!lit || code[skipSpace(code, lit.end)] !== ')') return undefined;
  if (typeof lit.value === 'string') return lit.value;
  if (lit.value && typeof lit.value === 'object' && !Array.isArray(lit.value))
    return lit.value as Record<string, unknown>;
  return undefined;
}

/** A string input stands for the tool's main field (Codex: `tools.exec_command("ls")`). */
function asInput(arg: Record<string, unknown> | string): Record<string, unknown> {
  return typeof arg === 'string'
    ? { cmd: arg, command: arg, input: arg, url: arg, query: arg, file_path: arg }
    : arg;
}

export function judgeCodeMode(code: string | undefined, judgeNested: NestedJudge): Analysis {
  if (code === undefined) return unsure('code-mode-unreadable', 'exec without a script');
  if (DYNAMIC_ACCESS.test(code))
    return unsure('code-mode-dynamic', 'the script reaches the global scope or loads code dynamically');
  const out: Analysis[] = [];
  for (const m of code.matchAll(/\btools\b/g)) {
    const after = m.index + m[0].length;
    let name: string | undefined;
    let next: number;
    const dot = /^\s*\.\s*([A-Za-z_$][\w$]*)\s*\(/.exec(code.slice(after, after + 200));
    if (dot) {
      name = dot[1];
      next = after + dot[0].length;
    } else {
      const bracket = /^\s*\[\s*(['"])([\w.$-]+)\1\s*\]\s*\(/.exec(code.slice(after, after + 200));
      if (!bracket) {
        out.push(
          unsure('code-mode-dynamic', 'the script uses the tools object in a way warden cannot follow'),
        );
        continue;
      }
      name = bracket[2];
      next = after + bracket[0].length;
    }
    const arg = literalArgument(code, next);
    if (arg === undefined) {
      out.push(unsure('code-mode-dynamic-input', `the script calls ${name} with an input built at run time`));
      continue;
    }
    out.push(judgeNested(name!, asInput(arg)));
  }
  return out.length === 0 ? safe('runs JavaScript in an isolated context and calls no tools') : judgeAll(out);
}

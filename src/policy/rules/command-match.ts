import { extractCommands } from '../../shell/extract.js';

/** A command split into the simple commands it runs (nested ones included); null when unparseable. */
export interface CommandParts {
  /** Each simple command as words joined by single spaces, quoting removed, env assignments dropped. */
  readonly parts: readonly string[];
  /** Some part writes to a file through a redirection (not /dev/null): no allow rule covers that. */
  readonly writesFiles: boolean;
  /**
   * The parts plus what wrappers run (`sudo X`, `env A=1 X`, `timeout 5 X`, `xargs X`, `bash -c 'X'`),
   * for deny and ask rules: a wrapped command must not slip past a deny rule.
   */
  readonly unwrapped: readonly string[];
}

/** Programs that run the command their arguments name (deny rules see through them; suggestions keep the next word). */
export const WRAPPERS: ReadonlySet<string> = new Set([
  'sudo',
  'doas',
  'env',
  'nice',
  'nohup',
  'timeout',
  'command',
  'builtin',
  'exec',
  'xargs',
  'time',
  'stdbuf',
  'ionice',
  'setsid',
  'chroot',
  'watch',
  'caffeinate',
]);
const SHELLS = /^(?:.*\/)?(?:ba|z|da|k|fi)?sh$/;

/** What a wrapped command runs: `sudo -u x rm -rf /` → `rm -rf /`; `bash -c 'a; b'` → a, b. */
function unwrap(words: readonly string[], home: string, depth: number): string[] {
  if (depth > 4 || words.length === 0) return [];
  const head = words[0]!.replace(/^\\/, '').replace(/^.*\//, '');
  if (SHELLS.test(words[0]!) || SHELLS.test(head)) {
    const c = words.indexOf('-c');
    const script = c >= 0 ? words[c + 1] : undefined;
    if (script === undefined) return [];
    const inner = commandParts(script, home, depth + 1);
    return inner === null ? [script] : [...inner.parts, ...inner.unwrapped];
  }
  if (!WRAPPERS.has(head)) {
    // `/bin/rm -rf x` and `\\rm -rf x` run `rm -rf x`.
    return head === words[0] ? [] : [[head, ...words.slice(1)].join(' ')];
  }
  // Skip the wrapper's own options and assignments (and timeout's duration) to reach the command.
  let i = 1;
  while (
    i < words.length &&
    (words[i]!.startsWith('-') ||
      /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]!) ||
      (head === 'timeout' && /^\d/.test(words[i]!)))
  ) {
    if (head === 'sudo' && /^-[ugCDhprtT]$/.test(words[i]!)) i += 1; // options with a value
    i += 1;
  }
  const rest = words.slice(i);
  if (rest.length === 0) return [];
  return [rest.join(' '), ...unwrap(rest, home, depth + 1)];
}

const cache = new Map<string, CommandParts | null>();

export function commandParts(command: string, home: string, depth = 0): CommandParts | null {
  const key = `${home}\0${command}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const extracted = extractCommands(command, home);
  const result =
    extracted.errors.length > 0 || extracted.commands.length === 0
      ? null
      : {
          parts: extracted.commands.map((c) =>
            withRiskyAssignments(c.text, c.argv.map((a) => a.value).join(' ')),
          ),
          unwrapped: extracted.commands.flatMap((c) =>
            unwrap(
              c.argv.map((a) => a.value),
              home,
              depth,
            ),
          ),
          writesFiles: extracted.commands.some((c) =>
            c.redirects.some(
              (r) =>
                /^(>|>>|>\||&>|&>>|>&|<>)$/.test(r.operator) &&
                !/^(\/dev\/(null|stdout|stderr)|&?\d+-?|-)$/.test(r.target?.value ?? ''),
            ),
          ),
        };
  if (cache.size > 5000) cache.clear();
  cache.set(key, result);
  return result;
}

/**
 * A command pattern as a test on one simple command. `*` matches anything; a trailing ` *` also
 * matches nothing (`ls *` matches `ls` and `ls -la`, not `lsof`); the legacy `prefix:*` matches
 * the prefix as a whole word.
 */
export function commandMatcher(pattern: string, legacyPrefix: boolean): (part: string) => boolean {
  const normalized = pattern.trim().replace(/\s+/g, ' ');
  if (legacyPrefix) return (part) => part === normalized || part.startsWith(`${normalized} `);
  const optionalTail = normalized.endsWith(' *');
  const body = optionalTail ? normalized.slice(0, -2) : normalized;
  const source = body.split('*').map(escapeRegExp).join('.*') + (optionalTail ? '(?: .*)?' : '');
  const re = new RegExp(`^${source}$`, 's');
  return (part) => re.test(part);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Variables that change what a command runs or loads: `PATH=/tmp/x npm test` is not the
 * `npm test` an allow rule means, so such assignments stay in the text rules are matched against.
 */
const RISKY_ENV =
  /^(PATH|LD_\w+|DYLD_\w+|NODE_OPTIONS|NODE_PATH|BASH_ENV|ENV|PROMPT_COMMAND|SHELLOPTS|IFS|GIT_\w+|PYTHONPATH|PYTHONSTARTUP|PERL5OPT|PERL5LIB|RUBYOPT|RUBYLIB|npm_config_\w+|NPM_CONFIG_\w+|JAVA_TOOL_OPTIONS|CLASSPATH)$/;

function withRiskyAssignments(text: string, words: string): string {
  const m = /^\s*((?:[A-Za-z_][A-Za-z0-9_]*=(?:'[^']*'|"[^"]*"|\S)*\s+)+)/.exec(text);
  if (!m) return words;
  const names = [...m[1]!.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=/g)].map((x) => x[1]!);
  return names.some((n) => RISKY_ENV.test(n)) ? `${m[1]!.trim()} ${words}` : words;
}

import type { Analysis } from '../../../domain/analysis.js';
import { resolvePath } from '../../../places/resolve-path.js';
import { zoneOf } from '../../../places/zones.js';
import type { Assignment, SimpleCommand } from '../../../shell/extract.js';
import { type Arg, unquoteAssignment } from '../../../shell/words.js';
import { safe, unsure } from '../../verdicts.js';
import { deeper, type ShellContext } from '../context.js';
import { judgeAll } from '../path-checks.js';

/**
 * Environment variables that decide which code a program runs. Setting one (`NAME=v cmd`, or
 * `export NAME=v` for the commands after it) can slip foreign code into trusted programs.
 */

/** Variables naming a library or script loaded into every program started. */
const LOADS_FILE = /^(LD_PRELOAD|LD_AUDIT|DYLD_INSERT_LIBRARIES|BASH_ENV|ENV|LESSOPEN|LESSCLOSE)$/;

/** Variables holding a command line that programs run (git's pager and editor, ssh for git…). */
const RUNS_COMMAND =
  /^(PAGER|GIT_PAGER|MANPAGER|EDITOR|VISUAL|GIT_EDITOR|GIT_SEQUENCE_EDITOR|GIT_SSH_COMMAND|GIT_SSH|GIT_EXTERNAL_DIFF|GIT_PROXY_COMMAND|PROMPT_COMMAND|\w*_ASKPASS|BROWSER|CC|CXX|CPP|LD|AR|FC|RANLIB|npm_config_script_shell|NPM_CONFIG_SCRIPT_SHELL|SHELL|TERMINAL)$/;

/** Search paths: harmless when they point into the project or the machine's own trees. */
const SEARCH_PATH =
  /^(PATH|LD_LIBRARY_PATH|DYLD_LIBRARY_PATH|DYLD_FRAMEWORK_PATH|PYTHONPATH|PERL5LIB|RUBYLIB|NODE_PATH|GIT_EXEC_PATH)$/;

/**
 * Variables naming a settings file or directory that programs read, where settings can name programs
 * to run (rg's --pre, git's core.pager and aliases, kubeconfig exec plugins, AWS credential_process,
 * docker credential helpers, npm's script-shell) or code (PYTHONSTARTUP, a Gemfile). Harmless in the
 * project or the home directory; from a temp dir anyone could have planted them.
 */
const CONFIG_FILE =
  /^(RIPGREP_CONFIG_PATH|GIT_CONFIG_GLOBAL|GIT_CONFIG_SYSTEM|GIT_CONFIG|NPM_CONFIG_USERCONFIG|NPM_CONFIG_GLOBALCONFIG|npm_config_userconfig|npm_config_globalconfig|KUBECONFIG|AWS_CONFIG_FILE|DOCKER_CONFIG|PYTHONSTARTUP|BUNDLE_GEMFILE|PIP_CONFIG_FILE|CURL_HOME|WGETRC|XDG_CONFIG_HOME)$/;

export function judgeAssignments(cmd: SimpleCommand, ctx: ShellContext): Analysis {
  const out: Analysis[] = (cmd.assignments ?? []).map((a) => judgeAssignment(a, ctx));
  const head = cmd.argv[0];
  // `printf -v NAME VALUE` assigns like NAME=VALUE; `unset HISTFILE` turns history off
  if (head?.value === 'printf' && cmd.argv[1]?.value === '-v' && cmd.argv[2] && cmd.argv[3])
    out.push(judgeAssignment({ name: cmd.argv[2].value, value: cmd.argv[3] }, ctx));
  if (head?.value === 'unset' && cmd.argv.some((a) => a.value === 'HISTFILE')) out.push(historyOff());
  if (
    head &&
    !head.dynamic &&
    (head.value === 'export' || head.value === 'declare' || head.value === 'typeset')
  )
    for (const word of cmd.argv.slice(1)) {
      const eq = word.value.indexOf('=');
      if (eq > 0 && !word.value.startsWith('-'))
        out.push(
          judgeAssignment(
            {
              name: word.value.slice(0, eq),
              value: { value: unquoteAssignment(word.value.slice(eq + 1)), dynamic: word.dynamic },
            },
            ctx,
          ),
        );
    }
  return judgeAll(out);
}

/** The command a variable holds, judged as run; anything not plainly safe is at least held. */
function atLeastUnsureIfRisky(a: Analysis, name: string): Analysis {
  return a.kind === 'safe'
    ? a
    : a.kind === 'dangerous'
      ? a
      : unsure('env-injects-code', `${name}: ${a.reason}`);
}

function historyOff(): Analysis {
  return unsure('history-clear', 'turns shell history off, so what runs next leaves no trace');
}

function judgeAssignment({ name, value }: Assignment, ctx: ShellContext): Analysis {
  if (/^HIST(FILE|SIZE|FILESIZE)$/.test(name) && /^(|0|\/dev\/null)$/.test(value.value)) return historyOff();
  if (LOADS_FILE.test(name) && value.value !== '')
    return unsure('env-injects-code', `${name}=${value.value} makes programs load that code`);
  if (RUNS_COMMAND.test(name) && value.value !== '') {
    if (value.dynamic) return unsure('env-injects-code', `${name} runs a command only known at run time`);
    // a program in a temp dir is an unknown program; a bare program name (`SHELL=/bin/zsh`) is fine
    const command = value.value.trim();
    if (isScratch(command.split(/\s+/)[0] ?? '', value, ctx))
      return unsure('env-injects-code', `${name}=${value.value} runs a program from a temp dir`);
    if (!/\s/.test(command)) return safe(`${name} names a program`);
    return atLeastUnsureIfRisky(ctx.judgeScript(command, deeper(ctx)), name);
  }
  if (/^(PERL5OPT|RUBYOPT)$/.test(name)) {
    const loaded = /(?:^|\s)-[Mmr]\s*(\S+)/.exec(value.value)?.[1];
    if (loaded && /^(\/|\.\.?\/|~)/.test(loaded))
      return unsure('env-injects-code', `${name}=${value.value} loads that file into every run`);
  }
  if (
    name === 'NODE_OPTIONS' &&
    /(^|\s)(-r|--require|--import|--loader|--experimental-loader)\b/.test(value.value)
  )
    return unsure('env-injects-code', `NODE_OPTIONS=${value.value} loads that code into every node process`);
  if (SEARCH_PATH.test(name)) {
    // only what comes before the old value (`$PATH`) takes precedence over it
    const entries = value.value.split(':');
    const old = entries.findIndex((e) => new RegExp(`^\\$\\{?${name}\\}?$`).test(e));
    const ahead = old < 0 ? entries : entries.slice(0, old);
    const scratch = ahead.find((entry) => isScratch(entry, value, ctx));
    if (scratch !== undefined)
      return unsure(
        'env-search-path',
        `${name} puts ${scratch} ahead of the usual programs and libraries; a file planted there would run instead`,
      );
  }
  if (CONFIG_FILE.test(name)) {
    // KUBECONFIG is a list; a file this same script just wrote from local content is known
    const scratch = value.value
      .split(':')
      .find((entry) => isScratch(entry, value, ctx) && !ctx.generated?.has(resolvePath(entry, ctx) ?? ''));
    if (scratch !== undefined)
      return unsure(
        'env-config-file',
        `${name} makes programs read their settings from ${scratch} in a temp dir, and settings can name programs to run; read it first`,
      );
  }
  return safe(`sets ${name}`);
}

function isScratch(entry: string, value: Arg, ctx: ShellContext): boolean {
  if (entry === '' || entry.startsWith('$')) return false;
  if (value.dynamic && /\$/.test(entry)) return false;
  const zone = zoneOf(resolvePath(entry, ctx), ctx);
  return zone === 'temp' || zone === 'device';
}

import { atLeastUnsure, safe, unsure } from '../../verdicts.js';
import { type CommandJudge, deeper } from '../context.js';
import { judgeHistoryPrune } from '../files/history-prune.js';
import { ormRisk } from '../infra/database.js';
import { judgeMigration } from '../infra/migrations.js';
import { upstreamSecret } from '../network/network.js';
import { PACKAGE_JUDGES } from '../packages/packages.js';
import { judgeAll, judgeInPlaceEdit } from '../path-checks.js';
import { judgeCode } from './code-scan.js';
import { programSource } from './program-operand.js';
import {
  downloadedCode,
  evalJudge,
  FETCHES,
  judgeScriptFile,
  judgeStdinSource,
  SHELLS,
  script,
  shell,
  source,
} from './shells.js';

/** Shells and language interpreters: the code they are given is judged, not waved through. */

const CODE_FLAGS: Readonly<Record<string, RegExp>> = {
  python: /^-[a-zA-Z]*c$/,
  node: /^(-e|--eval|-p|--print)$/,
  perl: /^-[a-zA-Z]*[eE]$/,
  ruby: /^-[a-zA-Z]*e$/,
  php: /^-r$/,
  deno: /^eval$/,
  bun: /^(-e|--eval|-p|--print)$/,
  lua: /^-e$/,
  osascript: /^-e$/,
};

/** Code that runs what it reads from stdin (reading data from stdin is fine). */
const READS_STDIN =
  /\b(exec|eval|compile|Function|runInThisContext|runInNewContext|instance_eval|class_eval|system|popen|execSync|spawnSync)\b[^;\n]{0,80}(sys\.stdin|process\.stdin|readFileSync\(\s*(0|['"]\/dev\/stdin)|\bSTDIN\b|\$stdin|<STDIN>|<>|php:\/\/stdin|io\.read|Deno\.stdin|input\(\))/;

/** Modules whose `python -m NAME` is the same program as the `NAME` command, judged as it. */
const MODULE_CLIS =
  /^(alembic|flask|django|pipx|uv|poetry|twine|build|pytest|celery|gunicorn|uvicorn|black|ruff|mypy|yoyo|pgcli|mycli|sqlfluff)$/;

/** Interpreters whose option table program-operand.ts knows. */
const FAMILY: Readonly<Record<string, string>> = {
  python: 'python',
  node: 'node',
  ruby: 'ruby',
  perl: 'perl',
  php: 'php',
  lua: 'lua',
  deno: 'node',
  bun: 'node',
};

function interpreter(lang: keyof typeof CODE_FLAGS): CommandJudge {
  return (args, cmd, ctx) => {
    const flag = CODE_FLAGS[lang]!;
    const i = args.findIndex((a) => flag.test(a.value));
    if (i >= 0) {
      const code = args[i + 1];
      if (!code) return unsure('code-missing', `${lang} code flag without code`);
      // `curl … | python3 -c 'exec(sys.stdin.read())'`: the code runs what it reads
      if (READS_STDIN.test(code.value)) {
        const fed = judgeStdinSource(cmd, lang, ctx);
        if (fed) return fed;
      }
      if (lang === 'osascript')
        return unsure('applescript', 'runs AppleScript, which can control other apps');
      if (
        (lang === 'perl' || lang === 'ruby') &&
        args.some((a, k) => k < i + 1 && /^-[anpslwWtTcx]*i/.test(a.value))
      )
        return judgeAll([
          judgeCode(code.value, lang, ctx, cmd),
          ...args
            .slice(i + 2)
            .filter((a) => !a.value.startsWith('-'))
            .map((f) => judgeInPlaceEdit(f, ctx, `${lang} -i`)),
        ]);
      const r = judgeAll([
        judgeCode(
          code.value,
          lang,
          ctx,
          cmd,
          (lang === 'node' || lang === 'bun') && /^(-p|--print)$/.test(args[i]!.value),
        ),
        // `ruby -rsocket`, `perl -MIO::Socket`: the socket library loaded on the command line
        args.slice(0, i).some((a) => /^-(r\s*socket|M(IO::)?Socket)/.test(a.value))
          ? unsure('code-socket', `${lang} loads a socket library`)
          : safe(lang),
      ]);
      if (code.dynamic && FETCHES.test(code.value)) return downloadedCode(lang);
      return code.dynamic ? atLeastUnsure(r, 'code-dynamic', `${lang} code includes run-time values`) : r;
    }
    const ops = args.filter((a) => !a.value.startsWith('-') || a.value === '-');
    // stdin is the program only when no script or module is named (`python3 -`, `node < x.js`);
    // `curl … | python3 -m json.tool` feeds it data
    const program = programSource(
      FAMILY[lang] ?? lang,
      lang === 'deno' && ops[0]?.value === 'run' ? args.slice(args.indexOf(ops[0]!) + 1) : args,
    );
    if (program.kind === 'stdin') {
      const stdin = judgeStdinSource(cmd, lang, ctx);
      if (stdin) return stdin;
      if (cmd.stdinText !== undefined) return judgeCode(cmd.stdinText, lang, ctx, cmd);
      if (cmd.upstream) return unsure('pipe-to-interpreter', `${lang} runs code from its input`);
      return args.length > 0 && args.every((a) => /^(-V|--version|-h|--help|-v|-VV)$/.test(a.value))
        ? safe(`${lang} --version`)
        : unsure('interactive-interpreter', `starts an interactive ${lang}`);
    }
    if (program.kind === 'module') {
      const mod = program.name;
      if (/^(http\.server|SimpleHTTPServer|smtpd|pty)$/.test(mod))
        return unsure('python-module', `python -m ${mod} opens a server or shell`);
      if (/^(pip|ensurepip)$/.test(mod)) return safe('python -m pip');
      // `python -m alembic downgrade base` runs the module's command line: judged as that command
      const at = args.findIndex((a, k) => a.value === mod && args[k - 1]?.value === '-m');
      const tool = mod.split('.')[0]!;
      if (at >= 0 && MODULE_CLIS.test(tool))
        return ctx.judgeArgv([{ value: tool, dynamic: false }, ...args.slice(at + 1)], cmd, deeper(ctx));
      return judgeMigration(mod, args.slice(at + 1)) ?? safe(`python -m ${mod}`);
    }
    const script = program.script;
    // `python manage.py flush`, `php artisan migrate:fresh`, `php occ trashbin:cleanup`
    const orm = judgeMigration(lang, ops) ?? judgeHistoryPrune(lang, ops) ?? ormRisk(ops.map((o) => o.value));
    if (orm) return orm;
    if (lang === 'osascript') return unsure('applescript', 'runs AppleScript');
    return judgeScriptFile(script, ctx, lang);
  };
}

export const INTERPRETER_JUDGES: Readonly<Record<string, CommandJudge>> = {
  ...Object.fromEntries([...SHELLS].map((s) => [s, shell(s)])),
  eval: evalJudge,
  script,
  source,
  '.': source,
  python: interpreter('python'),
  python3: interpreter('python'),
  python2: interpreter('python'),
  pypy: interpreter('python'),
  pypy3: interpreter('python'),
  node: interpreter('node'),
  nodejs: interpreter('node'),
  perl: interpreter('perl'),
  ruby: interpreter('ruby'),
  php: interpreter('php'),
  lua: interpreter('lua'),
  // `deno eval CODE` is a one-liner; deno's other commands run and manage project code
  deno: (args, cmd, ctx) =>
    args[0]?.value === 'eval' ? interpreter('deno')(args, cmd, ctx) : PACKAGE_JUDGES.deno!(args, cmd, ctx),
  // `bun -e CODE` is a one-liner like `node -e`; bun's other commands manage and run project code
  bun: (args, cmd, ctx) =>
    args.some((a) => CODE_FLAGS.bun!.test(a.value))
      ? interpreter('bun')(args, cmd, ctx)
      : PACKAGE_JUDGES.bun!(args, cmd, ctx),
  osascript: interpreter('osascript'),
};

export { upstreamSecret };

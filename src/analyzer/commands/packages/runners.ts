import type { Arg } from '../../../shell/words.js';
import { worst } from '../../verdicts.js';
import { type CommandJudge, deeper } from '../context.js';

/**
 * Environment runners run another command inside a project environment: `poetry run alembic
 * downgrade base`, `uv run python manage.py flush`, `bundle exec rake db:drop`, `conda run -n x
 * cmd`, `uvx sqlfluff fix`. The command they run is judged as itself; the runner's own verdict
 * (an install source, a publish) is kept when it is worse.
 */

interface RunnerSpec {
  /** The subcommand words that run a command (`run`, `exec`); empty when the runner always runs one. */
  readonly verbs: readonly string[];
  /** Options of the runner that take a value as the next word. */
  readonly valued: RegExp;
}

const PY_VALUED =
  /^(--with|--with-editable|--with-requirements|--python|-p|--env-file|--directory|--project|--package|--extra|--group|--index|--default-index|--from|-C|--env|-e|-n|--name|--prefix|--cwd)$/;

const RUNNERS: Readonly<Record<string, RunnerSpec>> = {
  poetry: { verbs: ['run'], valued: PY_VALUED },
  uv: { verbs: ['run'], valued: PY_VALUED },
  pdm: { verbs: ['run'], valued: PY_VALUED },
  hatch: { verbs: ['run'], valued: PY_VALUED },
  rye: { verbs: ['run'], valued: PY_VALUED },
  pipenv: { verbs: ['run'], valued: PY_VALUED },
  pixi: { verbs: ['run', 'exec'], valued: PY_VALUED },
  conda: { verbs: ['run'], valued: PY_VALUED },
  mamba: { verbs: ['run'], valued: PY_VALUED },
  micromamba: { verbs: ['run'], valued: PY_VALUED },
  pipx: { verbs: ['run'], valued: /^(--spec|--python|--pip-args|--index-url)$/ },
  uvx: { verbs: [], valued: PY_VALUED },
  bundle: { verbs: ['exec'], valued: /^(--gemfile)$/ },
  mise: { verbs: ['exec', 'x'], valued: /^(-C|--cd|-E|--env)$/ },
  rtx: { verbs: ['exec', 'x'], valued: /^(-C|--cd)$/ },
  asdf: { verbs: ['exec'], valued: /^$/ },
  devbox: { verbs: ['run'], valued: /^(-c|--config|-e|--env|--env-file)$/ },
};

/** Where the command a runner runs starts in its arguments (`uv run --with x alembic …` → `alembic`), or -1. */
export function runnerCommandStart(tool: string, args: readonly Arg[]): number {
  const spec = RUNNERS[tool];
  if (!spec) return -1;
  let i = 0;
  if (spec.verbs.length > 0) {
    // global options may come first: `uv --directory x run cmd`
    while (i < args.length && args[i]!.value.startsWith('-')) i += spec.valued.test(args[i]!.value) ? 2 : 1;
    if (i >= args.length || !spec.verbs.includes(args[i]!.value)) return -1;
    i++;
  }
  for (; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === '--') return i + 1 < args.length ? i + 1 : -1;
    if (!v.startsWith('-') || args[i]!.dynamic) return i;
    if (spec.valued.test(v)) i++;
  }
  return -1;
}

/** Wraps a runner's own judge: the command it runs is judged too, the worse answer wins. */
export function withRunner(tool: string, own: CommandJudge): CommandJudge {
  return (args, cmd, ctx) => {
    const mine = own(args, cmd, ctx);
    const start = runnerCommandStart(tool, args);
    if (start < 0 || !ctx) return mine;
    const inner = args.slice(start);
    // `uv run script.py` runs the script with the environment's python
    const argv = /\.py['"]?$/.test(inner[0]!.value) ? [{ value: 'python', dynamic: false }, ...inner] : inner;
    return worst([mine, ctx.judgeArgv(argv, cmd, deeper(ctx))], mine);
  };
}

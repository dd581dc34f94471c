import type { Analysis } from '../../../domain/analysis.js';
import type { Arg } from '../../../shell/words.js';
import { safe, unsure } from '../../verdicts.js';
import { type CommandJudge, type ShellContext, splitArgs } from '../context.js';
import { judgePipConfig, judgePipInstall, judgePySpec } from './package-sources.js';
import { GLOBAL_FLAGS } from './package-verdicts.js';

/** Python installers (pip, uv, poetry, pdm, uvx): where packages come from and whether they land outside a venv. */

export const pip: CommandJudge = (args, _cmd, ctx) => {
  const ops = args.filter((a) => !a.value.startsWith('-')).map((a) => a.value);
  const config = judgePipConfig(ops);
  if (config) return config;
  if (args.some((a) => GLOBAL_FLAGS.test(a.value)))
    return unsure('global-install', 'pip installs outside a virtual environment');
  if (
    ops[0] === 'install' &&
    args.some(
      (a) =>
        a.value === '--index-url' ||
        a.value === '-i' ||
        a.value === '--extra-index-url' ||
        a.value === '--trusted-host',
    )
  )
    return unsure('untrusted-index', 'installs from a non-default package index');
  if (ops[0] === 'install' || ops[0] === 'download' || ops[0] === 'wheel') {
    const source = judgePipInstall(args, ctx);
    if (source.kind !== 'safe') return source;
  }
  return safe(`pip ${ops[0] ?? ''}`);
};
const PY_INDEX_FLAGS =
  /^(--index|--default-index|--index-url|--extra-index-url|--find-links|-f|-i|--source)(=|$)/;

/**
 * uv/poetry/pdm: `add`, `tool install`, `uvx --from` take sources like pip's; `source add` and
 * index settings in `config` point later installs at another index.
 */ export function pyAddSources(
  tool: string,
  args: readonly Arg[],
  ctx: ShellContext,
): Analysis | undefined {
  const { operands } = splitArgs(args, {
    longValue: [
      '--group',
      '--optional',
      '--extra',
      '--python',
      '--directory',
      '--project',
      '--package',
      '-G',
    ],
    shortValue: 'Gp',
  });
  const ops = operands.map((a) => a.value);
  if (
    (ops[0] === 'source' && ops[1] === 'add') ||
    (ops[0] === 'config' && /^(repositories\.|pypi\.url|source\.)/.test(ops[1] ?? '') && ops[2])
  )
    return unsure(
      'untrusted-index',
      `${tool} ${ops.slice(0, 2).join(' ')} changes where packages are installed from`,
    );
  const from =
    tool === 'uvx'
      ? 0
      : ops[0] === 'add'
        ? 1
        : ops[0] === 'tool' && /^(install|run)$/.test(ops[1] ?? '')
          ? 2
          : -1;
  if (from < 0) return undefined;
  if (args.some((a) => PY_INDEX_FLAGS.test(a.value)))
    return unsure('untrusted-index', `${tool} installs from a non-default package index`);
  const specs = tool === 'uvx' ? operands.slice(0, 1) : operands.slice(from);
  for (let i = 0; i < args.length; i++)
    if (args[i]!.value === '--from' && args[i + 1]) specs.push(args[i + 1]!);
    else if (args[i]!.value.startsWith('--from='))
      specs.push({ ...args[i]!, value: args[i]!.value.slice(7) });
  const bad = specs.map((s) => judgePySpec(s, ctx)).find((r) => r.kind !== 'safe');
  return bad;
}

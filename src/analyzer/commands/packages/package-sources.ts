import type { Analysis } from '../../../domain/analysis.js';
import { resolvePath } from '../../../places/resolve-path.js';
import { zoneOf } from '../../../places/zones.js';
import type { Arg } from '../../../shell/words.js';
import { atLeastUnsure, safe, unsure, worst } from '../../verdicts.js';
import { deeper, type ShellContext, splitArgs } from '../context.js';

/**
 * Where a package manager takes code from, and scripts it is told to run later. Registry names are
 * routine; a URL, a VCS address or a folder outside the project is code nobody reviewed, and a
 * lifecycle script planted with `npm pkg set` runs by itself at the next install.
 */

/** npm lifecycle scripts that run without being asked for: at install, at pack/publish, on git installs. */
const AUTO_RUN_SCRIPTS =
  /^(preinstall|install|postinstall|prepare|preprepare|postprepare|prepublish|prepublishOnly|prepack|postpack|dependencies)$/;

const untrustedSource = (spec: string, why: string): Analysis =>
  unsure(
    'install-untrusted-source',
    `installs ${spec}, ${why}; install it from the registry by name instead`,
  );

/** A remote spec: a URL or a VCS address (`git+…`, `github:…`, `git@host:…`). */
function remoteKind(spec: string): string | undefined {
  if (/^[\w.-]+@[\w-]+(\.[\w-]+)+:/.test(spec)) return 'a version-control address'; // git@host:owner/repo
  const s = spec.replace(/^[^\s@/]+@(?=[a-z][a-z0-9+.-]*:)/i, ''); // npm alias `name@git+https://…`
  if (/^(git|hg|svn|bzr)\+/i.test(s) || /^git:\/\//i.test(s)) return 'a version-control address';
  if (/^(github|gitlab|bitbucket|gist):/i.test(s)) return 'a version-control address';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s) && !/^file:/i.test(s)) return 'a download from a URL';
  // PEP 508 direct reference: `name @ https://…`
  if (/^[\w.[\],-]+\s*@\s*\S+:\/\//.test(s)) return 'a download from a URL';
  return undefined;
}

/** A local folder or archive outside the project (`../lib`, `/tmp/x.tgz`, `file:../x`). */
function outsidePath(spec: Arg, ctx: ShellContext): string | undefined {
  const raw = spec.value.replace(/^(file|link):/, '');
  if (!/^(\/|\.\.?(\/|$)|~)/.test(raw)) return undefined;
  if (spec.dynamic) return 'a path only known at run time';
  const zone = zoneOf(resolvePath(raw, ctx), ctx);
  return zone === 'project' || zone === 'project-root'
    ? undefined
    : 'a folder or archive outside the project';
}

/** One install operand of npm/pnpm/yarn/bun (`owner/repo` is GitHub shorthand there). */
export function judgeJsSpec(spec: Arg, ctx: ShellContext): Analysis {
  const v = spec.value;
  const remote = remoteKind(v);
  if (remote) return untrustedSource(v, remote);
  const local = outsidePath(spec, ctx);
  if (local) return untrustedSource(v, local);
  if (/^[\w.-]+\/[\w.-]+(#\S*)?$/.test(v) && !/^\.\.?\//.test(v) && !/\.(tgz|tar\.gz|tar)$/.test(v))
    return untrustedSource(v, 'GitHub shorthand for a repository');
  return safe('installs from the registry');
}

/** npm/pnpm/yarn/bun install-like subcommands: judges each package operand. */
export function judgeJsInstall(tool: string, args: readonly Arg[], ctx: ShellContext): Analysis | undefined {
  const { flags, operands } = splitArgs(args, {
    longValue: [
      '--registry',
      '--tag',
      '--save-prefix',
      '--filter',
      '--dir',
      '--prefix',
      '--workspace',
      '--cwd',
    ],
    shortValue: 'CFw',
  });
  if (flags.some((f) => f.startsWith('--registry')))
    return unsure('untrusted-index', `${tool} installs from a non-default registry`);
  // `yarn workspace NAME add …` names the workspace first
  const sub = operands[0]?.value === 'workspace' ? 2 : 0;
  if (!/^(i|in|install|add|isntall)$/.test(operands[sub]?.value ?? '')) return undefined;
  return worst(
    operands.slice(sub + 1).map((a) => judgeJsSpec(a, ctx)),
    safe(`${tool} install`),
  );
}

/** The package a runner (npx, bunx, pnpm dlx) fetches: its first operand and `-p/--package` values. */
export function judgeRunnerPackage(args: readonly Arg[], ctx: ShellContext): Analysis | undefined {
  const specs: Arg[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.value === '-p' || a.value === '--package') {
      if (args[i + 1]) specs.push(args[++i]!);
    } else if (a.value.startsWith('--package=')) specs.push({ ...a, value: a.value.slice(10) });
    else if (!a.value.startsWith('-')) {
      specs.push(a);
      break;
    }
  }
  const bad = specs.map((s) => judgeJsSpec(s, ctx)).find((r) => r.kind !== 'safe');
  return bad;
}

/** `npm pkg set scripts.X=…` and `npm set-script X …`: the script is shell code that runs later. */
export function judgeScriptSet(tool: string, ops: readonly Arg[], ctx: ShellContext): Analysis | undefined {
  const pairs: [string, Arg][] = [];
  if (ops[0]?.value === 'set-script' && ops[1])
    pairs.push([ops[1].value, ops[2] ?? { ...ops[1], value: '' }]);
  else if (ops[0]?.value === 'pkg' && ops[1]?.value === 'set') {
    for (const a of ops.slice(2)) {
      const m = /^scripts(?:\.([^=]+)|\[["']?([^\]"']+)["']?\])?=([\s\S]*)$/.exec(a.value);
      if (!m) continue;
      if (m[1] === undefined && m[2] === undefined)
        return unsure('lifecycle-script', `${tool} pkg set replaces all package scripts`);
      pairs.push([m[1] ?? m[2]!, { ...a, value: m[3]! }]);
    }
  } else return undefined;
  if (pairs.length === 0) return undefined;
  const out: Analysis[] = [];
  for (const [name, value] of pairs) {
    const run = value.dynamic
      ? unsure('lifecycle-script', `script ${name} is set to code only known at run time`)
      : value.value.trim() === ''
        ? safe('empty script')
        : ctx.judgeScript(value.value, deeper(ctx));
    out.push(
      AUTO_RUN_SCRIPTS.test(name)
        ? atLeastUnsure(
            run,
            'lifecycle-script',
            `sets the ${name} script, which runs by itself at the next install; ask the user first`,
          )
        : run,
    );
  }
  return worst(out, safe(`${tool} sets scripts`));
}

const PIP_SPEC = {
  shortValue: 'rcetifC',
  longValue: [
    '--requirement',
    '--constraint',
    '--editable',
    '--target',
    '--prefix',
    '--root',
    '--src',
    '--upgrade-strategy',
    '--python-version',
    '--platform',
    '--implementation',
    '--abi',
    '--only-binary',
    '--no-binary',
    '--progress-bar',
    '--log',
    '--cache-dir',
    '--timeout',
    '--retries',
    '--proxy',
    '--cert',
    '--client-cert',
    '--python',
    '--config-settings',
    '--global-option',
    '--install-option',
    '--report',
    '--exists-action',
    '--trusted-host',
    '--index-url',
    '--extra-index-url',
    '--find-links',
    '--group',
    '--extra',
  ],
};

/** One pip/uv/poetry source: a URL, a VCS address or a path outside the project is unreviewed code. */
export function judgePySpec(spec: Arg, ctx: ShellContext): Analysis {
  const remote = remoteKind(spec.value);
  if (remote) return untrustedSource(spec.value, remote);
  const local = outsidePath(spec, ctx);
  if (local) return untrustedSource(spec.value, local);
  return safe('installs from the package index');
}

/** `pip install …` operands and `-e` values (requirement files are not read). */
export function judgePipInstall(args: readonly Arg[], ctx: ShellContext): Analysis {
  const { operands } = splitArgs(args, PIP_SPEC);
  const specs = operands.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if ((a.value === '-e' || a.value === '--editable') && args[i + 1]) specs.push(args[i + 1]!);
    else if (a.value.startsWith('--editable=')) specs.push({ ...a, value: a.value.slice(11) });
    else if (/^-e./.test(a.value)) specs.push({ ...a, value: a.value.slice(2) });
    else if (a.value === '-f' || a.value === '--find-links' || a.value.startsWith('--find-links='))
      return unsure('untrusted-index', 'installs from extra package links (--find-links)');
  }
  return worst(
    specs.map((s) => judgePySpec(s, ctx)),
    safe('pip install'),
  );
}

const INDEX_KEYS = /(^|\.)(index-url|extra-index-url|find-links|trusted-host|index|extra-index|url)$/;

/** `pip config set global.index-url …`: points every later install at another index. */
export function judgePipConfig(ops: readonly string[]): Analysis | undefined {
  if (ops[0] !== 'config' || !/^(set|unset|edit)$/.test(ops[1] ?? '')) return undefined;
  if (INDEX_KEYS.test(ops[2] ?? ''))
    return unsure(
      'untrusted-index',
      `pip config ${ops[1]} ${ops[2]} changes where packages are installed from`,
    );
  return unsure('package-config', `pip config ${ops[1]} changes pip settings for every project`);
}

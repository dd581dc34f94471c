import type { Analysis } from '../../domain/analysis.js';
import type { Arg } from '../shell/words.js';
import { dangerous, safe, unsure } from '../verdicts.js';
import { type CommandJudge, type ShellContext, splitArgs } from './context.js';
import { ormRisk } from './database.js';
import {
  judgeJsInstall,
  judgePipConfig,
  judgePipInstall,
  judgePySpec,
  judgeRunnerPackage,
  judgeScriptSet,
} from './package-sources.js';

/** Package managers and build tools: building, testing and installing dependencies are routine; publishing is not. */

const publish = (tool: string) =>
  dangerous(
    'cross-trust-boundary',
    'package-publish',
    `${tool} publishes a package to a public registry; ask the user to release it`,
  );

const GLOBAL_FLAGS = /^(-g|--global|--location=global|--system|--break-system-packages|--user)$/;

const RUNNERS = /^(npx|bunx|pnpx)$/;

function js(tool: string): CommandJudge {
  return (args, cmd, ctx) => {
    if (args.some((a) => /^--dry-run$/.test(a.value))) return safe(`${tool} --dry-run`);
    let ops = args.filter((a) => !a.value.startsWith('-')).map((a) => a.value);
    // npx/bunx/pnpm exec/yarn dlx run another tool: judge that tool
    const execIndex = RUNNERS.test(tool) ? 0 : /^(exec|dlx|x)$/.test(ops[0] ?? '') && tool !== 'npm' ? 1 : -1;
    if (execIndex >= 0 || (tool === 'npm' && /^(exec|x)$/.test(ops[0] ?? ''))) {
      // the package a runner fetches: a URL or repository is code nobody reviewed
      const from = execIndex === 0 ? 0 : args.findIndex((a) => a.value === ops[0]) + 1;
      const fetched = judgeRunnerPackage(args.slice(from), ctx);
      if (fetched) return fetched;
    }
    if (execIndex >= 0) {
      const rest = args.filter((a) => !/^(-y|--yes|--no-install|-p|--package|-q|--quiet)$/.test(a.value));
      const start = rest.findIndex((a) => a.value === ops[execIndex]);
      if (start >= 0) return ctx.judgeArgv(rest.slice(start), cmd, { ...ctx, depth: ctx.depth + 1 });
    }
    if (tool === 'yarn' && ops[0] === 'npm') ops = ops.slice(1);
    const sub = ops[0] ?? '';
    if (/^(eject)$/.test(sub) || (ops[0] === 'expo' && ops[1] === 'eject'))
      return unsure('irreversible-tool', `${tool} ${sub} cannot be undone`);
    if (/^(publish|unpublish|deprecate)$/.test(sub) || (sub === 'dist-tag' && ops[1] !== 'ls'))
      return publish(tool);
    if (
      sub === 'owner' ||
      sub === 'access' ||
      sub === 'token' ||
      sub === 'adduser' ||
      sub === 'login' ||
      sub === 'logout'
    )
      return unsure('registry-account', `${tool} ${sub} changes registry accounts`);
    const scripts = judgeScriptSet(
      tool,
      args.filter((a) => !a.value.startsWith('-') && a.value !== 'npm'),
      ctx,
    );
    if (scripts) return scripts;
    if (sub === 'config' && /^(set|delete|edit)$/.test(ops[1] ?? ''))
      return unsure('package-config', `${tool} config ${ops[1]}`);
    if (/^(cache)$/.test(sub) && /^(clean|clear|prune)$/.test(ops[1] ?? ''))
      return safe(`${tool} cache clean`);
    if (
      args.some((a) => GLOBAL_FLAGS.test(a.value)) &&
      /^(i|install|add|remove|uninstall|rm|link)$/.test(sub)
    )
      return unsure('global-install', `${tool} ${sub} -g changes software outside the project`);
    if (
      /^(i|install|add|ci|update|up)$/.test(sub) &&
      args.some((a) => a.value === '--force' || a.value === '-f')
    )
      return unsure(
        'install-force',
        `${tool} ${sub} --force overrides dependency conflict and integrity checks; resolve the conflict instead`,
      );
    const source = judgeJsInstall(tool, args, ctx);
    if (source && source.kind !== 'safe') return source;
    const orm = ormRisk(ops);
    if (orm) return orm;
    return safe(`${tool} ${sub}`);
  };
}

const pip: CommandJudge = (args, _cmd, ctx) => {
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

const cargo: CommandJudge = (args, _cmd, ctx) => {
  const sub = args.find((a) => !a.value.startsWith('-') && !a.value.startsWith('+'))?.value ?? '';
  if (sub === 'publish' || sub === 'yank' || sub === 'owner') return publish('cargo');
  if (sub === 'install' || sub === 'add') {
    for (let i = 0; i < args.length; i++) {
      const [flag, inline] = args[i]!.value.split(/=(.*)/s);
      if (!/^--(git|index|registry|path)$/.test(flag ?? '')) continue;
      const value = inline !== undefined ? { ...args[i]!, value: inline } : args[i + 1];
      if (flag === '--path') {
        const local =
          value &&
          judgePySpec(
            value.value.startsWith('/') || value.value.startsWith('.') || value.value.startsWith('~')
              ? value
              : { ...value, value: `./${value.value}` },
            ctx,
          );
        if (local && local.kind !== 'safe') return local;
        continue;
      }
      return unsure('install-untrusted-source', `cargo ${sub} ${flag} builds code from outside crates.io`);
    }
  }
  if (sub === 'install' && args.length > 1) return safe('cargo install');
  return safe(`cargo ${sub}`);
};

const PY_INDEX_FLAGS =
  /^(--index|--default-index|--index-url|--extra-index-url|--find-links|-f|-i|--source)(=|$)/;

/**
 * uv/poetry/pdm: `add`, `tool install`, `uvx --from` take sources like pip's; `source add` and
 * index settings in `config` point later installs at another index.
 */
function pyAddSources(tool: string, args: readonly Arg[], ctx: ShellContext): Analysis | undefined {
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

const uploadTool =
  (tool: string): CommandJudge =>
  (args) => {
    const sub = args.find((a) => !a.value.startsWith('-'))?.value ?? '';
    return /^(upload|push|publish|release|yank|register)$/.test(sub) ? publish(tool) : safe(`${tool} ${sub}`);
  };

const system =
  (tool: string): CommandJudge =>
  (args) => {
    const sub = args.find((a) => !a.value.startsWith('-'))?.value ?? '';
    if (
      sub === '' ||
      (tool === 'brew' &&
        !/^(install|uninstall|remove|rm|reinstall|upgrade|tap|untap|link|unlink|services|cleanup|autoremove|pin|unpin)$/.test(
          sub,
        ))
    )
      return safe(`${tool} ${sub}`);
    if (
      /^(list|search|info|show|policy|depends|rdepends|doctor|outdated|config|--version|desc|deps|leaves|uses|home|log|madison|-Q|-Ss|-Si)$/.test(
        sub,
      )
    )
      return safe(`${tool} ${sub}`);
    if (/^(remove|purge|autoremove|uninstall|erase|-R|-Rns|-Rs|untap|cleanup)$/.test(sub))
      return unsure('system-package-remove', `${tool} ${sub} removes software from the machine`);
    return unsure('system-package-install', `${tool} ${sub} installs software system-wide`);
  };

const python: CommandJudge = () => safe('runs a project tool');

export const PACKAGE_JUDGES: Readonly<Record<string, CommandJudge>> = {
  npm: js('npm'),
  pnpm: js('pnpm'),
  yarn: js('yarn'),
  bun: js('bun'),
  bunx: js('bunx'),
  npx: js('npx'),
  pnpx: js('pnpx'),
  deno: js('deno'),
  lerna: (args) => (args.some((a) => a.value === 'publish') ? publish('lerna') : safe('lerna')),
  changeset: (args) => (args.some((a) => a.value === 'publish') ? publish('changeset') : safe('changeset')),
  vsce: uploadTool('vsce'),
  ovsx: uploadTool('ovsx'),
  pip,
  pip3: pip,
  pipx: (args) =>
    args[0]?.value === 'run' ? safe('pipx run') : unsure('global-install', 'pipx installs tools user-wide'),
  uv: (args, cmd, ctx) =>
    args.some((a) => a.value === 'publish')
      ? publish('uv')
      : args[0]?.value === 'pip'
        ? pip(args.slice(1), cmd, ctx)
        : (pyAddSources('uv', args, ctx) ?? safe('uv')),
  uvx: (args, _cmd, ctx) => pyAddSources('uvx', args, ctx) ?? safe('uvx'),
  poetry: (args, _cmd, ctx) =>
    args.some((a) => a.value === 'publish')
      ? publish('poetry')
      : (pyAddSources('poetry', args, ctx) ?? safe('poetry')),
  hatch: (args) => (args.some((a) => a.value === 'publish') ? publish('hatch') : safe('hatch')),
  flit: (args) => (args.some((a) => a.value === 'publish') ? publish('flit') : safe('flit')),
  pdm: (args, _cmd, ctx) =>
    args.some((a) => a.value === 'publish')
      ? publish('pdm')
      : (pyAddSources('pdm', args, ctx) ?? safe('pdm')),
  twine: uploadTool('twine'),
  gem: (args) => (/^(push|yank|owner)$/.test(args[0]?.value ?? '') ? publish('gem') : safe('gem')),
  cargo,
  go: (args) => safe(`go ${args[0]?.value ?? ''}`),
  dotnet: (args) =>
    args.some((a) => a.value === 'push') && args.some((a) => a.value === 'nuget')
      ? publish('dotnet nuget')
      : safe('dotnet'),
  mvn: (args) =>
    args.some((a) => a.value === 'deploy' || a.value.startsWith('release:')) ? publish('mvn') : safe('mvn'),
  gradle: (args) =>
    args.some((a) => /^(publish|uploadArchives)/.test(a.value)) ? publish('gradle') : safe('gradle'),
  gradlew: (args) =>
    args.some((a) => /^(publish|uploadArchives)/.test(a.value)) ? publish('gradle') : safe('gradle'),
  pod: (args) => (args[0]?.value === 'trunk' && args[1]?.value === 'push' ? publish('pod') : safe('pod')),
  composer: (args) => safe(`composer ${args[0]?.value ?? ''}`),
  brew: system('brew'),
  apt: system('apt'),
  'apt-get': system('apt-get'),
  yum: system('yum'),
  dnf: system('dnf'),
  pacman: system('pacman'),
  apk: system('apk'),
  snap: system('snap'),
  port: system('port'),
  choco: system('choco'),
  winget: system('winget'),
  conda: (args) =>
    /^(remove|uninstall)$/.test(args[0]?.value ?? '') && args.some((a) => a.value === '--all')
      ? unsure('env-remove', 'removes a conda environment')
      : safe('conda'),
  make: python,
  cmake: python,
  ninja: python,
  bazel: python,
  mix: python,
  rake: (args) => {
    const orm = ormRisk(args.map((a) => a.value));
    return orm ?? safe('rake');
  },
  rails: (args) => ormRisk(args.map((a) => a.value)) ?? safe('rails'),
  bundle: (args) => ormRisk(args.map((a) => a.value)) ?? safe('bundle'),
  artisan: (args) => ormRisk(args.map((a) => a.value)) ?? safe('artisan'),
  flask: (args) => ormRisk(args.map((a) => a.value)) ?? safe('flask'),
};

/** Tools run against the project (builds, tests, linters): safe to run. */
export const PROJECT_TOOLS = new Set([
  'tsc',
  'vitest',
  'jest',
  'mocha',
  'ava',
  'tap',
  'eslint',
  'prettier',
  'biome',
  'oxlint',
  'tsx',
  'ts-node',
  'vite',
  'webpack',
  'rollup',
  'esbuild',
  'swc',
  'babel',
  'next',
  'nuxt',
  'astro',
  'turbo',
  'nx',
  'playwright',
  'cypress',
  'pytest',
  'py.test',
  'tox',
  'nox',
  'mypy',
  'pyright',
  'ruff',
  'black',
  'isort',
  'flake8',
  'pylint',
  'coverage',
  'rustc',
  'rustfmt',
  'clippy-driver',
  'gofmt',
  'golangci-lint',
  'staticcheck',
  'javac',
  'java',
  'kotlinc',
  'swift',
  'swiftc',
  'xcodebuild',
  'xcrun',
  'clang',
  'clang++',
  'gcc',
  'g++',
  'cc',
  'c++',
  'ld',
  'shellcheck',
  'shfmt',
  'hadolint',
  'markdownlint',
  'stylelint',
  'jq',
  'yq',
  'protoc',
  'buf',
  'ctest',
  'meson',
  'phpunit',
  'rspec',
  'rubocop',
  'elixir',
  'iex',
  'erl',
  'ghc',
  'cabal',
  'stack',
  'zig',
  'dart',
  'flutter',
  'gleam',
  'sbt',
  'lein',
  'clj',
  'scala',
  'kotlin',
  'storybook',
  'prisma-fmt',
  'knip',
  'madge',
  'depcheck',
  'typedoc',
  'jsdoc',
  'sphinx-build',
  'mkdocs',
  'hugo',
  'jekyll',
  'pre-commit',
  'lefthook',
  'act',
  'tokei',
  'cloc',
  'hyperfine',
  'valgrind',
  'gdb',
  'lldb',
  'wasm-pack',
  'trunk',
  'maturin',
  'nvm',
  'fnm',
  'volta',
  'rbenv',
  'pyenv',
  'rustup',
  'asdf',
  'mise',
  'direnv',
  'ollama',
  'ffmpeg',
  'ffprobe',
  'convert',
  'magick',
  'pandoc',
  'latexmk',
  'pdflatex',
  'xelatex',
  'typst',
  'dot',
  'mmdc',
  'ruby',
  'php',
  'lua',
  'Rscript',
  'R',
  'julia',
  'octave',
  'nix',
  'nix-shell',
  'nix-build',
  'sam',
  'claude',
  'codex',
  'gemini',
  'task-master',
  'wasmtime',
  'wasmer',
  'emcc',
  'openssl',
]);

import { safe, unsure } from '../../verdicts.js';
import type { CommandJudge } from '../context.js';
import { ormRisk } from '../infra/database.js';
import { judgeDeploy, operandWords } from '../infra/deploys.js';
import { judgeMigration } from '../infra/migrations.js';
import { js } from './js-packages.js';
import { judgePySpec } from './package-sources.js';
import { publish } from './package-verdicts.js';
import { pip, pyAddSources } from './python-packages.js';
import { withRunner } from './runners.js';
import { system } from './system-packages.js';

export { PROJECT_TOOLS } from './project-tools.js';

/** Package managers and build tools: building, testing and installing dependencies are routine; publishing is not. */

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
const uploadTool =
  (tool: string): CommandJudge =>
  (args) => {
    const sub = args.find((a) => !a.value.startsWith('-'))?.value ?? '';
    return /^(upload|push|publish|release|yank|register)$/.test(sub) ? publish(tool) : safe(`${tool} ${sub}`);
  };

const python: CommandJudge = () => safe('runs a project tool');

/** Task runners and framework CLIs: their targets are judged as migrations (`make db-reset`, `rails db:rollback`). */
const taskRunner =
  (tool: string): CommandJudge =>
  (args) =>
    judgeMigration(tool, args) ??
    ormRisk(args.map((a) => a.value)) ??
    judgeDeploy(tool, operandWords(args), args) ??
    safe(`${tool} runs a project task`);

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
  pipx: withRunner('pipx', (args) =>
    args[0]?.value === 'run' ? safe('pipx run') : unsure('global-install', 'pipx installs tools user-wide'),
  ),
  uv: withRunner('uv', (args, cmd, ctx) =>
    args.some((a) => a.value === 'publish')
      ? publish('uv')
      : args[0]?.value === 'pip'
        ? pip(args.slice(1), cmd, ctx)
        : (pyAddSources('uv', args, ctx) ?? safe('uv')),
  ),
  uvx: withRunner('uvx', (args, _cmd, ctx) => pyAddSources('uvx', args, ctx) ?? safe('uvx')),
  poetry: withRunner('poetry', (args, _cmd, ctx) =>
    args.some((a) => a.value === 'publish')
      ? publish('poetry')
      : (pyAddSources('poetry', args, ctx) ?? safe('poetry')),
  ),
  hatch: withRunner('hatch', (args) =>
    args.some((a) => a.value === 'publish') ? publish('hatch') : safe('hatch'),
  ),
  flit: (args) => (args.some((a) => a.value === 'publish') ? publish('flit') : safe('flit')),
  pdm: withRunner('pdm', (args, _cmd, ctx) =>
    args.some((a) => a.value === 'publish')
      ? publish('pdm')
      : (pyAddSources('pdm', args, ctx) ?? safe('pdm')),
  ),
  pipenv: withRunner('pipenv', () => safe('pipenv')),
  rye: withRunner('rye', (args) => (args.some((a) => a.value === 'publish') ? publish('rye') : safe('rye'))),
  pixi: withRunner('pixi', () => safe('pixi')),
  mamba: withRunner('mamba', () => safe('mamba')),
  micromamba: withRunner('micromamba', () => safe('micromamba')),
  mise: withRunner('mise', () => safe('mise')),
  asdf: withRunner('asdf', () => safe('asdf')),
  devbox: withRunner('devbox', () => safe('devbox')),
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
  composer: taskRunner('composer'),
  turbo: taskRunner('turbo'),
  nx: taskRunner('nx'),
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
  conda: withRunner('conda', (args) =>
    /^(remove|uninstall)$/.test(args[0]?.value ?? '') && args.some((a) => a.value === '--all')
      ? unsure('env-remove', 'removes a conda environment')
      : safe('conda'),
  ),
  make: taskRunner('make'),
  cmake: python,
  ninja: python,
  bazel: python,
  mix: taskRunner('mix'),
  just: taskRunner('just'),
  task: taskRunner('task'),
  rake: taskRunner('rake'),
  bundle: withRunner('bundle', taskRunner('bundle')),
  rails: taskRunner('rails'),
  artisan: taskRunner('artisan'),
  flask: taskRunner('flask'),
  django: taskRunner('django'),
  'django-admin': taskRunner('django-admin'),
};

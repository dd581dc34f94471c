import { safe, unsure } from '../../verdicts.js';
import { type CommandJudge, deeper } from '../context.js';
import { ormRisk } from '../infra/database.js';
import { judgeDeploy, operandWords } from '../infra/deploys.js';
import { judgeMigration } from '../infra/migrations.js';
import { judgeJsInstall, judgeRunnerPackage, judgeScriptSet } from './package-sources.js';
import { GLOBAL_FLAGS, publish } from './package-verdicts.js';

/** The npm/pnpm/yarn/bun/deno judge: runners judge the tool they run; publishing and account changes are not routine. */

const RUNNERS = /^(npx|bunx|pnpx)$/;
export function js(tool: string): CommandJudge {
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
      if (start >= 0) return ctx.judgeArgv(rest.slice(start), cmd, deeper(ctx));
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
    const orm =
      judgeMigration(
        tool,
        args.filter(
          (a) => !a.value.startsWith('-') || /^--(accept-data-loss|force-reset|force)$/.test(a.value),
        ),
      ) ?? ormRisk(ops);
    if (orm) return orm;
    // a package script named for a deploy (`npm run deploy`, `yarn deploy:prod`); pnpm's own `deploy` copies a workspace package
    const script = /^(run|run-script)$/.test(sub) ? ops[1] : /^(yarn|bun)$/.test(tool) ? sub : undefined;
    const shipped = script && judgeDeploy(tool, operandWords([{ value: script, dynamic: false }]), args);
    if (shipped) return shipped;
    return safe(`${tool} ${sub}`);
  };
}

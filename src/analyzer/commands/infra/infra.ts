import type { Analysis } from '../../../domain/analysis.js';
import type { SimpleCommand } from '../../../shell/extract.js';
import type { Arg } from '../../../shell/words.js';
import { atLeastUnsure, dangerous, safe, unsure } from '../../verdicts.js';
import { type CommandJudge, deeper } from '../context.js';
import { judgeHistoryPrune } from '../files/history-prune.js';
import { destroyingMutation } from '../network/http-effects.js';
import { remoteSyncOrMove, uploadsToStorage } from '../network/remote-sync.js';
import { INFRA_DESTROY_VERBS, words } from '../verbs.js';
import { emitsCredential, handedToProgram, judgeAccessChange, readsSecretValue } from './cloud-access.js';
import { judgeContainer } from './containers.js';
import { judgeDeploy } from './deploys.js';
import { judgeMigration } from './migrations.js';

/**
 * Cloud, cluster, container and hosting CLIs share one shape: `tool <noun...> <verb> [flags]`.
 * Their words are split on `-`, `_`, `:` and judged by verb: destroying verbs are dangerous,
 * reading verbs are safe, anything else changes shared infrastructure and is unsure.
 */

/** The subcommand operands (flags and the values of leading global options skipped). */
function operandsOf(args: readonly Arg[], limit = 4): Arg[] {
  const ops: Arg[] = [];
  let seenOperand = false;
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    // an HTTP method with its option (`gh api --method=DELETE`, `-XDELETE`) is a verb like `-X DELETE`'s
    const method = /^(?:--method=|--request=|-X)([A-Za-z]+)$/.exec(v);
    if (method) {
      ops.push({ ...args[i]!, value: method[1]! });
      continue;
    }
    if (v.startsWith('-')) {
      // global options before the first subcommand take a value: `az --subscription X vm list`
      if (!seenOperand && v.startsWith('--') && !v.includes('=')) i++;
      continue;
    }
    seenOperand = true;
    ops.push(args[i]!);
  }
  return ops.slice(0, limit);
}

function verbsOf(args: readonly Arg[], limit = 4): string[] {
  return words(operandsOf(args, limit));
}

/** Verbs that, leading the subcommand, make it a read: the words after them name a resource. */
const LEADING_READ = /^(get|list|ls|describe|show|view|inspect)$/;

/**
 * Whether a read verb comes before any verb that changes something: `gcloud logging sinks
 * describe archive` describes the sink named archive, it does not archive anything.
 */
function readLed(vs: readonly string[]): boolean {
  const read = vs.findIndex((v) => LEADING_READ.test(v));
  if (read < 0) return false;
  const change = vs.findIndex(
    (v) => INFRA_DESTROY_VERBS.has(v) || DISRUPTIVE_VERBS.has(v) || isMutatingVerb(v) || REMOTE_SHELL.test(v),
  );
  return change < 0 || read < change;
}

const REMOTE_SHELL = /^(exec|ssh|attach|proxy)$/;

/** Commands that open a shell or run commands on remote machines. */
function remoteShell(ops: readonly Arg[], vs: readonly string[]): boolean {
  return (
    ops.some((o) => REMOTE_SHELL.test(o.value.toLowerCase())) ||
    vs.includes('tunnel') ||
    (vs.includes('command') && vs.some((v) => /^(run|execute|send|invoke)$/.test(v))) ||
    (vs.includes('start') && vs.includes('session'))
  );
}

/** A push of an artifact (a chart or image file, an `oci://` or registry reference) or a `--push` build. */
function pushesArtifact(ops: readonly Arg[], args: readonly Arg[]): boolean {
  const at = ops.findIndex((o) => o.value === 'push');
  if (
    at >= 0 &&
    ops
      .slice(at + 1)
      .some((o) =>
        /^oci:\/\/|\.(tgz|tar|tar\.gz|zip)$|^[\w-]+(\.[\w-]+)+(:\d+)?\/[^\s:]+(:[\w.-]+)?$/.test(o.value),
      )
  )
    return true;
  // a build that pushes what it built (`skaffold build --push`); `gh repo create --push` pushes commits
  const builds = ops.some((o) => /^(build|bake)$/.test(o.value));
  return builds && args.some((a) => a.value === '--push' || a.value === '--push=true');
}

export function judgeInfra(tool: string, args: readonly Arg[], cmd?: SimpleCommand): Analysis {
  const ops = operandsOf(args);
  const vs = words(ops);
  const what = vs.slice(0, 4).join(' ');
  if (
    SECRET_STORES.has(tool) &&
    vs.some((v) => /^(get|read|show|export|download|run|inject|view|list)$/.test(v))
  )
    return unsure(`${tool}-secret-read`, `${tool} ${vs.slice(0, 3).join(' ')} reads secrets`);
  if (readsSecretValue(tool, vs, args))
    return unsure(
      `${tool}-secret-read`,
      `${tool} prints a secret's value into the transcript; ask the user for what you need`,
    );
  // `gh api graphql -f query='mutation { deleteRepository(…) }'`: a destroying mutation of the service's API
  const mutation = args.map((a) => destroyingMutation(a.value)).find((f) => f !== undefined);
  if (mutation)
    return dangerous(
      'destroy-or-exfiltrate',
      `${tool}-destroy`,
      `${tool} sends the GraphQL mutation ${mutation}, which destroys data on the service; ask the user to run it`,
    );
  const reads = readLed(vs);
  const destroyed = reads ? undefined : vs.find((v) => INFRA_DESTROY_VERBS.has(v));
  const credential = destroyed ? undefined : emitsCredential(tool, vs, args);
  if (credential && cmd && handedToProgram(cmd, tool))
    return safe(`${tool} ${what} hands the credential straight to the program that uses it`);
  if (credential && cmd && (cmd.downstream || cmd.capturedBy))
    return unsure(
      'cloud-credential',
      `${tool} ${what} hands a credential (${credential}) to a program or host outside its own cloud; ask the user`,
    );
  if (credential)
    return unsure(
      'cloud-credential',
      `${tool} ${what} prints or creates a credential (${credential}): it lands in the transcript or on disk; ask the user`,
    );
  if (reads) return safe(`${tool} ${what} only reads`);
  if (destroyed)
    return dangerous(
      'destroy-or-exfiltrate',
      `${tool}-destroy`,
      `${tool} ${destroyed} destroys shared infrastructure or data; ask the user to run it`,
    );
  // a new value for a live secret: every service that reads it switches at once
  if (
    vs.includes('secretsmanager') &&
    vs.some((v) => /^(put|update|rotate)$/.test(v)) &&
    vs.includes('secret')
  )
    return unsure(
      `${tool}-secret-replace`,
      `${tool} replaces the value of a secret that running services read; ask the user to rotate it`,
    );
  if (remoteShell(ops, vs))
    return unsure(
      `${tool}-remote-shell`,
      `${tool} ${vs.slice(0, 3).join(' ')} runs commands on remote machines`,
    );
  const flagText = args.map((a) => a.value);
  if (flagText.some((f) => /^--visibility(=public)?$/.test(f)) && flagText.some((f) => /public/.test(f)))
    return dangerous(
      'destroy-or-exfiltrate',
      'make-public',
      `${tool}: making a repository or resource public exposes it to everyone; ask the user`,
    );
  if (
    flagText.some((f) => /^--(force|replicas=0)$/.test(f)) &&
    vs.some((v) => /^(apply|replace|upgrade|scale|deploy|install|sync|rollout)$/.test(v))
  )
    return dangerous(
      'destroy-or-exfiltrate',
      `${tool}-forced-change`,
      `${tool} ${vs.slice(0, 2).join(' ')} ${flagText.filter((f) => f.startsWith('--')).join(' ')} deletes and recreates live resources; apply without --force`,
    );
  if (flagText.some((f) => f.startsWith('--visibility')))
    return unsure(`${tool}-visibility`, `${tool} changes who can see a repository or resource`);
  if (
    flagText.some((f) => /^--delete(-removed)?$/.test(f)) &&
    vs.some((v) => /^(sync|cp|rsync|mirror|deploy)$/.test(v))
  )
    return dangerous(
      'destroy-or-exfiltrate',
      'remote-sync-delete',
      `${tool} ${vs.slice(0, 2).join(' ')} --delete removes remote files the source lacks; run with --dryrun first`,
    );
  const access = judgeAccessChange(tool, vs, args);
  if (access) return access;
  if (pushesArtifact(ops, args))
    return unsure('registry-push', `${tool} ${what} publishes an artifact to a registry others pull from`);
  const moved = remoteSyncOrMove(tool, vs, args) ?? uploadsToStorage(tool, vs, args);
  if (moved) return moved;
  const disruptive = vs.find((v) => DISRUPTIVE_VERBS.has(v));
  if (disruptive)
    return unsure(
      `${tool}-disruptive`,
      `${tool} ${vs.slice(0, 3).join(' ')} disrupts running services or shared state (${disruptive})`,
    );
  const shipped = judgeDeploy(tool, vs, args) ?? judgeMigration(tool, args) ?? judgeHistoryPrune(tool, args);
  if (shipped) return shipped;
  if (vs.some(isMutatingVerb))
    return safe(`${tool} ${vs.slice(0, 3).join(' ')} creates or updates resources (nothing destroyed)`);
  return safe(`${tool} ${vs.slice(0, 3).join(' ')}`);
}

/** Verbs that do not destroy data but interrupt live services, merge or hide shared work. */
const DISRUPTIVE_VERBS = new Set([
  'stop',
  'drain',
  'cordon',
  'scale',
  'undo',
  'pause',
  'resume',
  'restart',
  'maintenance',
  'merge',
  'close',
  'archive',
  'rename',
  'transfer',
  'visibility',
  'clone',
  'failover',
  'promote',
  'rotate',
  'suspend',
  'rollback',
]);

const SECRET_STORES = new Set(['vault', 'op', 'doppler', 'infisical', 'aws-vault', 'pass', 'security']);

const MUTATING =
  /^(create|apply|deploy|put|set|update|patch|edit|scale|run|exec|start|stop|restart|push|publish|upload|cp|mv|sync|attach|detach|modify|add|import|replace|rollback|restore|invoke|send|tag|label|annotate|cordon|drain|taint|expose|promote|resize|copy|move|write|install|upgrade|enable|grant|assign|mount|link|commit|save|load|rename|merge|import|migrate|seed|rollout)$/;
function isMutatingVerb(v: string): boolean {
  return MUTATING.test(v);
}

const docker: CommandJudge = (args, cmd, ctx) => judgeContainer('docker', args, cmd, ctx, judgeInfra);

const kubectl: CommandJudge = (args, cmd, ctx) => {
  // exec POD -- CMD…: the command runs inside the pod; judge it as a command, held at least
  const dash = args.findIndex((a) => a.value === '--');
  if (dash >= 0 && verbsOf(args.slice(0, dash), 3).includes('exec') && cmd && ctx) {
    const inner = ctx.judgeArgv(args.slice(dash + 1), cmd, deeper(ctx));
    return atLeastUnsure(inner, 'kubectl-exec', 'runs a command inside a pod of the cluster');
  }
  const r = judgeInfra('kubectl', args);
  if (r.kind === 'safe') {
    const ops = verbsOf(args, 2);
    if (
      ops[0] === 'set' ||
      ops[0] === 'patch' ||
      ops[0] === 'edit' ||
      ops[0] === 'taint' ||
      ops[0] === 'label'
    )
      return unsure('kubectl-live-change', `kubectl ${ops[0]} changes live workloads in place`);
    if (ops[0] === 'exec' || ops[0] === 'cp' || ops[0] === 'port')
      return unsure('kubectl-exec', 'runs inside a cluster');
  }
  return r;
};

const terraform: CommandJudge = (args) => {
  const ops = args.filter((a) => !a.value.startsWith('-')).map((a) => a.value);
  const flags = args.filter((a) => a.value.startsWith('-')).map((a) => a.value);
  const sub = ops[0] ?? '';
  if (sub === 'destroy' || flags.some((f) => f === '-destroy' || f === '--destroy'))
    return dangerous(
      'destroy-or-exfiltrate',
      'iac-destroy',
      'destroys the infrastructure this configuration manages; run `plan -destroy` and ask the user',
    );
  if (sub === 'apply' && flags.some((f) => /^-?-auto-approve$/.test(f)))
    return dangerous(
      'bypass-review',
      'iac-auto-approve',
      'applies infrastructure changes without the plan being reviewed; run `plan` and ask the user',
    );
  if (sub === 'workspace' && ops[1] === 'delete')
    return dangerous(
      'destroy-or-exfiltrate',
      'iac-destroy',
      'deletes a terraform workspace and its state; ask the user',
    );
  if (sub === 'state' && /^(rm|mv|push|replace-provider)$/.test(ops[1] ?? ''))
    return dangerous(
      'destroy-or-exfiltrate',
      'iac-state-change',
      `terraform state ${ops[1]} edits the state file; ask the user`,
    );
  if (/^(taint|untaint|import|force-unlock)$/.test(sub)) return unsure('iac-change', `terraform ${sub}`);
  if (/^(apply|up|deploy|refresh|update)$/.test(sub))
    return unsure('iac-apply', `${sub} changes real infrastructure`);
  return safe(`terraform ${sub}`);
};

export const INFRA_JUDGES: Readonly<Record<string, CommandJudge>> = {
  docker,
  podman: (args, cmd, ctx) => judgeContainer('podman', args, cmd, ctx, judgeInfra),
  nerdctl: (args, cmd, ctx) => judgeContainer('nerdctl', args, cmd, ctx, judgeInfra),
  'docker-compose': (args, cmd, ctx) =>
    judgeContainer('docker-compose', [{ value: 'compose', dynamic: false }, ...args], cmd, ctx, judgeInfra),
  kubectl,
  oc: kubectl,
  k: kubectl,
  terraform,
  tofu: terraform,
  terragrunt: terraform,
  pulumi: (args) => {
    const sub = args.find((a) => !a.value.startsWith('-'))?.value ?? '';
    if (sub === 'destroy')
      return terraform([{ value: 'destroy', dynamic: false }], undefined as never, undefined as never);
    if (sub === 'up' && args.some((a) => a.value === '--yes' || a.value === '-y'))
      return dangerous(
        'bypass-review',
        'iac-auto-approve',
        'pulumi up --yes skips the preview; run `pulumi preview` and ask the user',
      );
    return judgeInfra('pulumi', args);
  },
  cdk: (args) => judgeInfra('cdk', args),
};

/** CLIs judged by verb alone. */
export const INFRA_TOOLS = new Set([
  'aws',
  'gcloud',
  'gsutil',
  'bq',
  'az',
  'helm',
  'eksctl',
  'doctl',
  'linode-cli',
  'vultr-cli',
  'hcloud',
  'ibmcloud',
  'oci',
  'heroku',
  'vercel',
  'netlify',
  'fly',
  'flyctl',
  'railway',
  'render',
  'firebase',
  'supabase',
  'wrangler',
  'neonctl',
  'planetscale',
  'pscale',
  'turso',
  'stripe',
  'gh',
  'glab',
  'hub',
  'sam',
  'serverless',
  'sls',
  'amplify',
  'copilot',
  'ecs-cli',
  'nomad',
  'consul',
  'vault',
  'minikube',
  'kind',
  'k3d',
  'kubectx',
  'kubens',
  'argocd',
  'flux',
  'skaffold',
  'tilt',
  'ansible',
  'ansible-playbook',
  'packer',
  'vagrant',
  'mc',
  's3cmd',
  'rclone',
  'az',
  'cf',
  'kn',
  'istioctl',
  'linkerd',
  'velero',
  'sentry-cli',
  'datadog-ci',
  'doppler',
  'op',
  'infisical',
  'ngrok',
]);

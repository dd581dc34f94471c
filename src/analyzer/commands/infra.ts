import type { Analysis } from '../../domain/analysis.js';
import type { Arg } from '../shell/words.js';
import { dangerous, safe, unsure } from '../verdicts.js';
import type { CommandJudge } from './context.js';
import { remoteSyncOrMove } from './remote-sync.js';
import { INFRA_DESTROY_VERBS, words } from './verbs.js';

/**
 * Cloud, cluster, container and hosting CLIs share one shape: `tool <noun...> <verb> [flags]`.
 * Their words are split on `-`, `_`, `:` and judged by verb: destroying verbs are dangerous,
 * reading verbs are safe, anything else changes shared infrastructure and is unsure.
 */

const PRIVILEGE_FLAGS =
  /^--(privileged(=true)?|cap-add(=.*)?|pid=host|net(work)?=host|userns=host|security-opt(=.*)?)$/;

function verbsOf(args: readonly Arg[], limit = 4): string[] {
  const ops: Arg[] = [];
  let seenOperand = false;
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v.startsWith('-')) {
      // global options before the first subcommand take a value: `az --subscription X vm list`
      if (!seenOperand && v.startsWith('--') && !v.includes('=')) i++;
      continue;
    }
    seenOperand = true;
    ops.push(args[i]!);
  }
  return words(ops.slice(0, limit));
}

/** Generic judgement for a CLI that manages remote or shared resources. */
/** Cloud secret stores and cluster secrets whose value the command prints. */
function readsSecretValue(tool: string, vs: readonly string[], args: readonly Arg[]): boolean {
  const has = (...words: string[]) => words.every((w) => vs.includes(w));
  const flag = (re: RegExp) => args.some((a) => re.test(a.value));
  switch (tool) {
    case 'aws':
      return (
        has('secretsmanager', 'get', 'value') ||
        has('secretsmanager', 'batch', 'get') ||
        (has('ssm', 'get') && flag(/^--with-decryption$/))
      );
    case 'gcloud':
      return has('secrets', 'access');
    case 'az':
      return has('keyvault', 'secret') && vs.some((v) => v === 'show' || v === 'download');
    case 'kubectl':
    case 'oc':
      return (
        vs.includes('get') &&
        vs.some((v) => v === 'secret' || v === 'secrets') &&
        flag(/^(-o|--output)(=?(yaml|json|jsonpath.*|go-template.*))?$|^-o(yaml|json)/)
      );
    default:
      return false;
  }
}

export function judgeInfra(tool: string, args: readonly Arg[]): Analysis {
  const vs = verbsOf(args);
  const destroyed = vs.find((v) => INFRA_DESTROY_VERBS.has(v));
  if (destroyed)
    return dangerous(
      'destroy-or-exfiltrate',
      `${tool}-destroy`,
      `${tool} ${destroyed} destroys shared infrastructure or data; ask the user to run it`,
    );
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
  if (vs.some((v) => /^(exec|ssh|attach|tunnel|proxy)$/.test(v)))
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
  const moved = remoteSyncOrMove(tool, vs, args);
  if (moved) return moved;
  const disruptive = vs.find((v) => DISRUPTIVE_VERBS.has(v));
  if (disruptive)
    return unsure(
      `${tool}-disruptive`,
      `${tool} ${vs.slice(0, 3).join(' ')} disrupts running services or shared state (${disruptive})`,
    );
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

const docker: CommandJudge = (args) => {
  const flags = args.map((a) => a.value);
  if (flags.some((f) => PRIVILEGE_FLAGS.test(f)))
    return dangerous(
      'degrade-security',
      'container-privileged',
      'runs a privileged container with host access; drop --privileged / host namespaces',
    );
  const vIndex = flags.findIndex((f) => f === '-v' || f === '--volume' || f === '--mount');
  if (vIndex >= 0) {
    const vol = flags[vIndex + 1] ?? '';
    if (
      /^\/(:|$)|^\/(etc|var\/run\/docker\.sock|root|home|Users)(:|\/|$)/.test(vol) ||
      /^(~|\$HOME)(:|$)/.test(vol)
    )
      return dangerous(
        'degrade-security',
        'container-host-mount',
        `mounts ${vol.split(':')[0]} into a container, exposing the host`,
      );
  }
  const ops = args.filter((a) => !a.value.startsWith('-')).map((a) => a.value);
  const sub =
    ops[0] === 'compose' ||
    ops[0] === 'container' ||
    ops[0] === 'image' ||
    ops[0] === 'volume' ||
    ops[0] === 'network' ||
    ops[0] === 'system' ||
    ops[0] === 'buildx'
      ? ops.slice(0, 2)
      : ops.slice(0, 1);
  const last = sub[sub.length - 1] ?? '';
  if (/^(rm|rmi|prune|kill|down)$/.test(last) || sub.includes('prune')) {
    if (last === 'down' && !flags.some((f) => /^(-v|--volumes|--rmi)$/.test(f)))
      return safe('docker compose down keeps volumes');
    const forceful = flags.some((f) => /^-[a-z]*[afv]|^--(force|volumes|all)$/.test(f));
    if (!forceful && !sub.includes('volume') && (last === 'rm' || last === 'rmi' || last === 'prune'))
      return safe(`docker ${sub.join(' ')} removes named or unused containers/images (rebuildable)`);
    return dangerous(
      'destroy-or-exfiltrate',
      'container-destroy',
      `docker ${sub.join(' ')} deletes containers, images or volumes; remove only what you created, by name`,
    );
  }
  if (
    /^(ps|images|logs|inspect|version|info|stats|top|port|diff|history|events|ls|config|build|pull|search|login|help)$/.test(
      last,
    )
  )
    return safe(`docker ${sub.join(' ')}`);
  if (/^(up|start|restart|stop|run|exec|create|compose|cp|tag|network|volume|buildx)$/.test(last))
    return safe(`docker ${sub.join(' ')} (local containers)`);
  if (last === 'push') return unsure('docker-push', 'pushes an image to a registry');
  return judgeInfra('docker', args);
};

const kubectl: CommandJudge = (args) => {
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
  podman: docker,
  nerdctl: docker,
  'docker-compose': (args) =>
    docker([{ value: 'compose', dynamic: false }, ...args], undefined as never, undefined as never),
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

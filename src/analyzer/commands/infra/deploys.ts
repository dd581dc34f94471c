import type { Analysis } from '../../../domain/analysis.js';
import type { Arg } from '../../../shell/words.js';
import { unsure } from '../../verdicts.js';
import { splitWord } from '../verbs.js';

/**
 * Deploys to shared environments. Shipping the project to where users or teammates reach it
 * (`wrangler deploy`, `fly deploy`, `firebase deploy`, `vercel --prod`, `npm run deploy`,
 * `make deploy`, a CLI warden has never seen: `kamal deploy`) is not undone by the agent and was
 * not necessarily asked for: in auto mode it waits for a person. By what the command says:
 *
 * - a `deploy`/`publish`/`ship` subcommand word, or a tool's own word for it (`pulumi up`,
 *   `railway up`, `heroku container:release`), or a production flag on a hosting CLI;
 * - hosting CLIs that deploy a preview by default (`vercel`, `netlify deploy`, Firebase preview
 *   channels) deploy to production only with `--prod`/`--production`/`--environment production`:
 *   a preview is a private URL nobody uses yet, so it stays routine;
 * - cluster changes (`kubectl apply|replace|create|patch`, `helm install|upgrade`) are deploys when
 *   the target is known to be shared: a context, cluster or server that is not a local one (kind,
 *   minikube, docker-desktop, k3d…), or a production namespace, context, values or manifest path.
 *   With no target named, kubectl uses the current context, which warden cannot see: left as is.
 *
 * Dry runs (`--dry-run`, `--check`, `--plan`) are routine (the caller's dry-run rule), and so are
 * local development servers (`wrangler dev`, `vercel dev`, `firebase emulators:start`).
 */

const DEPLOY_WORDS = /^(deploy|deploys|deployment|publish|ship)$/;
/** Tools whose own word for deploying is not `deploy`. */
const TOOL_DEPLOY_WORDS: Readonly<Record<string, RegExp>> = {
  pulumi: /^up$/,
  railway: /^up$/,
  azd: /^(up|provision)$/,
  heroku: /^release$/,
  copilot: /^(deploy|release)$/,
  sst: /^(deploy)$/,
};
/** Hosting CLIs whose plain deploy is a preview; production needs a flag. */
const PREVIEW_BY_DEFAULT = new Set(['vercel', 'netlify']);
/** Words that say the target is a preview, not production (`hosting:channel:deploy`, `deploy:preview`). */
const PREVIEW_WORDS = /^(preview|channel|draft)$/;

/** A flag or value that names production: `--prod`, `--environment=production`, `--stage prod`. */
export function productionFlag(args: readonly Arg[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (/^--(prod|production|prod-if-unlocked)(=true)?$/i.test(v)) return v;
    const m = /^(--(env|environment|stage|target|context)|-e|-s)(=(.*))?$/.exec(v);
    if (!m) continue;
    const value = m[4] ?? args[i + 1]?.value ?? '';
    if (/^(prod|production|live|main|master)$/i.test(value)) return `${m[1]} ${value}`;
  }
  return undefined;
}

/** Local clusters: changes there touch nobody else. */
const LOCAL_CLUSTER =
  /^(kind(-.*)?|minikube|docker-desktop|docker-for-desktop|rancher-desktop|orbstack|colima(-.*)?|k3d-.*|microk8s|k3s|localhost|local|default|dev-local|.*-local)$/i;

/** A production-sounding word in a value (`prod`, `production`, `overlays/production/`, `values-prod.yaml`). */
const PROD_WORD = /(^|[-_/.=:])(prod|production)([-_/.:]|$)/i;

/** Whether a kubectl/helm command names a shared target: a non-local context/cluster/server, or production. */
function sharedCluster(args: readonly Arg[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    const m = /^--(context|kube-context|cluster|server|kubeconfig)(=(.*))?$|^-s$/.exec(v);
    if (m) {
      const value = m[3] ?? args[i + 1]?.value ?? '';
      if (value === '' || args[i + (m[3] !== undefined ? 0 : 1)]?.dynamic)
        return `${v} (known only at run time)`;
      if (m[1] === 'server') {
        if (!/^(https?:\/\/)?(localhost|127\.|\[::1\])/.test(value)) return `the API server ${value}`;
      } else if (m[1] === 'kubeconfig') {
        if (PROD_WORD.test(value)) return `the kubeconfig ${value}`;
      } else if (!LOCAL_CLUSTER.test(value)) return `the context ${value}`;
    }
  }
  const prod = args.find((a) => !a.value.startsWith('--') && PROD_WORD.test(a.value));
  return prod ? `production (${prod.value})` : undefined;
}

const held = (what: string, where: string) =>
  unsure(
    'deploy-shared',
    `${what} deploys to ${where}, which users or teammates rely on; deploy when the user asks for it, or ask them to run it`,
  );

/**
 * The deploy verdict of a command, from its tool name, its subcommand words (split, flags
 * skipped) and its arguments, or undefined when it deploys nothing to a shared place.
 */
export function judgeDeploy(
  tool: string,
  words: readonly string[],
  args: readonly Arg[],
): Analysis | undefined {
  if (args.some((a) => /^(--help|-h|--version)$/.test(a.value)) || words[0] === 'help') return undefined;
  const what = [tool, ...words.slice(0, 3)].join(' ');
  if (tool === 'kubectl' || tool === 'oc' || tool === 'k' || tool === 'helm') {
    const change =
      tool === 'helm'
        ? words.find((w) => /^(install|upgrade)$/.test(w))
        : words.find((w) => /^(apply|replace|create|patch|set|edit|rollout|scale|annotate|label)$/.test(w));
    if (!change) return undefined;
    const shared = sharedCluster(args);
    return shared ? held(what, shared) : undefined;
  }
  // a playbook or ad-hoc module run changes every host of the inventory
  if (/^ansible(-playbook)?$/.test(tool))
    return args.some((a) =>
      /^--(check|syntax-check|list-hosts|list-tasks|list-tags|version)$|^-C$/.test(a.value),
    )
      ? undefined
      : held(what, 'the hosts of its inventory');
  // `npx netlify-cli`, `firebase-tools`: the package name of the same CLI
  const cli = tool.replace(/-(cli|tools)$/, '');
  const own = TOOL_DEPLOY_WORDS[cli];
  const deploys = words.some((w) => DEPLOY_WORDS.test(w) || own?.test(w));
  const prod = productionFlag(args);
  if (PREVIEW_BY_DEFAULT.has(cli)) {
    // `vercel` and `vercel deploy` make a preview; `vercel --prod` ships to production
    if (prod && (deploys || words.length === 0)) return held(what, 'production');
    return undefined;
  }
  if (!deploys) return undefined;
  if (!prod && words.some((w) => PREVIEW_WORDS.test(w) || /^(what|if)$/.test(w))) return undefined;
  return held(what, prod ? 'production' : 'a shared environment');
}

/** The subcommand words of the first few operands (flags, paths and messages skipped). */
export function operandWords(args: readonly Arg[], limit = 3): string[] {
  const out: string[] = [];
  let seen = 0;
  for (const a of args) {
    if (seen >= limit) break;
    const v = a.value;
    if (v.startsWith('-') || a.dynamic) continue;
    seen++;
    if (/\s|[/=@]/.test(v)) continue;
    out.push(...splitWord(v));
  }
  return out;
}

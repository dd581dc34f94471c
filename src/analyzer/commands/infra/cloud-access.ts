import type { Analysis } from '../../../domain/analysis.js';
import type { SimpleCommand } from '../../../shell/extract.js';
import type { Arg } from '../../../shell/words.js';
import { dangerous, unsure } from '../../verdicts.js';
import { HTTP_CLIENT, hostOf, httpHosts, under } from '../network/hosts.js';

/**
 * Who can get in: cloud subcommands that print or mint credentials, grant privileges, or open
 * inbound network access on shared infrastructure. They are judged from the subcommand words
 * (split like every infra verb: `print-access-token` is print, access, token) and a few flags.
 */

/** Cloud secret stores and cluster secrets whose value the command prints. */
export function readsSecretValue(tool: string, vs: readonly string[], args: readonly Arg[]): boolean {
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

/** Words naming a credential whose value the command hands out. */
const CREDENTIAL = /^(token|password|passwd|credential|credentials|creds|sas)$/;
/** Verbs that hand one out: print it, fetch it, mint it, export it. */
const EMITS = /^(print|get|generate|create|export|issue|new|regenerate|renew|assume|show)$/;
/** Keys that never leave their service (KMS, Key Vault keys): creating one hands nothing out. */
const KEY_SERVICE = /^(kms|keyvault|keyring|keyrings|cryptokey|cryptokeys|hsm)$/;
/** Flags that make a read print the secret value (`get-api-key --include-value`, `acr login --expose-token`). */
const REVEAL = /^--(include-values?|expose-token|show-token|show-secrets?|reveal|with-decryption|decrypt)$/;

/**
 * A subcommand that prints or creates a credential (token, password, access key, service-account
 * key, connection string): the value lands in the transcript or in a file on disk.
 */
export function emitsCredential(
  tool: string,
  vs: readonly string[],
  args: readonly Arg[],
): string | undefined {
  const emits = vs.find((v) => EMITS.test(v));
  const noun = vs.find((v) => CREDENTIAL.test(v));
  if (emits && noun && !(emits === 'show' && noun === 'sas')) return `${emits} ${noun}`;
  // `gh auth token`, `doctl auth token`: the credential is the subcommand
  if (vs.includes('auth') && noun === 'token') return 'auth token';
  // sts assume-role hands out temporary keys
  if (vs.includes('assume') && vs.includes('role')) return 'assume role';
  const keys = vs.some((v) => /^(key|keys|keypair|sshkey)$/.test(v));
  if (keys && !vs.some((v) => KEY_SERVICE.test(v))) {
    const verb = vs.find((v) => /^(create|generate|new|regenerate|renew|import)$/.test(v));
    if (verb) return `${verb} key`;
    // Azure's `keys list` / `list-keys` returns the key strings; aws and gcloud list only ids
    // (ssh keys are public keys)
    if (tool === 'az' && !vs.includes('sshkey') && vs.some((v) => v === 'list' || v === 'show'))
      return 'list keys';
  }
  // `aws configure get aws_secret_access_key` prints the stored key
  if (
    tool === 'aws' &&
    vs.includes('configure') &&
    vs.includes('get') &&
    args.some((a) =>
      /^(aws_secret_access_key|aws_access_key_id|aws_session_token)$/i.test(a.value.replace(/^.*\./, '')),
    )
  )
    return 'configure get';
  if (vs.includes('connection') && vs.some((v) => v === 'string' || v === 'strings'))
    return 'connection string';
  const reveal = args.find((a) => REVEAL.test(a.value));
  if (reveal) return reveal.value;
  return undefined;
}

/** The registries a cloud's login password opens (`docker login --password-stdin HOST`). */
const CLOUD_REGISTRY: Readonly<Record<string, RegExp>> = {
  aws: under('amazonaws.com'),
  gcloud: /^([\w-]+\.)?gcr\.io$|^[\w-]+-docker\.pkg\.dev$/,
  az: /^[\w-]+\.azurecr\.io$/,
  gh: /^(ghcr\.io|docker\.pkg\.github\.com)$/,
  doctl: /^registry\.digitalocean\.com$/,
};
/** The API hosts a cloud's token is for (`curl -H "Authorization: Bearer $(gcloud auth print-access-token)" …`). */
const CLOUD_API: Readonly<Record<string, RegExp>> = {
  gcloud: under('googleapis.com'),
  aws: under('amazonaws.com'),
  az: under('azure.com'),
  gh: /^(api\.)?github\.com$/,
  doctl: /^api\.digitalocean\.com$/,
};
/** Cluster API servers a cloud hosts (`kubectl --server`). */
const CLOUD_CLUSTER: Readonly<Record<string, RegExp>> = {
  gcloud: under('googleapis.com'),
  aws: under('amazonaws.com'),
  az: under('azmk8s.io', 'azure.com'),
};
/** Programs that use a cloud credential against that cloud themselves. */
const CLOUD_CLIENTS = /^(kubectl|oc|helm|gcloud|gsutil|bq|az|aws|eksctl)$/;
const LOGINS = /^(docker|podman|nerdctl|buildah|skopeo|helm|oras|crane|finch)$/;

/** `docker login [-u U] [-p P] HOST`: the registry hosts a login names (Docker Hub when none). */
function loginHosts(cmd: SimpleCommand): string[] {
  const args = cmd.argv.slice(1);
  const hosts: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (/^(-u|--username|-p|--password|--authfile|--cert-dir)$/.test(v)) i++;
    else if (!v.startsWith('-') && !/^(login|registry)$/.test(v)) hosts.push(hostOf(v));
  }
  return hosts.length ? hosts : ['docker.io'];
}

/** Whether the `$(…)` of `cmd` sits in a header of the client `by` (`-H "Authorization: Bearer $(…)"`). */
function inHeader(by: SimpleCommand, cmd: SimpleCommand): boolean {
  const args = by.argv;
  const holding = args.filter((a) => a.dynamic && a.value.includes(cmd.text));
  const at = (a: (typeof args)[number]) => args.indexOf(a);
  return (
    holding.length > 0 &&
    holding.every(
      (a) =>
        /^(-H|--header)$/.test(args[at(a) - 1]?.value ?? '') ||
        /^(--header=|-H.)/.test(a.value) ||
        // httpie request items: `Authorization:"Bearer $(…)"`
        (/^(http|https|xh|xhs)$/.test(args[0]?.value ?? '') && /^[\w-]+:[^=/]/.test(a.value)),
    )
  );
}

/**
 * A credential that never reaches the transcript and goes only to its own cloud: piped into a
 * login that reads it from stdin for that cloud's registry (`aws ecr get-login-password | docker
 * login --password-stdin 1.dkr.ecr.us-east-1.amazonaws.com`), captured by `$(…)` into a header of
 * an HTTP call to that cloud's API (`curl -H "Authorization: Bearer $(gcloud auth
 * print-access-token)" https://storage.googleapis.com/…`), into a cloud client without a foreign
 * `--server`, or into a variable. Anything else (a URL query, a commit message, a gist, a registry
 * elsewhere) hands it to someone else.
 */
export function handedToProgram(cmd: SimpleCommand, tool = ''): boolean {
  const down = cmd.downstream;
  if (down?.argv.some((a) => /^--(password|token)-stdin$/.test(a.value))) {
    const registry = CLOUD_REGISTRY[tool];
    return registry !== undefined && loginHosts(down).every((h) => registry.test(h));
  }
  const by = cmd.capturedBy;
  if (!by) return false;
  const head = by.argv[0]?.value.split('/').pop();
  // `TOKEN=$(gcloud auth print-access-token)`: kept in a variable (where it goes next is judged there)
  if (head === undefined) return true;
  if (HTTP_CLIENT.test(head)) {
    const api = CLOUD_API[tool];
    const hosts = httpHosts(by.argv.slice(1));
    return api !== undefined && hosts.length > 0 && hosts.every((h) => api.test(h)) && inHeader(by, cmd);
  }
  if (LOGINS.test(head) && by.argv.some((a) => a.value === 'login')) {
    const registry = CLOUD_REGISTRY[tool];
    return registry !== undefined && loginHosts(by).every((h) => registry.test(h));
  }
  if (CLOUD_CLIENTS.test(head) || head === tool) {
    const args = by.argv;
    const cluster = CLOUD_CLUSTER[tool];
    return args.every((a, i) => {
      const m = /^(--server|-s|--endpoint-url|--api-endpoint)(=(.*))?$/.exec(a.value);
      if (!m) return true;
      const value = m[3] ?? args[i + 1]?.value ?? '';
      return cluster?.test(hostOf(value)) === true;
    });
  }
  return false;
}

/** Verbs that give a principal more access. */
const GRANT_VERB = /^(put|attach|add|set|update|grant|assign|ch|modify|replace|create)$/;
/** A policy word that is an access policy when one of these owns it (`put-role-policy`), not `put-retention-policy`. */
const POLICY_OWNER =
  /^(iam|role|user|group|bucket|resource|repository|registry|key|access|assume|trust|topic|queue|vault|keyvault|container|blob|share|endpoint)$/;
/** Roles and policies that can do everything, granting themselves more included. */
const ADMIN_ROLE =
  /^(roles\/owner|owner|user ?access ?administrator|(arn:aws:iam::aws:policy\/)?administratoraccess|roles\/resourcemanager\.(organization|folder|project)iamadmin)$/i;

/**
 * A subcommand that grants privileges: IAM bindings and role assignments, inline or attached
 * policies, ACLs, resource permissions, group membership.
 */
export function grantsAccess(vs: readonly string[]): string | undefined {
  const verb = vs.find((v) => GRANT_VERB.test(v));
  if (!verb) return undefined;
  const at = vs.indexOf('policy');
  const accessPolicy =
    at >= 0 && (vs.includes('iam') || vs.includes('keyvault') || POLICY_OWNER.test(vs[at - 1] ?? ''));
  if (verb === 'create') {
    // creating a role or a policy grants nothing until it is bound; creating the binding does
    const binding = vs.find((v) =>
      /^(assignment|binding|rolebinding|clusterrolebinding|grant|permission)$/.test(v),
    );
    return binding ? `create ${binding}` : undefined;
  }
  if (accessPolicy) return `${verb} policy`;
  const what = vs.find((v) =>
    /^(acl|acls|binding|bindings|permission|permissions|member|members|grant|assignment)$/.test(v),
  );
  if (what) return `${verb} ${what}`;
  if (vs.includes('iam') && (vs.includes('group') || vs.includes('ch'))) return `${verb} iam`;
  return undefined;
}

/** The admin role a grant names (`--role roles/owner`, `--policy-arn …AdministratorAccess`). */
export function adminRole(args: readonly Arg[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    const eq = v.indexOf('=');
    const name = eq > 0 ? v.slice(0, eq) : v;
    const value = eq > 0 ? v.slice(eq + 1) : args[i + 1]?.value;
    if (/^--(role|policy-arn|role-definition)$/.test(name) && value && ADMIN_ROLE.test(value)) return value;
  }
  return undefined;
}

/** Flags that make a resource reachable from outside (`--publicly-accessible`, `--public-access blob`). */
function publicFlag(args: readonly Arg[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === '--publicly-accessible' || v.startsWith('--authorized-networks')) return v;
    const [name, inline] = v.split('=', 2);
    if (name === '--public-access' || name === '--allow-blob-public-access') {
      const value = (inline ?? args[i + 1]?.value ?? '').toLowerCase();
      if (!/^(off|none|false|disabled)$/.test(value)) return `${name} ${value}`;
    }
  }
  return undefined;
}

/**
 * A subcommand that opens inbound network access: security-group ingress, firewall and NSG rules
 * that allow (the default unless `--action deny` / `--access Deny` / egress), `vm open-port`.
 */
export function opensIngress(vs: readonly string[], args: readonly Arg[]): string | undefined {
  const text = args.map((a) => a.value).join(' ');
  const denies = /--(action|access)[= ]deny\b|--direction[= ](egress|outbound|out)\b/i.test(text);
  const changes = vs.some((v) => /^(authorize|create|add|update|patch|set|allow|open)$/.test(v));
  if (changes && !denies) {
    if (vs.includes('ingress')) return 'ingress rule';
    if (vs.includes('open') && vs.some((v) => v === 'port' || v === 'ports')) return 'open port';
    if (vs.some((v) => v === 'firewall')) return 'firewall rule';
    if (vs.includes('rule') && vs.some((v) => /^(nsg|security)$/.test(v))) return 'security rule';
  }
  return publicFlag(args);
}

/** The verdict for a grant or an opening, or undefined. */
export function judgeAccessChange(
  tool: string,
  vs: readonly string[],
  args: readonly Arg[],
): Analysis | undefined {
  const what = vs.slice(0, 4).join(' ');
  const grant = grantsAccess(vs);
  if (grant) {
    const admin = adminRole(args);
    if (admin)
      return dangerous(
        'degrade-security',
        'grant-admin',
        `${tool} ${what} grants ${admin}, full control of the account or project; ask the user`,
      );
    return unsure('grant-access', `${tool} ${what} grants privileges on shared infrastructure (${grant})`);
  }
  const opening = opensIngress(vs, args);
  if (opening) {
    const world = args.some((a) => /(^|[=,\s])(0\.0\.0\.0\/0|::\/0)/.test(a.value)) ? ' from anywhere' : '';
    return unsure('open-ingress', `${tool} ${what} opens inbound access${world} (${opening})`);
  }
  return undefined;
}

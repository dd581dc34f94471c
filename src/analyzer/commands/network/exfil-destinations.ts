import type { Analysis } from '../../../domain/analysis.js';
import type { Arg } from '../../../shell/words.js';
import { dangerous, unsure } from '../../verdicts.js';
import {
  BARE_HOST,
  bareHost,
  HTTP_CLIENT,
  HTTP_VALUED,
  httpHosts,
  isLoopback,
  under,
  urlHost,
} from './hosts.js';
import { reroutedBy } from './secret-reroute.js';

/**
 * Where a secret goes when a command line carries it. A secret-named variable in the arguments of
 * a network tool is fine when the destination is this machine or the service the variable belongs
 * to (`curl -H "Authorization: Bearer $GITHUB_TOKEN" https://api.github.com/user`); anywhere else
 * it is held. A secret inside a host name is DNS exfiltration: denied. A secret in a commit or
 * tag message or in GitHub issue, gist or pull-request text is published: held.
 */

/**
 * The services a variable belongs to, by its vendor prefix: `GITHUB_TOKEN` goes to GitHub,
 * `AWS_SECRET_ACCESS_KEY` to AWS. A small general mapping, not a list of endpoints.
 */
const VENDOR_HOSTS: readonly (readonly [RegExp, RegExp])[] = [
  [/^(GITHUB|GH)_/, under('github.com', 'githubusercontent.com', 'ghcr.io')],
  [/^OPENAI_/, under('api.openai.com')],
  [/^(ANTHROPIC|CLAUDE)_/, under('api.anthropic.com')],
  [/^AWS_/, under('amazonaws.com')],
  [/^(GOOGLE|GCP|GCLOUD|GEMINI)_/, under('googleapis.com')],
  [/^(AZURE|ARM)_/, under('azure.com', 'microsoft.com', 'microsoftonline.com')],
  [/^STRIPE_/, under('api.stripe.com')],
  [/^SLACK_/, under('slack.com')],
  [/^OPENROUTER_/, under('openrouter.ai')],
  [/^(GITLAB|GL)_/, under('gitlab.com')],
  [/^(HF|HUGGINGFACE|HUGGING_FACE)_/, under('huggingface.co')],
  [/^NPM_/, under('registry.npmjs.org')],
  [/^VERCEL_/, under('vercel.com')],
  [/^(CLOUDFLARE|CF)_/, under('api.cloudflare.com')],
  [/^SENTRY_/, under('sentry.io')],
  [/^(DIGITALOCEAN|DO)_/, under('api.digitalocean.com')],
  [/^MISTRAL_/, under('api.mistral.ai')],
  [/^GROQ_/, under('api.groq.com')],
  [/^DEEPSEEK_/, under('api.deepseek.com')],
  [/^LINEAR_/, under('api.linear.app')],
  [/^NOTION_/, under('api.notion.com')],
  [/^(DOCKER|DOCKERHUB)_/, under('docker.io', 'docker.com')],
];

/** Whether `host` is this machine or a service the variable `name` belongs to. */
export function hostFitsSecret(name: string, host: string): boolean {
  if (isLoopback(host)) return true;
  return VENDOR_HOSTS.some(([prefix, hosts]) => prefix.test(name) && hosts.test(host));
}

/** Whether a variable names a vendor of the mapping (its owner is known). */
function vendorOf(name: string): boolean {
  return VENDOR_HOSTS.some(([prefix]) => prefix.test(name));
}

/** An API token whose owner the name does not say (`$TOKEN`, `$API_KEY`), not a password or signing key. */
const GENERIC_TOKEN = /(^|_)(TOKEN|API_?KEY|APIKEY|ACCESS_TOKEN|AUTH_TOKEN|BEARER_TOKEN)$/;
const NOT_A_TOKEN = /PASS|PRIVATE|DATABASE|(^|_)DB_|SECRET_ACCESS|SIGNING|SESSION|ENCRYPTION|MASTER|ROOT/;

/** Headers that carry a credential: `Authorization`, `X-Api-Key`, `Private-Token`. */
const AUTH_HEADER = /^\s*(authorization|proxy-authorization|[\w-]*(api-?key|token|auth)[\w-]*)\s*:/i;

/**
 * Whether `a` passes an owner-unknown API token the way it is meant to be used: as the value of a
 * credential header (`-H "Authorization: Bearer $TOKEN"`, httpie's `Authorization:"Bearer $TOKEN"`).
 */
function authHeader(args: readonly Arg[], a: Arg, isSecret: (name: string) => boolean): boolean {
  const vars = secretsIn(a, isSecret);
  if (!vars.every((v) => GENERIC_TOKEN.test(v) && !NOT_A_TOKEN.test(v))) return false;
  const at = args.indexOf(a);
  const prev = args[at - 1]?.value ?? '';
  if (/^(-H|--header)$/.test(prev)) return AUTH_HEADER.test(a.value);
  if (a.value.startsWith('--header=')) return AUTH_HEADER.test(a.value.slice('--header='.length));
  if (/^-H./.test(a.value)) return AUTH_HEADER.test(a.value.slice(2));
  // httpie's request items: `Authorization:"Bearer $TOKEN"`
  return !a.value.startsWith('-') && !HTTP_VALUED.test(prev) && AUTH_HEADER.test(a.value);
}

/** Host names of a raw-socket or shell client: the operands that are not ports or commands. */
function socketHosts(name: string, args: readonly Arg[]): string[] {
  const ops = args.filter((a) => !a.value.startsWith('-')).map((a) => a.value);
  if (/^(ssh|mosh)$/.test(name)) return ops.slice(0, 1).map((o) => bareHost(o.replace(/^.*@/, '')));
  if (/^(scp|sftp|rsync)$/.test(name))
    return ops
      .filter((o) => /^[^/]*:/.test(o))
      .map((o) => bareHost(o.replace(/^.*@/, '').replace(/:.*$/, '')));
  return ops.filter((o) => !/^\d+$/.test(o)).map((o) => urlHost(o) ?? bareHost(o.replace(/^.*@/, '')));
}

const SOCKET_CLIENT = /^(nc|ncat|netcat|socat|telnet|ssh|mosh|scp|sftp|ftp|rsync)$/;
const RESOLVER = /^(dig|host|nslookup|drill|ping|ping6|traceroute|whois|delv|kdig)$/;
/** git subcommands whose text (message, notes) is published with the commits. */
const GIT_TEXT = /^(commit|tag|notes|merge|revert|stash|am|cherry-pick)$/;
/** gh subcommands that publish text: issues, gists, pull requests, releases, discussions, comments. */
const GH_TEXT = /^(issue|gist|pr|release|discussion|repo|label|project|workflow|run)$/;

function secretsIn(a: Arg, isSecret: (name: string) => boolean): string[] {
  return (a.vars ?? []).filter(isSecret);
}

/** The host part of a URL word or a bare host word carries a secret variable (`https://$KEY.evil.com/`). */
function secretInHostPart(value: string, secrets: readonly string[]): boolean {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(value);
  const authority = m ? m[1]! : value.split(/[/?#]/)[0]!;
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return secrets.some((s) => new RegExp(`\\$\\{?${s}\\b`).test(host));
}

const held = (name: string, what: string, where: string): Analysis =>
  unsure(
    'secret-to-network',
    `${name} sends ${what} to ${where}; a credential goes only to the service it belongs to (or to this machine)`,
  );

const dnsLeak = (name: string, what: string): Analysis =>
  dangerous(
    'destroy-or-exfiltrate',
    'exfiltration',
    `blocked: ${name} puts ${what} into a host name, which every DNS resolver on the way sees; never send credentials off the machine`,
  );

/**
 * Judges where the secret variables in a command's arguments go. Undefined when the command
 * carries none, or carries them to this machine or to their own service.
 */
export function judgeSecretDestination(
  name: string,
  args: readonly Arg[],
  isSecret: (name: string) => boolean,
): Analysis | undefined {
  const carrying = args.filter((a) => secretsIn(a, isSecret).length > 0);
  if (carrying.length === 0) return undefined;
  const vars = [...new Set(carrying.flatMap((a) => secretsIn(a, isSecret)))];
  const what = vars.map((v) => `$${v}`).join(', ');

  if (RESOLVER.test(name)) {
    const inName = carrying.find((a) => !a.value.startsWith('-') && !/^@/.test(a.value));
    if (inName) return dnsLeak(name, what);
    return held(name, what, 'a name server');
  }

  if (HTTP_CLIENT.test(name) || SOCKET_CLIENT.test(name)) {
    const leak = carrying.find(
      (a) =>
        !a.value.startsWith('-') &&
        !HTTP_VALUED.test(args[args.indexOf(a) - 1]?.value ?? '') &&
        /[.:]/.test(a.value.replace(/\$\{?\w+\}?/g, '')) &&
        (urlHost(a.value) !== undefined ||
          BARE_HOST.test(a.value.replace(/\$\{?\w+\}?/g, 'x.example').replace(/^[^/@]*@/, ''))) &&
        secretInHostPart(a.value, secretsIn(a, isSecret)),
    );
    if (leak) return dnsLeak(name, what);
    const hosts = HTTP_CLIENT.test(name) ? httpHosts(args) : socketHosts(name, args);
    if (hosts.length === 0) return held(name, what, 'a host that is not written out');
    // a token of no known vendor, used as a credential header, goes to the service it was made for
    const headerOnly = HTTP_CLIENT.test(name) && carrying.every((a) => authHeader(args, a, isSecret));
    const fits = (v: string, h: string) => hostFitsSecret(v, h) || (headerOnly && !vendorOf(v));
    const foreign = hosts.find((h) => /\$/.test(h) || !vars.every((v) => fits(v, h)));
    if (foreign) return held(name, what, /\$/.test(foreign) ? 'a host computed at run time' : foreign);
    // the URL names the right host, but the request may go elsewhere (see secret-reroute.ts)
    const rerouted = HTTP_CLIENT.test(name) ? reroutedBy(name, args, hosts) : undefined;
    if (rerouted) return held(name, what, `a host the URL does not decide (${rerouted})`);
    return undefined;
  }

  if (name === 'git') {
    const sub = args.find((a) => !a.value.startsWith('-'))?.value ?? '';
    if (GIT_TEXT.test(sub))
      return unsure(
        'secret-to-network',
        `git ${sub} writes ${what} into history that is pushed and shared; never put a credential in a commit`,
      );
    const hosts = args.map((a) => urlHost(a.value)).filter((h): h is string => h !== undefined);
    const foreign = hosts.find((h) => /\$/.test(h) || !vars.every((v) => hostFitsSecret(v, h)));
    if (foreign) return held('git', what, foreign);
    return undefined;
  }

  if (name === 'gh') {
    const ops = args.filter((a) => !a.value.startsWith('-')).map((a) => a.value);
    const sub = ops[0] ?? '';
    if (sub === 'secret' || sub === 'auth') return undefined;
    if (GH_TEXT.test(sub))
      return unsure(
        'secret-to-network',
        `gh ${sub} publishes ${what} on GitHub; never put a credential in an issue, gist or pull request`,
      );
    if (sub === 'api') {
      const at = args.findIndex((a) => a.value === '--hostname');
      const host = at >= 0 ? (args[at + 1]?.value ?? '') : 'api.github.com';
      if (!vars.every((v) => hostFitsSecret(v, host.toLowerCase()))) return held('gh api', what, host);
    }
    return undefined;
  }
  return undefined;
}

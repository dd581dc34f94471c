import type { Analysis, Environment } from '../domain/analysis.js';
import { SECRET_TOKEN } from '../places/secret-patterns.js';
import { internalHostReason } from './commands/network/hosts.js';
import { judgeAll } from './commands/path-checks.js';
import { isSecretName } from './commands/secrets/env-secrets.js';
import { safe, unsure } from './verdicts.js';

/**
 * Web reads by an agent's own fetch and search tools (Claude Code's WebFetch and WebSearch,
 * Gemini's web_fetch and google_web_search, Codex's web_fetch and web_search, …): a public
 * http(s) page read with nothing secret in the request is routine; a request to this machine,
 * the local network or a cloud metadata service, another scheme, or a URL or query that carries
 * a credential is held.
 */

/** Query parameters whose value is a credential (`?access_token=`, `&sig=`, `X-Amz-Signature=`). */
const CREDENTIAL_PARAM =
  /(^|[_.-])(token|access[_-]?token|id[_-]?token|auth|authorization|api[_-]?key|apikey|key|secret|client[_-]?secret|password|passwd|pwd|pass|sig|signature|credential|session|sessionid|jwt|bearer)$/i;

/** Values that stand for a credential in docs: `YOUR_KEY`, `<token>`, `xxx`, `...`. */
const PLACEHOLDER =
  /^(your|my)[_-]|^<.*>$|^\{.*\}$|^x{3,}$|^\*{3,}$|^\.{3}$|^(changeme|example|placeholder|dummy|test|demo)$/i;

/**
 * A reference to an environment variable, in any shell's spelling: `$X`, `${X}`, `%X%`, `$env:X`
 * (upper-case names, as environment variables are: OData's `$filter` is not one; `%E2%80%` is
 * percent-encoding, not `%NAME%`).
 */
const ENV_REFERENCE = /\$\{?[A-Z_][A-Z0-9_]*\b|%(?![0-9A-Fa-f]{2})[A-Za-z_]\w*%|\$env:\w+/;

/**
 * A random-looking value long enough to be a key (base64 or base64url with upper case, lower case
 * and digits). Hex is left alone: commit and content hashes fill public URLs.
 */
function secretShaped(value: string, min: number): boolean {
  return (
    value.length >= min &&
    /^[A-Za-z0-9+/=_-]+$/.test(value) &&
    /[A-Z]/.test(value) &&
    /[a-z]/.test(value) &&
    /\d/.test(value)
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Why a URL's text carries a credential, or undefined. */
function credentialInUrl(url: URL, raw: string, env: Environment): string | undefined {
  if (url.username || url.password) return 'a user name or password in the URL';
  if (SECRET_TOKEN.test(raw) || SECRET_TOKEN.test(safeDecode(raw))) return 'a credential in the URL';
  if (ENV_REFERENCE.test(raw) || ENV_REFERENCE.test(safeDecode(raw)))
    return 'a value read from the environment in the URL';
  if (carriesEnvSecret(raw, env)) return "the value of one of the user's secret environment variables";
  for (const [name, value] of url.searchParams) {
    if (value.length >= 6 && CREDENTIAL_PARAM.test(name) && !PLACEHOLDER.test(value))
      return `a credential in the query (${name}=…)`;
    if (secretShaped(value, 32)) return `a secret-shaped value in the query (${name}=…)`;
  }
  for (const segment of url.pathname.split('/'))
    if (secretShaped(safeDecode(segment), 40)) return 'a secret-shaped value in the path';
  if (url.hash.length > 1 && secretShaped(url.hash.slice(1), 32))
    return 'a secret-shaped value in the fragment';
  return undefined;
}

/** Whether a text holds the value of one of the user's secret environment variables. */
export function carriesEnvSecret(text: string, env: Environment): boolean {
  const values = env.secretValues;
  if (!values || values.length === 0) return false;
  const decoded = safeDecode(text);
  return values.some((v) => text.includes(v) || decoded.includes(v));
}

/** Judges one URL a fetch tool would request. */
export function judgeWebUrl(raw: string, env: Environment): Analysis {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return unsure('web-url-unreadable', `fetches ${text.slice(0, 80)}, which is not a URL warden can read`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return unsure('web-scheme', `fetches a ${url.protocol} URL; only public http(s) pages are routine reads`);
  const internal = internalHostReason(url.hostname);
  if (internal)
    return unsure(
      'web-internal-host',
      `fetches ${url.hostname}, ${internal}: a fetch tool reaching inside the network can read what the internet cannot`,
    );
  const credential = credentialInUrl(url, text, env);
  if (credential)
    return unsure('web-credential', `the request to ${url.hostname} carries ${credential}; ask the user`);
  return safe(`reads the public page ${url.hostname}`);
}

/** URLs written in a text (Gemini's web_fetch takes them inside its prompt). */
export function urlsIn(text: string): string[] {
  return [...text.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/[^\s<>"'`)\]]+/gi)].map((m) =>
    m[0].replace(/[.,;:!?]+$/, ''),
  );
}

/** Judges every URL a fetch tool's input names (`url`, `urls`, or URLs inside its `prompt`). */
export function judgeWebFetch(input: Readonly<Record<string, unknown>>, env: Environment): Analysis {
  const urls: string[] = [];
  for (const key of ['url', 'uri', 'href', 'link', 'Url']) {
    const v = input[key];
    if (typeof v === 'string') urls.push(v);
  }
  for (const key of ['urls', 'links']) {
    const v = input[key];
    if (Array.isArray(v)) for (const u of v) if (typeof u === 'string') urls.push(u);
  }
  if (urls.length === 0)
    for (const key of ['prompt', 'query', 'input']) {
      const v = input[key];
      if (typeof v === 'string') urls.push(...urlsIn(v));
    }
  if (urls.length === 0) return unsure('web-no-url', 'a fetch without a URL warden can read');
  return judgeAll(urls.map((u) => judgeWebUrl(u, env)));
}

/** A web search sends its query to a search engine: routine unless the query carries a secret. */
export function judgeWebSearch(input: Readonly<Record<string, unknown>>, env: Environment): Analysis {
  const texts = ['query', 'q', 'search_term', 'searchTerm', 'prompt']
    .map((k) => input[k])
    .filter((v): v is string => typeof v === 'string');
  for (const t of texts) {
    if (SECRET_TOKEN.test(t)) return unsure('web-credential', 'the search query carries a credential');
    if (carriesEnvSecret(t, env))
      return unsure('web-credential', "the search query carries a secret environment variable's value");
  }
  return safe('searches the web');
}

/**
 * The values of secret-named variables in an environment (`GITHUB_TOKEN`, `STRIPE_SECRET_KEY`):
 * long enough to be a credential, and not a path to one.
 */
export function secretEnvValues(processEnv: Readonly<Record<string, string | undefined>>): string[] {
  const out = new Set<string>();
  for (const [name, value] of Object.entries(processEnv)) {
    if (!value || value.length < 12 || /^[/~.]|\s/.test(value) || !isSecretName(name)) continue;
    out.add(value);
  }
  return [...out];
}

/**
 * An agent's browser (Cline and Roo's `browser_action`): opening a public page is a web read;
 * clicking, typing and scrolling act on a page (forms, purchases, settings) and are held.
 */
export function judgeBrowser(input: Readonly<Record<string, unknown>>, env: Environment): Analysis {
  const action = typeof input.action === 'string' ? input.action : '';
  if (action === 'close') return safe('closes the browser');
  if (action === 'launch' || action === 'navigate' || action === 'goto') return judgeWebFetch(input, env);
  return unsure(
    'browser-action',
    `the browser would ${action || 'act'} on a page, which can submit or change things`,
  );
}

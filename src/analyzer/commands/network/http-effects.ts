import type { Analysis } from '../../../domain/analysis.js';
import type { Arg } from '../../../shell/words.js';
import { dangerous, unsure } from '../../verdicts.js';
import { DESTROY_VERBS, splitWord } from '../verbs.js';
import { isLoopback } from './hosts.js';

/**
 * What an HTTP call does to the remote side, read from its method and URL (curl, wget, httpie).
 * GET and other reads change nothing there. DELETE, or a write method (POST/PUT/PATCH) to a path
 * that names a destroying verb (`/_delete_by_query`, `/job/x/doDelete`, `/delete`), destroys
 * remote data: dangerous on another host (shared or production data, no undo), unsure on the
 * loopback, where deleting seeded test data from a dev server is routine but the port may still
 * be a tunnel or a real database (Elasticsearch on :9200), so a person looks. Other writes are
 * left to the caller (uploads, exfiltration); posting JSON to an API is everyday agent work.
 */

/** Destroying verbs that in web APIs name everyday user actions (revoke a token, clear a cache, unsubscribe). */
const ROUTINE_IN_URLS = new Set(['revoke', 'clear', 'unsubscribe', 'forget', 'del', 'eject', 'prune']);

/** curl's method: `-X/--request`, else implied by data (`-d`, `-F`, `--json` → POST, `-T` → PUT). */
export function curlMethod(args: readonly Arg[]): string {
  let implied = 'GET';
  let get = false;
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    const attached = /^(?:-[sSfLkvigN]*X|--request=)(.+)$/.exec(v);
    if (attached) return attached[1]!.toUpperCase();
    if (/^(-[sSfLkvigN]*X|--request)$/.test(v)) return (args[i + 1]?.value ?? '').toUpperCase();
    if (v === '-G' || v === '--get') get = true;
    else if (v === '-I' || v === '--head') implied = 'HEAD';
    else if (v === '-T' || v === '--upload-file') implied = 'PUT';
    else if (/^(-d|-F|--data(-\w+)?|--json|--form(-string)?)(=|$)/.test(v) && implied === 'GET')
      implied = 'POST';
  }
  return get ? 'GET' : implied;
}

/** wget's method: `--method`, else POST for `--post-data/--post-file`. */
export function wgetMethod(args: readonly Arg[]): string {
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v.startsWith('--method=')) return v.slice('--method='.length).toUpperCase();
    if (v === '--method') return (args[i + 1]?.value ?? '').toUpperCase();
  }
  return args.some((a) => /^--(post|body)-(data|file)(=|$)/.test(a.value)) ? 'POST' : 'GET';
}

/** Arguments that are URLs: with a scheme, `--url X`, `host:port/path`, or `$BASE/path` (host known at run time). */
export function urlArgs(args: readonly Arg[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === '--url' && args[i + 1]) out.push(args[i + 1]!.value);
    else if (v.startsWith('--url=')) out.push(v.slice('--url='.length));
    else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) || /^[\w.-]*:\d+(\/|$)/.test(v)) out.push(v);
    else if (args[i]!.dynamic && /^\$\{?\w+\}?\//.test(v)) out.push(v);
    else if (args[i]!.dynamic && /^\$\{?\w+\}?$/.test(v) && !takesValue(args[i - 1]?.value ?? ''))
      out.push(v);
  }
  return out;
}

/** Whether `flag` is an option whose value is the next argument (so `-H "$AUTH"` is no URL). */
function takesValue(flag: string): boolean {
  return (
    flag.startsWith('-') &&
    !/^-[sSfLkvigNI]+$|^--(silent|fail|location|insecure|verbose|include|get|head)$/.test(flag)
  );
}

function parse(url: string): { host: string; path: string } {
  if (url.startsWith('$')) return { host: '', path: url.replace(/^\$\{?\w+\}?/, '') };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url)
    ? url
    : `http://${url.startsWith(':') ? 'localhost' : ''}${url}`;
  try {
    const u = new URL(withScheme);
    return { host: u.hostname.toLowerCase(), path: u.pathname };
  } catch {
    const m = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]*)[^/?#]*([^?#]*)/i.exec(withScheme);
    return { host: (m?.[1] ?? '').toLowerCase(), path: m?.[2] ?? '' };
  }
}

function destroyingPathWord(path: string): string | undefined {
  for (const segment of path.split('/')) {
    for (const w of splitWord(segment)) if (DESTROY_VERBS.has(w) && !ROUTINE_IN_URLS.has(w)) return w;
  }
  return undefined;
}

/**
 * A GraphQL mutation in a request body whose field names a destroying verb (`mutation {
 * volumeDelete(id: "x") }`, `deleteUser`, `purgeCache`, `removeMember`): the field, or undefined.
 * Queries (`{ deletedItems { id } }`) read; creating and updating mutations destroy nothing.
 */
export function destroyingMutation(body: string): string | undefined {
  const text = body.replace(/\\[nrt"]/g, ' ');
  const at = text.search(/\bmutation\b/);
  if (at < 0) return undefined;
  // field names: an identifier followed by `(` or `{` (arguments or a selection), not `name:` argument keys
  for (const m of text.slice(at).matchAll(/(?<![A-Za-z0-9_])([A-Za-z_][A-Za-z0-9_]*)\s*(?=[({])/g)) {
    const field = m[1]!;
    if (field === 'mutation') continue;
    if (splitWord(field).some((w) => DESTROY_VERBS.has(w) && !ROUTINE_IN_URLS.has(w))) return field;
  }
  // a field with no arguments or selection (`mutation { purgeCache }`)
  const block = /\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/.exec(text.slice(at))?.[1];
  if (block && splitWord(block).some((w) => DESTROY_VERBS.has(w) && !ROUTINE_IN_URLS.has(w))) return block;
  return undefined;
}

/**
 * The remote effect of `method` on `urls` with request `bodies`, or undefined when it destroys
 * nothing there: DELETE, a write to a destroying path, or a destroying GraphQL mutation.
 */
export function judgeHttpEffect(
  tool: string,
  method: string,
  urls: readonly string[],
  bodies: readonly string[] = [],
): Analysis | undefined {
  const writes = /^(POST|PUT|PATCH)$/.test(method);
  if (method !== 'DELETE' && !writes) return undefined;
  const mutation = writes ? bodies.map(destroyingMutation).find((f) => f !== undefined) : undefined;
  for (const url of urls) {
    const { host, path } = parse(url);
    const verb =
      method === 'DELETE' ? 'DELETE' : (destroyingPathWord(path) ?? (mutation && `mutation ${mutation}`));
    if (!verb) continue;
    const what = method === 'DELETE' ? `${tool} -X DELETE ${url}` : `${tool} ${method} ${url} (${verb})`;
    if (host === '')
      return unsure(
        'http-delete-unknown-host',
        `${what} deletes data on a server only known at run time; check where the variable points`,
      );
    if (isLoopback(host))
      return unsure(
        'http-delete-local',
        `${what} deletes data on a server on this machine; fine for a dev server's test data, not for a tunnel or a real database`,
      );
    return dangerous(
      'destroy-or-exfiltrate',
      'http-delete',
      `${what} deletes data on ${host || 'a remote service'} and cannot be undone; ask the user to run it`,
    );
  }
  return undefined;
}

import type { Arg } from '../shell/words.js';

/** Hosts in command-line words: which machine a URL or a bare `host.tld/…` operand reaches. */

/** Hosts a domain covers: itself and its subdomains. */
export const under = (...domains: string[]) =>
  new RegExp(`(^|\\.)(${domains.map((d) => d.replace(/\./g, '\\.')).join('|')})$`, 'i');

/** HTTP clients: their URL operands and bare host words are where a request goes. */
export const HTTP_CLIENT = /^(curl|wget|http|https|xh|xhs|aria2c|httpie|curlie)$/;

/** This machine: localhost, *.localhost, 127.0.0.0/8, ::1, 0.0.0.0, and the host seen from a container. */
const LOOPBACK =
  /^(localhost|[\w.-]+\.localhost|127(\.\d{1,3}){3}|0\.0\.0\.0|::1|\[::1\]|host\.(docker|containers)\.internal)$/i;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

/** A URL's host (lower case, no user info or port), with `scheme://`; undefined for other words. */
export function urlHost(value: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(value);
  if (!m) return undefined;
  return bareHost(m[1]!.slice(m[1]!.lastIndexOf('@') + 1));
}

/** The host of a URL or of a bare `host[:port]/path` word (user info and port dropped). */
export function hostOf(value: string): string {
  return urlHost(value) ?? bareHost(value.split(/[/?#]/)[0]!.replace(/^.*@/, ''));
}

export function bareHost(authority: string): string {
  const v6 = /^\[([^\]]*)\]/.exec(authority);
  if (v6) return v6[1]!.toLowerCase();
  return authority.replace(/:\d*$/, '').toLowerCase();
}

/** A word that is a host without a scheme (`api.github.com/user`, `localhost:3000`, httpie's `:3000/x`). */
export const BARE_HOST =
  /^(([\w-]+\.)+[a-z]{2,}|localhost|\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:]+\])(:\d+)?([/?#]|$)|^:\d+([/?#]|$)/i;

/** Options of HTTP clients that take a value (that value is not a URL operand). */
export const HTTP_VALUED =
  /^(-[oOdHuUAeXbcDEFKTPtwmyYz]|--(output|output-document|data|data-raw|data-binary|data-urlencode|json|header|user|proxy-user|user-agent|referer|request|cookie|cookie-jar|dump-header|cert|key|cacert|capath|form|form-string|config|upload-file|directory-prefix|oauth2-bearer|max-time|connect-timeout|retry|retry-delay|write-out|limit-rate|range|auth|auth-type|session|session-read-only|verify|print|body-file|input-file|post-data|post-file|password|http-user|http-password|user|load-cookies|save-cookies|resolve|connect-to|interface|local-port|unix-socket|abstract-unix-socket|trace|trace-ascii|stderr|variable|expand-url|url-query)$)/;

/** The hosts an HTTP client's arguments name: every `scheme://` word, and bare host operands. */
export function httpHosts(args: readonly Arg[]): string[] {
  const hosts: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    const u = urlHost(v.replace(/^--?[\w-]+=/, ''));
    if (u !== undefined) {
      hosts.push(u);
      continue;
    }
    if (v.startsWith('-')) {
      if (HTTP_VALUED.test(v)) i++;
      continue;
    }
    if (BARE_HOST.test(v)) hosts.push(v.startsWith(':') ? 'localhost' : bareHost(v.split(/[/?#]/)[0]!));
  }
  return hosts;
}

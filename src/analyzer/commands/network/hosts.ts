import type { Arg } from '../../../shell/words.js';

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

/**
 * Names that only resolve inside a machine, a network or a cloud: cloud metadata services,
 * reserved internal suffixes, cluster DNS, and wildcard-DNS services that answer with the IP
 * written in the name (`10.0.0.5.nip.io`).
 */
const INTERNAL_NAME =
  /^(metadata|metadata\.google\.internal|metadata\.goog|instance-data|instance-data\.ec2\.internal|metadata\.azure\.com)$|\.(internal|local|localhost|localdomain|lan|home|home\.arpa|corp|intranet|intra|private|svc|cluster\.local|test|invalid)$|(^|\.)(nip\.io|sslip\.io|xip\.io|localtest\.me|lvh\.me|traefik\.me|vcap\.me)$/i;

/**
 * Why a URL host is not a public internet host, or undefined when it is one: this machine, a
 * private, shared, link-local or reserved address (IPv4 in any spelling the URL parser accepts,
 * IPv6 incl. mapped IPv4), a cloud metadata endpoint, an internal or single-label name.
 * `host` is a URL's hostname (brackets around IPv6 allowed).
 */
export function internalHostReason(host: string): string | undefined {
  const h = host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (h === '') return 'no host';
  if (isLoopback(h) || h === '::') return 'this machine (loopback)';
  const v4 = ipv4Of(h);
  if (v4) return privateIpv4Reason(v4);
  if (h.includes(':')) return privateIpv6Reason(h);
  if (INTERNAL_NAME.test(h))
    return /metadata|instance-data/.test(h) ? 'a cloud metadata endpoint' : 'an internal name';
  if (!h.includes('.')) return 'a single-label (intranet) name';
  // a public-looking name that spells a private address (`10-0-0-7.example.net`, `192.168.1.4.cdn.io`)
  const embedded = /(?:^|[.-])(\d{1,3})[.-](\d{1,3})[.-](\d{1,3})[.-](\d{1,3})(?=[.-])/.exec(h);
  if (embedded) {
    const reason = privateIpv4Reason(embedded.slice(1, 5).map(Number));
    if (reason) return `${reason}, written in the name`;
  }
  return undefined;
}

function ipv4Of(h: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  if (!m) return undefined;
  const parts = m.slice(1, 5).map(Number);
  return parts.every((n) => n <= 255) ? parts : undefined;
}

function privateIpv4Reason([a, b, c]: readonly number[]): string | undefined {
  if (a === 127) return 'this machine (loopback)';
  if (a === 169 && b === 254) return 'a link-local address (cloud metadata lives here)';
  if (a === 100 && b === 100 && c === 100) return 'a cloud metadata endpoint';
  if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168)) return 'a private address';
  if (a === 100 && b! >= 64 && b! <= 127) return 'a shared (carrier-grade NAT) address';
  if (a === 0 || a! >= 224 || (a === 192 && b === 0 && c === 0) || (a === 198 && (b === 18 || b === 19)))
    return 'a reserved address';
  return undefined;
}

function privateIpv6Reason(h: string): string | undefined {
  // ::ffff:a.b.c.d and the parser's ::ffff:7f00:1 spelling carry an IPv4 address
  const mapped = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/.exec(h);
  if (mapped) {
    const v4 = mapped[1]
      ? ipv4Of(mapped[1])
      : [
          Number.parseInt(mapped[2]!, 16) >> 8,
          Number.parseInt(mapped[2]!, 16) & 255,
          Number.parseInt(mapped[3]!, 16) >> 8,
          Number.parseInt(mapped[3]!, 16) & 255,
        ];
    return v4 ? privateIpv4Reason(v4) : 'a mapped address';
  }
  if (/^fe[89ab]/.test(h)) return 'a link-local address';
  if (/^f[cd]/.test(h)) return 'a private (unique local) address';
  if (/^ff/.test(h)) return 'a multicast address';
  if (/^::/.test(h)) return 'a reserved address';
  return undefined;
}

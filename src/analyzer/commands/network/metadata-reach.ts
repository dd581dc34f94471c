import type { Analysis } from '../../../domain/analysis.js';
import type { Arg } from '../../../shell/words.js';
import { unsure } from '../../verdicts.js';
import { BARE_HOST, bareHost, HTTP_CLIENT, httpHosts, internalHostReason, urlHost } from './hosts.js';

/**
 * Requests to a cloud metadata service from any program: an HTTP client's URL or bare host, and a
 * URL written anywhere in another program's arguments (`python3 -c "urlopen('http://169.254.…')"`,
 * `node -e "fetch(…)"`). The metadata service hands out the machine's cloud credentials, so reaching
 * it is a credential read, whatever spelling the address takes: decimal, hex or octal IPv4, short
 * forms, percent-encoding, IPv4-mapped IPv6, and names that resolve to it (`metadata.google.internal`,
 * `169.254.169.254.nip.io`). Loopback and LAN hosts are left to the HTTP judges (dev servers).
 */

/** A URL's host as the WHATWG URL parser (and so curl, browsers, fetch) reads it: `0xA9FEA9FE` → 169.254.169.254. */
export function canonicalHost(host: string): string {
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  try {
    return new URL(`http://${bracketed}/`).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return host.toLowerCase();
  }
}

/** Whether an internal-host reason names a metadata service (link-local, metadata names, Alibaba's 100.100.100.200). */
function metadataReason(written: string): string | undefined {
  // the literal part of a host: `169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` reaches 169.254.170.2
  const host = written.split(/[$`]/)[0]!;
  if (host === '') return undefined;
  const canonical = canonicalHost(host);
  // AWS's IPv6 endpoint
  if (/^fd00:ec2::/.test(canonical)) return 'a cloud metadata endpoint';
  const reason = internalHostReason(canonical);
  if (reason && /metadata|link-local/.test(reason)) return reason;
  // a wildcard-DNS name that resolves to the address written in it (`169.254.169.254.nip.io`)
  const embedded = /(?:^|[.-])(\d{1,3}[.-]\d{1,3}[.-]\d{1,3}[.-]\d{1,3})(?=[.-]|$)/.exec(canonical);
  if (embedded && embedded[1] !== canonical) {
    const inner = internalHostReason(embedded[1]!.replace(/-/g, '.'));
    if (inner && /metadata|link-local/.test(inner)) return `${inner}, written in the name`;
  }
  return undefined;
}

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>"'`)\]]+/gi;

/** The hosts a command's arguments reach: URLs anywhere, and an HTTP client's bare host operands. */
function reachedHosts(name: string, args: readonly Arg[]): string[] {
  const hosts: string[] = [];
  if (HTTP_CLIENT.test(name)) hosts.push(...httpHosts(args));
  for (const a of args) {
    for (const m of a.value.matchAll(URL_IN_TEXT)) {
      const h = urlHost(m[0]);
      if (h !== undefined) hosts.push(h);
    }
    // a bare `169.254.169.254/…` or `metadata.google.internal/…` inside code or a PowerShell -Uri
    if (!a.value.startsWith('-') && BARE_HOST.test(a.value) && !HTTP_CLIENT.test(name))
      hosts.push(bareHost(a.value.split(/[/?#]/)[0]!));
  }
  return hosts;
}

/** Holds a command that reaches a cloud metadata service. */
export function judgeMetadataReach(name: string, args: readonly Arg[]): Analysis | undefined {
  // a request over a local socket goes to whatever daemon owns it (the Docker API is root)
  if (HTTP_CLIENT.test(name) && args.some((a) => /^--(abstract-)?unix-socket(=|$)/.test(a.value)))
    return unsure('unix-socket', `${name} sends a request over a local socket to the daemon behind it`);
  for (const host of reachedHosts(name, args)) {
    const reason = metadataReason(host);
    if (reason)
      return unsure(
        'cloud-metadata',
        `${name} reaches ${host}, ${reason}: the metadata service hands out this machine's cloud credentials`,
      );
  }
  return undefined;
}

/** Holds a tool whose input names a URL on a cloud metadata service (an MCP fetch or browser tool). */
export function judgeMetadataInText(tool: string, text: string): Analysis | undefined {
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const host = urlHost(m[0]);
    const reason = host === undefined ? undefined : metadataReason(host);
    if (reason)
      return unsure(
        'cloud-metadata',
        `${tool} reaches ${host}, ${reason}: the metadata service hands out this machine's cloud credentials`,
      );
  }
  return undefined;
}

import type { SimpleCommand } from '../../../shell/extract.js';
import type { Arg } from '../../../shell/words.js';
import { isLoopback, urlHost } from './hosts.js';

/**
 * Options and settings that send a network tool's request somewhere other than the host its URL
 * names, or let anyone on the way read or answer it. A credential checked against the URL's host
 * (`$GITHUB_TOKEN` to api.github.com) no longer has a known destination when the name is resolved
 * by hand (`--resolve`, `--connect-to`), the request goes through a proxy (`-x`, `*_proxy=`,
 * `wget -e https_proxy=`), the URL comes from a config file or stdin (`-K`, `--config`), the
 * server's certificate is not checked (`-k`, `--no-check-certificate`), or the URL is plain
 * `http://` to another machine (anyone on the path reads the header).
 */

/** Long options of HTTP clients (curl, wget, httpie, xh, aria2c) that reroute or unverify a request. */
const REROUTE_LONG =
  /^--(resolve|connect-to|proxy|preproxy|socks4a?|socks5(-hostname)?|proxy-insecure|config|insecure|no-check-certificate|doh-url|all-proxy|https?-proxy|ftp-proxy|verify=(no|false)|check-certificate=false|execute=.*proxy|execute=.*config)(=|$)/i;

const INSECURE =
  /^--(insecure|proxy-insecure|no-check-certificate|verify=(no|false)|check-certificate=false)$/i;

/** curl's short options that take a value: the rest of a cluster (`-sSLo file`) is that value. */
const CURL_VALUED_SHORT = /[oOdHuUAeXbcDEFKTPtwmyYzrCQx]/;

/** curl-style clients, whose `-k` is `--insecure`, `-x` `--proxy` and `-K` `--config`. */
const CURL_LIKE = /^(curl|curlie|xh|xhs)$/;

/** Environment settings a network tool reads its proxy or its config file from. */
const ROUTING_VAR =
  /^(?!no_proxy$)\w*_proxy$|^(CURL_HOME|WGETRC|CURL_CA_BUNDLE|SSL_CERT_FILE|SSL_CERT_DIR)$/i;

/** What in a network tool's arguments makes its destination unknown, described; undefined if nothing. */
export function reroutedBy(name: string, args: readonly Arg[], hosts: readonly string[]): string | undefined {
  // an unchecked certificate on this machine (`curl -k https://localhost:8443`) exposes nothing
  const local = hosts.length > 0 && hosts.every(isLoopback);
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (REROUTE_LONG.test(v) && !(local && INSECURE.test(v))) return v.split('=')[0];
    if (/^(-e|--execute)$/.test(v) && /proxy|config/i.test(args[i + 1]?.value ?? ''))
      return `${v} ${args[i + 1]!.value}`;
    if (name === 'wget' && /^-e.*(proxy|config)/i.test(v)) return v;
    if (CURL_LIKE.test(name) && /^-[a-zA-Z]+$/.test(v)) {
      for (const c of v.slice(1)) {
        if (c === 'k' && !local) return '-k (no certificate check)';
        if (c === 'x') return '-x (a proxy)';
        if (c === 'K') return '-K (a config file)';
        if (CURL_VALUED_SHORT.test(c)) break;
      }
    }
  }
  const plain = args.map((a) => a.value).find((v) => /^http:\/\//i.test(v) && !isLoopback(urlHost(v) ?? ''));
  return plain ? `plain http (${plain})` : undefined;
}

/** A `*_proxy=` (or config-file) assignment in front of the command: `https_proxy=… curl …`. */
export function routingAssignment(cmd: SimpleCommand): string | undefined {
  const a = cmd.assignments?.find((x) => ROUTING_VAR.test(x.name));
  return a ? `${a.name}=${a.value.value}` : undefined;
}

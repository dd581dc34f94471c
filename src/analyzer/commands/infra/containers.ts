import type { Analysis } from '../../../domain/analysis.js';
import type { SimpleCommand } from '../../../shell/extract.js';
import type { Arg } from '../../../shell/words.js';
import { atLeastUnsure, dangerous, safe, unsure } from '../../verdicts.js';
import { deeper, type ShellContext } from '../context.js';

/**
 * docker, podman, nerdctl and compose. Options are read with their values, attached or not
 * (`-v/x:/y`, `--mount type=bind,src=/,dst=/host`), so every spelling of a host mount, a host
 * namespace or a raw device is the same privileged container. Commands run inside a container
 * (`exec`, `run IMAGE CMD…`) are judged like the same command on the host; a daemon on another
 * machine (`-H tcp://…`, `DOCKER_HOST`, a non-default `--context`) makes every change remote.
 */

export type Fallback = (tool: string, args: readonly Arg[]) => Analysis;

interface Opt {
  readonly name: string;
  readonly value: string | undefined;
}

interface Parsed {
  readonly opts: Opt[];
  /** Words after the options: subcommand, or IMAGE/CONTAINER and its command. */
  readonly rest: readonly Arg[];
}

/** Long names of the short options that matter below. */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  v: '--volume',
  e: '--env',
  p: '--publish',
  u: '--user',
  w: '--workdir',
  H: '--host',
  c: '--context',
  f: '--file',
  l: '--label',
  m: '--memory',
  h: '--hostname',
  t: '--tag',
  o: '--output',
};

/**
 * Reads options up to the first operand. `booleanShort` are the letters that take no value (in a
 * cluster `-it` both are flags; the first letter that takes a value ends the cluster, the rest of
 * the word or the next word being its value). Long options take a value unless listed in
 * `booleanLong` or written `--opt=value`.
 */
function parseOptions(args: readonly Arg[], booleanShort: string, booleanLong: RegExp): Parsed {
  const opts: Opt[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === '--') {
      i++;
      break;
    }
    if (!v.startsWith('-') || v === '-' || args[i]!.dynamic) break;
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      if (eq > 0) opts.push({ name: v.slice(0, eq), value: v.slice(eq + 1) });
      else if (booleanLong.test(v)) opts.push({ name: v, value: undefined });
      else opts.push({ name: v, value: args[++i]?.value });
      continue;
    }
    for (let k = 1; k < v.length; k++) {
      const letter = v[k]!;
      const name = SHORT_NAMES[letter] ?? `-${letter}`;
      if (booleanShort.includes(letter)) {
        opts.push({ name, value: undefined });
        continue;
      }
      const attached = v.slice(k + 1).replace(/^=/, '');
      opts.push({ name, value: attached || args[++i]?.value });
      break;
    }
  }
  return { opts, rest: args.slice(i) };
}

// options of `docker` itself, before the subcommand
const GLOBAL_BOOL_SHORT = 'Dv';
const GLOBAL_BOOL_LONG = /^--(debug|tls|tlsverify|version|help|remote)$/;
// run/create/exec/compose run|exec: the flags that take no value
const RUN_BOOL_SHORT = 'ditPqT';
const RUN_BOOL_LONG =
  /^--(detach|interactive|tty|rm|privileged|init|publish-all|read-only|no-healthcheck|oom-kill-disable|quiet|disable-content-trust|help|no-deps|service-ports|use-aliases|build|remove-orphans|no-TTY|push|pull|load|no-cache|squash|compress|force-rm|all|force|follow|timestamps|volumes|remove-orphans|wait|quiet-pull|no-build|no-start|no-recreate|force-recreate|always-recreate-deps|abort-on-container-exit|with-dependencies|dry-run|sbom|provenance|no-cache-filter)$/;

/** Management commands whose second word is the action: `docker container rm`, `compose up`. */
const GROUPS =
  /^(compose|container|image|volume|network|system|buildx|builder|manifest|context|swarm|service|stack|secret|config|plugin|node|trust|machine|pod|imagetools)$/;

/** Host paths a container must not see: the root, system directories, the docker socket, home itself and its secret dirs. */
const HOST_PATH =
  /^(\/|\/(etc|root|proc|sys|dev|boot)(\/.*)?|\/(usr|bin|sbin|lib|lib64|var|run|home|Users|private|System|Library|var\/lib\/docker|var\/run)\/?|\/(home|Users)\/[^/]+\/?|(~|\$HOME|\$\{HOME\})\/?|(~|\$HOME|\$\{HOME\}|\/(home|Users)\/[^/]+)\/\.(ssh|aws|kube|docker|gnupg|config|azure|gcloud)(\/.*)?)$/;

const DOCKER_SOCKET = /\/(docker|podman|containerd)(\.sock|\/)/;

/** The host side of a `-v SRC:DST` or `--mount type=bind,src=SRC,…` value; undefined for a named volume. */
function hostSource(opt: Opt): string | undefined {
  const value = opt.value ?? '';
  if (opt.name === '--mount') {
    const kv = new Map(
      value.split(',').map((p) => {
        const eq = p.indexOf('=');
        return eq < 0 ? [p, ''] : [p.slice(0, eq), p.slice(eq + 1)];
      }),
    );
    const type = kv.get('type') ?? 'volume';
    if (type !== 'bind') return undefined;
    return kv.get('source') ?? kv.get('src') ?? '';
  }
  if (opt.name !== '--volume') return undefined;
  const src = value.split(':')[0] ?? '';
  return /^[/~$]/.test(src) ? src : undefined;
}

const HOST_NAMESPACE = /^--(network|net|pid|ipc|uts|userns|cgroupns)$/;
const UNCONFINED = /unconfined|disable|label[:=]disable/;

/** A reason the container gets host access, or undefined. */
function privilegeOf(opts: readonly Opt[]): string | undefined {
  for (const o of opts) {
    if (o.name === '--privileged' && (o.value === undefined || o.value === 'true')) return '--privileged';
    if (HOST_NAMESPACE.test(o.name) && o.value === 'host') return `${o.name}=host`;
    if (o.name === '--cap-add') return `--cap-add ${o.value ?? ''}`;
    if (o.name === '--security-opt' && UNCONFINED.test(o.value ?? '')) return `--security-opt ${o.value}`;
    if ((o.name === '--device' || o.name === '--device-cgroup-rule') && o.value !== undefined)
      return `${o.name} ${o.value}`;
    // buildx entitlements: a build step with host network or without the sandbox
    if (o.name === '--allow' && /security\.insecure|network\.host/.test(o.value ?? ''))
      return `--allow ${o.value}`;
  }
  return undefined;
}

function hostMountOf(opts: readonly Opt[]): string | undefined {
  for (const o of opts) {
    const src = hostSource(o);
    if (src !== undefined && (HOST_PATH.test(src) || DOCKER_SOCKET.test(src))) return src || '/';
  }
  return undefined;
}

/** A push of the built image, by flag or by `--output type=registry` / `push=true`. */
function pushesBuild(opts: readonly Opt[]): boolean {
  return opts.some(
    (o) =>
      (o.name === '--push' && (o.value === undefined || o.value === 'true')) ||
      (o.name === '--output' && /type=registry|push=true/.test(o.value ?? '')),
  );
}

const REMOTE_DAEMON = /^(tcp|ssh|https?):\/\//;

/** A daemon on another machine: `-H tcp://…`, `DOCKER_HOST=ssh://…`, `--context prod`, podman `--remote`. */
function remoteDaemon(globals: readonly Opt[], cmd: SimpleCommand | undefined): string | undefined {
  for (const o of globals) {
    if ((o.name === '--host' || o.name === '--url') && REMOTE_DAEMON.test(o.value ?? '')) return o.value;
    if ((o.name === '--context' || o.name === '--connection') && o.value && o.value !== 'default')
      return `context ${o.value}`;
    if (o.name === '--remote') return 'a remote podman service';
  }
  const env = cmd?.text.match(
    /(?:^|\s)(DOCKER_HOST|CONTAINER_HOST)=["']?((?:tcp|ssh|https?):\/\/\S+?)["']?(?=\s)/,
  );
  if (env) return env[2];
  return undefined;
}

export function judgeContainer(
  tool: string,
  args: readonly Arg[],
  cmd: SimpleCommand | undefined,
  ctx: ShellContext | undefined,
  fallback: Fallback,
): Analysis {
  const global = parseOptions(args, GLOBAL_BOOL_SHORT, GLOBAL_BOOL_LONG);
  const remote = remoteDaemon(global.opts, cmd);
  const r = judgeSubcommand(tool, global.rest, cmd, ctx, fallback);
  if (!remote || READS.test(actionOf(global.rest))) return r;
  return atLeastUnsure(
    r,
    'container-remote-daemon',
    `${tool} talks to the daemon at ${remote}: containers there run on another machine`,
  );
}

/** Subcommands that only read: harmless on any daemon. */
const READS = /^(ps|images|logs|inspect|version|info|stats|top|port|diff|history|events|ls|search|help)$/;

/** The action word of a subcommand (`ps`, `container ls` → ls), for the remote-daemon check. */
function actionOf(args: readonly Arg[]): string {
  const ops = args.filter((a) => !a.value.startsWith('-')).map((a) => a.value);
  return (GROUPS.test(ops[0] ?? '') ? ops[1] : ops[0]) ?? '';
}

function judgeSubcommand(
  tool: string,
  args: readonly Arg[],
  cmd: SimpleCommand | undefined,
  ctx: ShellContext | undefined,
  fallback: Fallback,
): Analysis {
  const first = args[0]?.value ?? '';
  let sub = [first];
  let after = args.slice(1);
  if (first === 'compose') {
    // compose's own options (-f FILE, -p NAME, --profile X) come before its subcommand
    const c = parseOptions(after, 'd', /^--(compatibility|dry-run|verbose|all-resources|version|help)$/);
    sub = ['compose', c.rest[0]?.value ?? ''];
    after = c.rest.slice(1);
  } else if (GROUPS.test(first)) {
    const second = after.findIndex((a) => !a.value.startsWith('-'));
    sub = [first, after[second]?.value ?? ''];
    after = second >= 0 ? after.slice(second + 1) : [];
    if (first === 'buildx' && sub[1] === 'imagetools') {
      sub = ['buildx', 'imagetools', after[0]?.value ?? ''];
      after = after.slice(1);
    }
  }
  const action = sub[sub.length - 1]!;
  const name = `${tool} ${sub.join(' ')}`.trim();
  const parsed = parseOptions(after, RUN_BOOL_SHORT, RUN_BOOL_LONG);
  // options after the operands (`docker build . --push`) count too, but never the inner command's
  const opts = /^(run|exec|create)$/.test(action)
    ? parsed.opts
    : [...parsed.opts, ...trailingOptions(parsed.rest)];

  const privilege = privilegeOf(opts);
  if (privilege)
    return dangerous(
      'degrade-security',
      'container-privileged',
      `${name} ${privilege} gives the container host access; drop it`,
    );
  const mount = hostMountOf(opts);
  if (mount)
    return dangerous(
      'degrade-security',
      'container-host-mount',
      `mounts ${mount} into a container, exposing the host`,
    );

  if (
    action === 'push' ||
    (sub[0] === 'buildx' && sub[1] === 'imagetools' && action === 'create') ||
    pushesBuild(opts)
  )
    return unsure('registry-push', `${name} publishes an image to a registry others pull from`);

  // rm of what a build recreates (containers, images, networks, builders); swarm services,
  // stacks, secrets and nodes are shared state, judged like any infra verb below
  const local = sub.length === 1 || /^(compose|container|image|volume|network|system|buildx)$/.test(sub[0]!);
  if (local && (/^(rm|rmi|prune|kill|down)$/.test(action) || sub.includes('prune'))) {
    const flags = after.map((a) => a.value);
    if (action === 'down' && !flags.some((f) => /^(-v|--volumes|--rmi)$/.test(f)))
      return safe(`${name} keeps volumes`);
    const forceful = flags.some((f) => /^-[a-z]*[afv]|^--(force|volumes|all)$/.test(f));
    if (!forceful && !sub.includes('volume') && (action === 'rm' || action === 'rmi' || action === 'prune'))
      return safe(`${name} removes named or unused containers/images (rebuildable)`);
    return dangerous(
      'destroy-or-exfiltrate',
      'container-destroy',
      `${name} deletes containers, images or volumes; remove only what you created, by name`,
    );
  }
  if (sub[0] === 'context' && action === 'use')
    return unsure('container-remote-daemon', `${name} points every later ${tool} command at another daemon`);

  if (/^(run|exec)$/.test(action)) {
    // run IMAGE CMD… / exec CONTAINER CMD…: the command runs inside, judge it as a command
    const inner = parsed.rest.slice(1);
    if (inner.length > 0 && ctx && cmd) {
      const r = ctx.judgeArgv(inner, cmd, deeper(ctx));
      // a shell in a container is the container's shell, not the user's
      if (r.kind !== 'safe' && !(r.kind === 'unsure' && r.finding === 'interactive-shell'))
        return { ...r, reason: `inside the container: ${r.reason}` };
    }
    return safe(`${name} (local containers)`);
  }
  if (
    /^(ps|images|logs|inspect|version|info|stats|top|port|diff|history|events|ls|config|build|pull|search|login|logout|help|up|start|restart|stop|create|cp|tag|bake|use|attach|wait|pause|unpause|rename|commit|save|load|export|import)$/.test(
      action,
    ) ||
    /^(compose|container|network|volume|buildx|image)$/.test(action)
  )
    return safe(`${name} (local containers)`);
  return fallback(tool, args);
}

/** Options written after the operands (`docker build . --push -o type=registry`). */
function trailingOptions(rest: readonly Arg[]): Opt[] {
  const out: Opt[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (!rest[i]!.value.startsWith('-')) continue;
    out.push(...parseOptions(rest.slice(i), RUN_BOOL_SHORT, RUN_BOOL_LONG).opts);
    break;
  }
  return out;
}

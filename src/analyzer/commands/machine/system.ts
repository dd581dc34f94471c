import type { Analysis } from '../../../domain/analysis.js';
import { unquoteAssignment } from '../../../shell/words.js';
import { dangerous, safe, unsure, worst } from '../../verdicts.js';
import { type CommandJudge, deeper } from '../context.js';

/** Persistence, processes, services, users, firewall: the machine itself. */

const persist = (finding: string, reason: string) => dangerous('degrade-security', finding, reason);

const crontab: CommandJudge = (args) => {
  if (args.length === 1 && args[0]!.value === '-l')
    return unsure(
      'crontab-read',
      "crontab -l shows the user's scheduled jobs, outside the project (usually the first step of changing them)",
    );
  if (args.some((a) => a.value === '-r' || a.value === '-ir'))
    return dangerous('destroy-or-exfiltrate', 'crontab-remove', 'crontab -r deletes every scheduled job');
  return persist('persistence-cron', 'installs scheduled jobs (persistence); ask the user to set up cron');
};

/** An alias runs its body where it is used: judge the body as the command it is (`alias x='rm -rf ~'`). */
const judgeAllAnswers = (answers: readonly Analysis[]) => worst(answers, safe('alias lists aliases'));

/**
 * `set -x` / `set -o xtrace`: every later command is echoed with its variables expanded;
 * `set +o history` leaves no trace of what runs next.
 */
const set: CommandJudge = (args) =>
  args.some((a, i) => a.value === '+o' && args[i + 1]?.value === 'history')
    ? unsure('history-clear', 'turns shell history off, so what runs next leaves no trace')
    : args.some(
          (a, i) => /^-[a-wyzA-Z]*x/.test(a.value) || (a.value === '-o' && args[i + 1]?.value === 'xtrace'),
        )
      ? unsure(
          'shell-trace',
          'set -x prints every command with its variables expanded, secrets included, into the transcript; leave tracing off',
        )
      : safe('set changes shell options');

const kill: CommandJudge = (args) => {
  if (args.some((a) => a.dynamic && !a.value.startsWith('-')))
    return unsure('kill-dynamic', 'kills processes chosen at run time; kill the PID you started');
  if (args.some((a) => /^-(9|KILL|SIGKILL)$/i.test(a.value)))
    return unsure(
      'kill-forced',
      'SIGKILL gives the process no chance to clean up; try a plain `kill PID` first',
    );
  const ops = args.filter((a) => !/^-/.test(a.value) || /^-\d+$/.test(a.value) === false);
  const targets = args.filter((a) => !a.value.startsWith('-') || a.value === '-1');
  if (targets.some((t) => t.value === '-1' || t.value === '1' || t.value === '0'))
    return dangerous(
      'destroy-or-exfiltrate',
      'kill-all',
      'kills every process (or init); kill only the process you started, by PID',
    );
  void ops;
  return safe('kill of a specific process');
};

/** pkill/pgrep options that take a value (the pattern is the first operand after them). */
const PKILL_VALUED =
  /^-(-signal|[sGgPtUuFn]|-pidfile|-parent|-group|-session|-terminal|-euid|-uid|-ns|-nslist)$/;

/**
 * pkill/killall choose processes by name or command line, not by PID: other projects' dev servers,
 * the user's editor or another agent's build match too (`pkill -f "next dev"` stops every Next.js
 * server on the machine). Held, unless the pattern names a path inside the project (only this
 * project's processes match) or the processes are the children of one PID (`pkill -P 4242`).
 * Patterns that match shells, runtimes or the system, or a user's every process, are denied.
 */
const pkill: CommandJudge = (args, _cmd, ctx) => {
  const ops: string[] = [];
  let parent = false;
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === '--') {
      ops.push(...args.slice(i + 1).map((a) => a.value));
      break;
    }
    if (PKILL_VALUED.test(v)) {
      if (/^-(P|-parent)$/.test(v)) parent = true;
      i++;
    } else if (!v.startsWith('-')) ops.push(v);
  }
  const user = args.some((a) => /^(-u|-U|--uid|--euid|-e?uid=)/.test(a.value));
  const pattern = ops[0] ?? '';
  if (
    user ||
    (pattern === '' && !parent) ||
    /^(\.|\.\*|\*|-?1|bash|sh|zsh|node|python3?|ruby|java|sshd?|init|systemd|launchd|Finder|Dock|WindowServer|loginwindow|login|kernel_task|explorer)$/.test(
      pattern,
    )
  )
    return dangerous(
      'destroy-or-exfiltrate',
      'kill-broad',
      `kills every process matching "${pattern}" (including other work); kill the process you started, by PID`,
    );
  if (parent && pattern === '') return safe('stops the children of one process');
  const root = ctx?.projectRoot;
  const named = pattern.match(/\/[^\s'"]+/g) ?? [];
  if (root && named.length > 0 && named.every((p) => p === root || p.startsWith(`${root}/`)))
    return safe(`stops processes started from ${root} (this project)`);
  return unsure(
    'kill-by-pattern',
    `kills every process whose name or command line matches "${pattern}", other projects' included; kill the PID you started (\`kill PID\`, or the job: \`kill %1\`)`,
  );
};

/** `fuser -k PORT/tcp|FILE` kills whatever holds it, another project's server included; without -k it lists. */
const fuser: CommandJudge = (args) =>
  args.some((a) => /^-[a-zA-Z]*k/.test(a.value) || a.value === '--kill')
    ? unsure(
        'kill-by-pattern',
        'fuser -k kills every process using that port or file, whoever started it; kill the PID you started',
      )
    : safe('fuser lists the processes using a file or port');

const service: CommandJudge = (args) => {
  const ops = args.filter((a) => !a.value.startsWith('-')).map((a) => a.value);
  const verb = ops[0] ?? '';
  if (verb === 'start' && ops.some((o) => /\.timer$/.test(o)))
    return unsure('persistence-timer', 'starts a systemd timer (scheduled job)');
  if (
    /^(status|show|list-units|list-unit-files|is-active|is-enabled|cat|list-timers|list|print|blame|help)$/.test(
      verb,
    )
  )
    return safe('service status');
  if (
    /^(status|show|list|dumpstate|version|manageruid|plist|print|blame|cat|help|list-units|is-active|is-enabled|start|restart|reload|try-restart|reload-or-restart|kickstart|daemon-reload)$/.test(
      verb,
    ) &&
    !/ssh|firewall|ufw|apparmor|selinux|auditd|security|defender/i.test(ops.join(' '))
  )
    return safe(`service ${verb}`);
  if (/^(stop|kill|disable|mask)$/.test(verb))
    return unsure('service-stop', `${verb} takes a service down; ask the user`);
  if (/^(enable|link|load|bootstrap|submit|preset)$/.test(verb))
    return persist(
      'persistence-service',
      `${verb} makes a service start automatically (persistence); ask the user`,
    );
  if (
    /^(disable|mask|stop|kill|unload|bootout|remove)$/.test(verb) &&
    ops.some((o) =>
      /firewall|ufw|apparmor|selinux|auditd|sshd|security|defender|gatekeeper|falcon|osquery/i.test(o),
    )
  )
    return persist('disable-security-service', 'stops a security service');
  return unsure('service-change', `${verb} changes system services`);
};

const security: CommandJudge = (args) => {
  const t = args.map((a) => a.value).join(' ');
  if (
    /^(-L|-S|--list|-nL|-vL|-nvL|list|status|show|enable|-V|--version|-h|--help|version)(\s|$)/.test(t) ||
    /\s(-L|-S|--list|list)(\s|$)/.test(` ${t}`)
  )
    return safe('lists or enables firewall rules');
  if (
    /\b(disable|stop|off|-F|--flush|reset|0|Permissive|--master-disable|allow\s+any)\b/i.test(t) ||
    t === ''
  )
    return persist('disable-firewall', 'turns off a firewall or security control; ask the user');
  return unsure('security-config', 'changes security settings');
};

/** ufw's commands; any other word is a usage error and changes nothing (`ufw disabled`). */
const UFW_COMMANDS =
  /^(enable|disable|reload|default|logging|reset|status|show|allow|deny|reject|limit|delete|insert|prepend|route|app|version)$/;

const ufw: CommandJudge = (args, cmd, ctx) => {
  const sub = args.find((a) => !a.value.startsWith('-'));
  if (sub && !sub.dynamic && !UFW_COMMANDS.test(sub.value))
    return safe(`ufw has no command ${sub.value}: it prints a usage error`);
  return security(args, cmd, ctx);
};

const account: CommandJudge = () =>
  persist('account-change', 'creates or changes system accounts or passwords; ask the user');

const power: CommandJudge = () =>
  dangerous('destroy-or-exfiltrate', 'power', 'shuts down or reboots the machine; ask the user');

export const SYSTEM_JUDGES: Readonly<Record<string, CommandJudge>> = {
  crontab,
  set,
  at: () => persist('persistence-at', 'schedules a command to run later'),
  kill,
  pkill,
  killall: pkill,
  fuser,
  killall5: () => dangerous('destroy-or-exfiltrate', 'kill-all', 'kills every process'),
  systemctl: service,
  service: (args) =>
    service(
      [args[1] ?? { value: '', dynamic: false }, args[0] ?? { value: '', dynamic: false }],
      undefined as never,
      undefined as never,
    ),
  launchctl: service,
  'update-rc.d': () => persist('persistence-service', 'installs a start-up service'),
  chkconfig: service,
  iptables: security,
  ip6tables: security,
  nft: security,
  ufw,
  pfctl: security,
  firewall_cmd: security,
  'firewall-cmd': security,
  setenforce: (args) =>
    args[0]?.value === '1' || args[0]?.value === 'Enforcing'
      ? safe('setenforce 1')
      : persist('disable-selinux', 'turns off SELinux'),
  spctl: (args) =>
    args.some((a) => /^--(master-disable|global-disable|disable)$/.test(a.value))
      ? persist('disable-gatekeeper', 'turns off Gatekeeper')
      : safe('spctl'),
  csrutil: (args) =>
    /^(status|report)$/.test(args[0]?.value ?? '')
      ? safe(`csrutil ${args[0]!.value} only reads`)
      : persist('disable-sip', 'changes System Integrity Protection'),
  // machine-wide settings: reading forms are safe, changes wait for a person
  nvram: (args) =>
    args.some((a) => a.value.includes('=') || /^-[cd]$/.test(a.value))
      ? unsure('firmware-setting', 'changes firmware (NVRAM) settings')
      : safe('nvram reads firmware settings'),
  networksetup: (args) =>
    args.some((a) => /^-(set|add|remove|delete|create|import|switchto)/i.test(a.value))
      ? unsure(
          'network-setting',
          `networksetup ${args[0]?.value ?? ''} changes the machine's network settings`,
        )
      : safe('networksetup reads network settings'),
  scutil: (args) =>
    args.some((a) => a.value === '--set')
      ? unsure('network-setting', "scutil --set changes the machine's names")
      : safe('scutil reads settings'),
  // `trap 'CMD' EXIT` runs CMD later: judge it now
  trap: (args, _cmd, ctx) =>
    args[0] && !args[0].value.startsWith('-') && args.length > 1
      ? args[0].dynamic
        ? unsure('trap-dynamic', 'trap runs a command only known at run time')
        : ctx.judgeScript(args[0].value, deeper(ctx))
      : safe('trap lists or resets traps'),
  alias: (args, _cmd, ctx) =>
    judgeAllAnswers(
      args
        .filter((a) => a.value.includes('='))
        .map((a) =>
          ctx.judgeScript(unquoteAssignment(a.value.slice(a.value.indexOf('=') + 1)), {
            ...ctx,
            depth: ctx.depth + 1,
          }),
        ),
    ),
  sysctl: (args) =>
    args.some((a) => a.value === '-w' || a.value.includes('='))
      ? unsure('sysctl-write', 'changes kernel settings')
      : safe('sysctl read'),
  useradd: account,
  userdel: account,
  usermod: account,
  adduser: account,
  deluser: account,
  groupadd: account,
  passwd: account,
  chpasswd: account,
  visudo: account,
  dscl: (args) =>
    args.some((a) => /^-(create|append|delete|passwd|change|merge)$/.test(a.value) || a.value === '-P')
      ? account(args, undefined as never, undefined as never)
      : safe('dscl read'),
  shutdown: power,
  reboot: power,
  halt: power,
  poweroff: power,
  mount: (args) =>
    args.some((a) => a.value.startsWith('/dev/'))
      ? unsure('mount-device', 'mounts a disk device')
      : safe('mount'),
  umount: () => safe('umount'),
  swapoff: () => unsure('swapoff', 'changes swap'),
  modprobe: () => unsure('kernel-module', 'loads kernel modules'),
  insmod: () => unsure('kernel-module', 'loads kernel modules'),
  rmmod: () => unsure('kernel-module', 'removes kernel modules'),
  history: (args) =>
    args.some((a) => a.value === '-c' || a.value === '-w')
      ? unsure('history-clear', 'clears shell history')
      : safe('history'),
  security: (args) => {
    const sub = args[0]?.value ?? '';
    if (
      (/^find-(generic|internet)-password$/.test(sub) && args.some((a) => /^-[a-z]*[wg]$/.test(a.value))) ||
      /^(dump-keychain|export)$/.test(sub)
    )
      return dangerous(
        'destroy-or-exfiltrate',
        'keychain-read',
        'reads passwords from the keychain; ask the user for what you need',
      );
    if (/^(delete|add|set|import|unlock|create)/.test(sub)) return unsure('keychain', 'changes the keychain');
    return safe('security query');
  },
  'secret-tool': () => dangerous('destroy-or-exfiltrate', 'keychain-read', 'reads secrets from the keyring'),
  defaults: (args) =>
    /^(write|delete|import|rename)$/.test(args.find((a) => !a.value.startsWith('-'))?.value ?? '')
      ? unsure('defaults-write', 'changes macOS settings')
      : safe('defaults read'),
  init: (args) =>
    /^[06]$/.test(args[0]?.value ?? '')
      ? power(args, undefined as never, undefined as never)
      : unsure('runlevel', 'changes the runlevel'),
  ip: (args) => network('ip', args),
  ifconfig: (args) => network('ifconfig', args),
  route: (args) => network('route', args),
  swapon: () => unsure('swap', 'changes swap devices'),
  chezmoi: (args) =>
    /^(apply|update|init|add|re-add|edit|forget|remove|destroy|purge)$/.test(
      args.find((a) => !a.value.startsWith('-'))?.value ?? '',
    )
      ? unsure('dotfile-write', 'chezmoi writes dotfiles in your home')
      : safe('chezmoi read'),
  stow: () => unsure('dotfile-write', 'stow links dotfiles into your home'),
};

function network(tool: string, args: readonly { value: string }[]): Analysis {
  const words = args.map((a) => a.value);
  if (words.some((w) => /^(del|delete|flush|down)$/.test(w)))
    return dangerous(
      'degrade-security',
      'network-config',
      `${tool} ${words.join(' ')} removes network configuration and can cut the machine off; ask the user`,
    );
  if (words.some((w) => /^(change|replace)$/.test(w)))
    return unsure('network-config', `${tool} changes network configuration`);
  return safe(`${tool} shows network configuration`);
}

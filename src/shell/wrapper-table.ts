/**
 * One table of the programs that run another command (wrappers) and how their options are read:
 * which options take a value (as the next word, attached `-uroot`, or `--user=root`), how many
 * operands come before the command (timeout's DURATION, chroot's NEWROOT), and options whose value
 * is itself a command line (`su -c`, `flock -c`, `env -S`). wrappers.ts reads a wrapper's words
 * with it; xargs.ts reads xargs' and parallel's options with it.
 */
export interface WrapperSpec {
  /** Short options (letters) that take a value: `-u root`, `-uroot`, `-Eu root`. */
  readonly short?: string;
  /** Short options whose value can only be attached (`-d` or `-dpermanent`). */
  readonly shortOptional?: string;
  /** Long options that take a value (`--user root`, `--user=root`), with how many words. */
  readonly long?: Readonly<Record<string, number>>;
  /** Every long option's value is attached with `=` (firejail, valgrind): none takes the next word. */
  readonly longAttached?: boolean;
  /** Operands before the command (timeout DURATION, chroot NEWROOT, flock FILE, taskset MASK). */
  readonly positional?: number;
  /** Leading NAME=value words are assignments (env). */
  readonly assignments?: boolean;
  /** The wrapped command runs with raised privileges. */
  readonly privileged?: boolean;
  /** A lone `-` is an option (`env -` is `env -i`), not the command. */
  readonly dashIsOption?: boolean;
  /** Options after which no command runs (`command -v`, `sudo -l`, `taskset -p`). */
  readonly noRun?: RegExp;
  /** Options whose value is a shell command line (`su -c CMD`, `flock -c CMD`). */
  readonly scriptOption?: RegExp;
  /** Options whose value is split into the command's words (`env -S 'rm -rf x'`). */
  readonly splitOption?: RegExp;
  /** The operands are joined and run by `sh -c` (watch), unless one of these options is given. */
  readonly joinedUnless?: RegExp;
  /** A subcommand word before the options (`direnv exec DIR CMD`, `aws-vault exec PROFILE -- CMD`). */
  readonly subcommand?: string;
  /** The words after the options go to a shell (`su [-] [USER [ARGS]]`): its `-c` is the command. */
  readonly shellArgs?: boolean;
}

const SUDO_LONG = {
  user: 1,
  group: 1,
  prompt: 1,
  'close-from': 1,
  chdir: 1,
  role: 1,
  type: 1,
  'other-user': 1,
  host: 1,
  'command-timeout': 1,
  chroot: 1,
};

const BWRAP_LONG: Readonly<Record<string, number>> = {
  ...Object.fromEntries(
    [
      'bind',
      'ro-bind',
      'dev-bind',
      'bind-try',
      'ro-bind-try',
      'dev-bind-try',
      'symlink',
      'file',
      'bind-data',
      'ro-bind-data',
      'chmod',
      'setenv',
      'bind-fd',
      'ro-bind-fd',
    ].map((o) => [o, 2]),
  ),
  ...Object.fromEntries(
    [
      'dev',
      'proc',
      'tmpfs',
      'mqueue',
      'dir',
      'remount-ro',
      'chdir',
      'unsetenv',
      'uid',
      'gid',
      'hostname',
      'lock-file',
      'sync-fd',
      'info-fd',
      'json-status-fd',
      'block-fd',
      'userns-block-fd',
      'seccomp',
      'add-seccomp-fd',
      'exec-label',
      'file-label',
      'cap-add',
      'cap-drop',
      'perms',
      'size',
      'args',
      'argv0',
      'userns',
      'userns2',
      'pidns',
      'overlay-src',
      'tmp-overlay',
      'ro-overlay',
      'level-prefix',
    ].map((o) => [o, 1]),
  ),
  overlay: 3,
};

const TIMEOUT: WrapperSpec = { short: 'sk', long: { signal: 1, 'kill-after': 1 }, positional: 1 };
const PROXYCHAINS: WrapperSpec = { short: 'f' };

export const WRAPPERS: Readonly<Record<string, WrapperSpec>> = {
  sudo: {
    short: 'ugpChDrtUTR',
    long: SUDO_LONG,
    privileged: true,
    noRun: /^-(l|ll|v|K|V)$|^--(list|validate|remove-timestamp|version)$/,
  },
  doas: { short: 'uC', privileged: true, noRun: /^-C/ },
  pkexec: { long: { user: 1 }, privileged: true },
  run0: {
    short: 'ugD',
    long: { user: 1, group: 1, chdir: 1, unit: 1, property: 1, description: 1, slice: 1, nice: 1, setenv: 1 },
    privileged: true,
  },
  su: {
    short: 'sgGwc',
    long: {
      shell: 1,
      group: 1,
      'supp-group': 1,
      'whitelist-environment': 1,
      command: 1,
      'session-command': 1,
    },
    privileged: true,
    scriptOption: /^(-c|--command|--session-command)$/,
    shellArgs: true,
  },
  runuser: {
    short: 'sgGwcu',
    long: {
      shell: 1,
      group: 1,
      'supp-group': 1,
      'whitelist-environment': 1,
      command: 1,
      'session-command': 1,
      user: 1,
    },
    privileged: true,
    scriptOption: /^(-c|--command|--session-command)$/,
    shellArgs: true,
  },
  sg: { scriptOption: /^-c$/, shellArgs: true },
  gosu: { positional: 1, privileged: true },
  'su-exec': { positional: 1, privileged: true },
  setuidgid: { positional: 1, privileged: true },
  's6-setuidgid': { positional: 1, privileged: true },
  chpst: { short: 'uUb/nlLmdofpcrtv', privileged: true },
  setpriv: {
    long: Object.fromEntries(
      [
        'reuid',
        'regid',
        'ruid',
        'euid',
        'rgid',
        'egid',
        'groups',
        'inh-caps',
        'ambient-caps',
        'bounding-set',
        'securebits',
        'pdeathsig',
        'selinux-label',
        'apparmor-profile',
        'landlock-access',
        'landlock-rule',
      ].map((o) => [o, 1]),
    ),
    privileged: true,
  },
  env: {
    short: 'uCSPaL',
    long: { unset: 1, chdir: 1, 'split-string': 1, argv0: 1 },
    assignments: true,
    dashIsOption: true,
    splitOption: /^(-S|--split-string)$/,
  },
  busybox: {},
  toybox: {},
  nice: { short: 'n', long: { adjustment: 1 } },
  ionice: {
    short: 'cnp',
    long: { class: 1, classdata: 1, pid: 1, pgid: 1, uid: 1 },
    noRun: /^-[pPu]|^--(pid|pgid|uid)/,
  },
  chrt: {
    short: 'TPD',
    long: { 'sched-runtime': 1, 'sched-period': 1, 'sched-deadline': 1 },
    positional: 1,
    noRun: /^-[a-zA-Z]*[pm]|^--(pid|max)$/,
  },
  taskset: { positional: 1, noRun: /^-[a-zA-Z]*p|^--pid$/ },
  nohup: {},
  setsid: {},
  timeout: TIMEOUT,
  gtimeout: TIMEOUT,
  time: { short: 'fo', long: { format: 1, output: 1 } },
  command: { noRun: /^-[vV]$/ },
  builtin: {},
  exec: { short: 'a' },
  stdbuf: { short: 'ioe', long: { input: 1, output: 1, error: 1 } },
  unbuffer: {},
  caffeinate: { short: 'tw' },
  chronic: {},
  watch: {
    short: 'ngq',
    shortOptional: 'd',
    long: { interval: 1, equexit: 1 },
    joinedUnless: /^(-[a-zA-Z]*x|--exec)$/,
  },
  flock: {
    short: 'wEc',
    long: { timeout: 1, 'conflict-exit-code': 1, command: 1 },
    positional: 1,
    scriptOption: /^(-c|--command)$/,
  },
  script: {
    short: 'cEIOBTm',
    shortOptional: 't',
    long: {
      command: 1,
      echo: 1,
      'log-in': 1,
      'log-out': 1,
      'log-io': 1,
      'log-timing': 1,
      'logging-format': 1,
    },
    scriptOption: /^(-c|--command)$/,
    // BSD/macOS: `script [-a] FILE COMMAND…` runs COMMAND, recording to FILE
    positional: 1,
  },
  strace: { short: 'eopsuaEIOPSXb' },
  ltrace: { short: 'eopsuaAnDlLxF' },
  dotenv: { short: 'efvc' },
  'with-contenv': {},
  chroot: { long: { userspec: 1, groups: 1 }, positional: 1, privileged: true },
  nsenter: { short: 'tSGeZ', long: { target: 1, setuid: 1, setgid: 1 }, privileged: true },
  unshare: {
    short: 'SGRwl',
    long: {
      setuid: 1,
      setgid: 1,
      root: 1,
      wd: 1,
      propagation: 1,
      setgroups: 1,
      'map-user': 1,
      'map-group': 1,
    },
  },
  'uv-run': {},
  firejail: { longAttached: true },
  valgrind: { longAttached: true },
  catchsegv: {},
  proot: {
    short: 'rRwbmqkv',
    long: { rootfs: 1, cwd: 1, bind: 1, mount: 1, qemu: 1, 'kernel-release': 1, verbose: 1 },
  },
  bwrap: { long: BWRAP_LONG },
  'systemd-run': {
    short: 'puEMHGq',
    long: Object.fromEntries(
      [
        'property',
        'unit',
        'setenv',
        'machine',
        'host',
        'uid',
        'gid',
        'nice',
        'slice',
        'description',
        'working-directory',
        'on-active',
        'on-boot',
        'on-startup',
        'on-unit-active',
        'on-unit-inactive',
        'on-calendar',
        'on-timer-property',
        'timer-property',
        'path-property',
        'socket-property',
        'service-type',
        'expand-environment',
        'json',
      ].map((o) => [o, 1]),
    ),
  },
  'systemd-inhibit': { long: { what: 1, who: 1, why: 1, mode: 1 } },
  cgexec: { short: 'g' },
  numactl: {
    short: 'CNmipPwb',
    long: {
      physcpubind: 1,
      cpunodebind: 1,
      membind: 1,
      interleave: 1,
      preferred: 1,
      'preferred-many': 1,
      weighted: 1,
    },
  },
  prlimit: { short: 'po', long: { pid: 1, output: 1 }, noRun: /^-p|^--pid/ },
  'dbus-run-session': { long: { 'config-file': 1, 'dbus-daemon': 1 } },
  'dbus-launch': {},
  'xvfb-run': {
    short: 'efnpswl',
    long: {
      'error-file': 1,
      'auth-file': 1,
      'server-num': 1,
      'xauth-protocol': 1,
      'server-args': 1,
      wait: 1,
    },
  },
  fakeroot: { short: 'lfsib', long: { lib: 1, faked: 1 } },
  eatmydata: {},
  nocache: { short: 'n' },
  torsocks: { short: 'upaP', long: { user: 1, pass: 1, address: 1, port: 1 } },
  proxychains: PROXYCHAINS,
  proxychains4: PROXYCHAINS,
  tsocks: {},
  faketime: { short: 'p', positional: 1 },
  setarch: { short: 'B', positional: 1 },
  linux32: {},
  linux64: {},
  direnv: { subcommand: 'exec', positional: 1 },
  'aws-vault': {
    subcommand: 'exec',
    short: 'dtr',
    long: { duration: 1, 'mfa-token': 1, region: 1, 'ec2-server': 0, prompt: 1 },
    positional: 1,
  },
};

/** xargs' options (its command template follows them); `-i`/`-e`/`-l` only take attached values. */
export const XARGS: WrapperSpec = {
  short: 'aEdLnPsI',
  shortOptional: 'iel',
  long: {
    'arg-file': 1,
    delimiter: 1,
    'max-args': 1,
    'max-procs': 1,
    'max-chars': 1,
    'process-slot-var': 1,
  },
};

/** GNU parallel's options that take a value. */
export const PARALLEL: WrapperSpec = {
  short: 'ajSIdENnLsCPJWB',
  long: Object.fromEntries(
    [
      'arg-file',
      'jobs',
      'sshlogin',
      'sshloginfile',
      'slf',
      'delay',
      'joblog',
      'results',
      'res',
      'timeout',
      'retries',
      'tag-string',
      'tagstring',
      'colsep',
      'delimiter',
      'eof',
      'max-args',
      'max-lines',
      'max-chars',
      'halt',
      'halt-on-error',
      'basefile',
      'bf',
      'return',
      'transfer-file',
      'tf',
      'workdir',
      'wd',
      'env',
      'profile',
      'memfree',
      'load',
      'nice',
      'tmpdir',
      'tempdir',
      'rpl',
      'semaphorename',
      'id',
      'block',
      'block-size',
      'recstart',
      'recend',
      'header',
      'filter',
      'limit',
      'ssh',
      'match',
      'seqreplace',
      'sqlmaster',
      'sqlworker',
      'sqlandworker',
      'termseq',
      'arg-sep',
      'arg-file-sep',
      'sshdelay',
    ].map((o) => [o, 1]),
  ),
};

/** Does this option word take the next word as its value (`-n 1`, `--max-args 1`, `-0n 1`)? */
export function takesNextWord(spec: WrapperSpec, word: string): boolean {
  if (word.startsWith('--')) return !word.includes('=') && (spec.long?.[word.slice(2)] ?? 0) > 0;
  const letters = word.slice(1);
  for (let k = 0; k < letters.length; k++) {
    const c = letters[k]!;
    if (spec.short?.includes(c)) return k === letters.length - 1;
    if (spec.shortOptional?.includes(c)) return false;
  }
  return false;
}

/**
 * PowerShell's vocabulary as data: the built-in aliases, what each cmdlet does, the switch
 * parameters (which take no value), and the approved verbs' meaning for cmdlets not listed.
 */

/** Built-in aliases of Windows PowerShell 5.1 and PowerShell 7 (lower-cased), to their cmdlets. */
export const ALIASES: Readonly<Record<string, string>> = {
  '%': 'foreach-object',
  '?': 'where-object',
  ac: 'add-content',
  cat: 'get-content',
  cd: 'set-location',
  chdir: 'set-location',
  clc: 'clear-content',
  clear: 'clear-host',
  cls: 'clear-host',
  cli: 'clear-item',
  clp: 'clear-itemproperty',
  clv: 'clear-variable',
  compare: 'compare-object',
  copy: 'copy-item',
  cp: 'copy-item',
  cpi: 'copy-item',
  cpp: 'copy-itemproperty',
  curl: 'invoke-webrequest',
  del: 'remove-item',
  diff: 'compare-object',
  dir: 'get-childitem',
  echo: 'write-output',
  epcsv: 'export-csv',
  erase: 'remove-item',
  etsn: 'enter-pssession',
  fc: 'format-custom',
  fl: 'format-list',
  foreach: 'foreach-object',
  ft: 'format-table',
  fw: 'format-wide',
  gal: 'get-alias',
  gc: 'get-content',
  gci: 'get-childitem',
  gcm: 'get-command',
  gdr: 'get-psdrive',
  ghy: 'get-history',
  gi: 'get-item',
  gl: 'get-location',
  gm: 'get-member',
  gp: 'get-itemproperty',
  gps: 'get-process',
  gpv: 'get-itempropertyvalue',
  group: 'group-object',
  gsv: 'get-service',
  gu: 'get-unique',
  gv: 'get-variable',
  h: 'get-history',
  history: 'get-history',
  icm: 'invoke-command',
  iex: 'invoke-expression',
  ihy: 'invoke-history',
  ii: 'invoke-item',
  ipcsv: 'import-csv',
  ipmo: 'import-module',
  irm: 'invoke-restmethod',
  iwr: 'invoke-webrequest',
  kill: 'stop-process',
  ls: 'get-childitem',
  man: 'get-help',
  md: 'mkdir',
  measure: 'measure-object',
  mi: 'move-item',
  move: 'move-item',
  mv: 'move-item',
  nal: 'new-alias',
  ni: 'new-item',
  nsn: 'new-pssession',
  nv: 'new-variable',
  ogv: 'out-gridview',
  oh: 'out-host',
  popd: 'pop-location',
  ps: 'get-process',
  pushd: 'push-location',
  pwd: 'get-location',
  r: 'invoke-history',
  rcjb: 'receive-job',
  rd: 'remove-item',
  ren: 'rename-item',
  ri: 'remove-item',
  rjb: 'remove-job',
  rm: 'remove-item',
  rmdir: 'remove-item',
  rni: 'rename-item',
  rnp: 'rename-itemproperty',
  rp: 'remove-itemproperty',
  rv: 'remove-variable',
  rvpa: 'resolve-path',
  sajb: 'start-job',
  sal: 'set-alias',
  saps: 'start-process',
  sasv: 'start-service',
  sc: 'set-content',
  select: 'select-object',
  set: 'set-variable',
  si: 'set-item',
  sl: 'set-location',
  sleep: 'start-sleep',
  sls: 'select-string',
  sort: 'sort-object',
  sp: 'set-itemproperty',
  spjb: 'stop-job',
  spps: 'stop-process',
  spsv: 'stop-service',
  start: 'start-process',
  sv: 'set-variable',
  tee: 'tee-object',
  type: 'get-content',
  where: 'where-object',
  wget: 'invoke-webrequest',
  write: 'write-output',
  wjb: 'wait-job',
};

/**
 * Aliases that PowerShell 7 dropped so the native program runs instead (`sc` is sc.exe there,
 * `curl` and `wget` the real curl and wget): judged both ways.
 */
export const NATIVE_TOO = new Set([
  'sc',
  'curl',
  'wget',
  'diff',
  'ls',
  'rm',
  'cp',
  'mv',
  'cat',
  'sort',
  'tee',
  'kill',
  'ps',
  'man',
  'echo',
  'pwd',
  'sleep',
  'fc',
]);

/**
 * What a cmdlet does. `read`: reads, lists, formats or prints; `read-content`: prints the content
 * of the files it names; the rest have judges of their own (judge.ts).
 */
export type CmdletKind =
  | 'read'
  | 'read-content'
  | 'list'
  | 'location'
  | 'delete'
  | 'set-content'
  | 'add-content'
  | 'out-file'
  | 'tee'
  | 'new-item'
  | 'copy'
  | 'move'
  | 'rename'
  | 'clear-content'
  | 'archive'
  | 'invoke-expression'
  | 'invoke-command'
  | 'start-process'
  | 'job'
  | 'add-type'
  | 'import-module'
  | 'new-object'
  | 'web'
  | 'send-mail'
  | 'stop-process'
  | 'shutdown'
  | 'reboot'
  | 'disk'
  | 'registry-write'
  | 'execution-policy'
  | 'defender'
  | 'firewall'
  | 'firewall-rule'
  | 'account'
  | 'service-install'
  | 'service-change'
  | 'scheduled-task'
  | 'acl'
  | 'alias'
  | 'history-off'
  | 'publish'
  | 'install'
  | 'secret'
  | 'remote'
  | 'invoke-item'
  | 'env-item';

export const CMDLETS: Readonly<Record<string, CmdletKind>> = {
  'get-content': 'read-content',
  'select-string': 'read-content',
  'import-csv': 'read-content',
  'import-clixml': 'read-content',
  'format-hex': 'read-content',
  'get-childitem': 'list',
  'get-item': 'list',
  'set-location': 'location',
  'push-location': 'location',
  'remove-item': 'delete',
  'set-content': 'set-content',
  'add-content': 'add-content',
  'out-file': 'out-file',
  'tee-object': 'tee',
  'new-item': 'new-item',
  mkdir: 'new-item',
  'copy-item': 'copy',
  'move-item': 'move',
  'rename-item': 'rename',
  'clear-content': 'clear-content',
  'expand-archive': 'archive',
  'compress-archive': 'archive',
  'export-csv': 'out-file',
  'export-clixml': 'out-file',
  'invoke-expression': 'invoke-expression',
  'invoke-command': 'invoke-command',
  'start-process': 'start-process',
  'start-job': 'job',
  'start-threadjob': 'job',
  'add-type': 'add-type',
  'import-module': 'import-module',
  'new-object': 'new-object',
  'invoke-webrequest': 'web',
  'invoke-restmethod': 'web',
  'start-bitstransfer': 'web',
  'send-mailmessage': 'send-mail',
  'stop-process': 'stop-process',
  'stop-computer': 'shutdown',
  'restart-computer': 'reboot',
  'format-volume': 'disk',
  'clear-disk': 'disk',
  'initialize-disk': 'disk',
  'remove-partition': 'disk',
  'new-partition': 'disk',
  'resize-partition': 'disk',
  'set-partition': 'disk',
  'set-itemproperty': 'registry-write',
  'new-itemproperty': 'registry-write',
  'remove-itemproperty': 'registry-write',
  'rename-itemproperty': 'registry-write',
  'copy-itemproperty': 'registry-write',
  'clear-itemproperty': 'registry-write',
  'set-item': 'registry-write',
  'clear-item': 'registry-write',
  'set-executionpolicy': 'execution-policy',
  'set-mppreference': 'defender',
  'add-mppreference': 'defender',
  'disable-netfirewallprofile': 'firewall',
  'set-netfirewallprofile': 'firewall',
  'disable-netfirewallrule': 'firewall',
  'new-netfirewallrule': 'firewall-rule',
  'set-netfirewallrule': 'firewall-rule',
  'new-localuser': 'account',
  'set-localuser': 'account',
  'remove-localuser': 'account',
  'enable-localuser': 'account',
  'add-localgroupmember': 'account',
  'new-service': 'service-install',
  'set-service': 'service-install',
  'remove-service': 'service-install',
  'start-service': 'service-change',
  'stop-service': 'service-change',
  'restart-service': 'service-change',
  'suspend-service': 'service-change',
  'register-scheduledtask': 'scheduled-task',
  'set-scheduledtask': 'scheduled-task',
  'unregister-scheduledtask': 'scheduled-task',
  'new-scheduledtask': 'scheduled-task',
  'register-scheduledjob': 'scheduled-task',
  'set-acl': 'acl',
  'set-alias': 'alias',
  'new-alias': 'alias',
  'set-psreadlineoption': 'history-off',
  'clear-history': 'history-off',
  'publish-module': 'publish',
  'publish-script': 'publish',
  'publish-psresource': 'publish',
  'install-module': 'install',
  'install-package': 'install',
  'install-psresource': 'install',
  'install-script': 'install',
  'get-credential': 'secret',
  'convertfrom-securestring': 'secret',
  'enter-pssession': 'remote',
  'new-pssession': 'remote',
  'invoke-item': 'invoke-item',
  'invoke-history': 'invoke-expression',
  'clear-recyclebin': 'disk',
  // reads, listings, formatting and output
  'set-variable': 'read',
  'new-variable': 'read',
  'remove-variable': 'read',
  'clear-variable': 'read',
  'clear-host': 'read',
  'pop-location': 'read',
  'remove-job': 'read',
  'stop-job': 'read',
  'receive-job': 'read',
  'wait-job': 'read',
  'start-sleep': 'read',
  'new-timespan': 'read',
  'new-guid': 'read',
  'new-temporaryfile': 'read',
  'add-member': 'read',
  'set-strictmode': 'read',
  'invoke-pester': 'read',
  'update-formatdata': 'read',
  'update-typedata': 'read',
  'trace-command': 'read',
  'set-psdebug': 'read',
  'register-argumentcompleter': 'read',
  'enable-experimentalfeature': 'read',
  'exit-pssession': 'read',
  'checkpoint-computer': 'read',
};

/** Verbs of cmdlets warden does not list: read, change (held) or destroy (denied). */
export const READ_VERBS = new Set([
  'get',
  'find',
  'search',
  'test',
  'measure',
  'select',
  'format',
  'convertto',
  'convertfrom',
  'convert',
  'compare',
  'resolve',
  'show',
  'out',
  'read',
  'write',
  'wait',
  'watch',
  'group',
  'sort',
  'join',
  'split',
  'foreach',
  'where',
  'trace',
  'debug',
  'ping',
  'receive',
  'confirm',
  'use',
  'step',
  'assert',
]);

export const DESTROY_VERBS = new Set([
  'remove',
  'clear',
  'uninstall',
  'unregister',
  'reset',
  'dismount',
  'revoke',
]);

/** Switch parameters (no value), lower-cased full names; a unique prefix (`-Rec`, `-r`, `-Fo`) names one. */
export const SWITCHES = [
  'recurse',
  'force',
  'raw',
  'whatif',
  'confirm',
  'nonewline',
  'append',
  'passthru',
  'wait',
  'file',
  'directory',
  'hidden',
  'readonly',
  'system',
  'simplematch',
  'casesensitive',
  'list',
  'quiet',
  'notmatch',
  'allmatches',
  'asplaintext',
  'usebasicparsing',
  'skipcertificatecheck',
  'noclobber',
  'followsymlink',
  'asbytestream',
  'asstring',
  'ashashtable',
  'unique',
  'descending',
  'autosize',
  'wrap',
  'nologo',
  'noprofile',
  'noninteractive',
  'noexit',
  'sta',
  'mta',
  'loadprofile',
  'nowait',
  'usenewenvironment',
  'asjob',
  'compress',
  'update',
  'verbose',
  'debug',
  'disablerealtimemonitoring',
  'immediate',
];

/** Whether a parameter as written (`-Rec`, `-r`) is a prefix of one of `names`. */
export function paramIs(param: string | undefined, ...names: string[]): boolean {
  if (!param) return false;
  const p = param.slice(1).toLowerCase();
  return p.length > 0 && names.some((n) => n.startsWith(p));
}

/** Whether a parameter takes no value (a switch). */
export function isSwitch(param: string, cmdlet: string): boolean {
  const p = param.slice(1).toLowerCase();
  if (cmdlet === 'get-childitem' && p === 'name') return true;
  return SWITCHES.some(
    (n) =>
      n === p || (p.length >= 2 && n.startsWith(p)) || (p.length === 1 && n.startsWith(p) && SINGLE.has(p)),
  );
}

/** One-letter prefixes that name a switch of the cmdlets warden judges (`-r` Recurse, `-f` Force). */
const SINGLE = new Set(['r', 'f']);

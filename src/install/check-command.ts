import fs from 'node:fs';
import type { Finding } from './finding.js';
import { wardenScriptOf } from './finding.js';

/** Whether a command hook runs this warden, another one, or nothing that exists. */
export function checkHookCommand(
  where: string,
  command: unknown,
  expected: string,
  agent: string,
): Finding[] {
  if (typeof command !== 'string') return [{ level: 'fail', text: `${where} has no command` }];
  if (command === expected) return [{ level: 'ok', text: `${where} installed, runs this warden` }];
  const runner = /^\s*(?:"([^"]+)"|'([^']+)'|(\S+))/.exec(command);
  const program = runner ? (runner[1] ?? runner[2] ?? runner[3]) : undefined;
  if (program?.startsWith('/') && !fs.existsSync(program))
    return [
      {
        level: 'fail',
        text: `${where} runs ${program}, which does not exist (node moved or upgraded?): the hook fails; run \`warden install ${agent}\``,
      },
    ];
  const script = wardenScriptOf(command);
  if (script?.startsWith('/') && !fs.existsSync(script))
    return [
      {
        level: 'fail',
        text: `${where} runs ${script}, which does not exist: the hook fails and the agent may run the tool; run \`warden install ${agent}\``,
      },
    ];
  return [
    {
      level: 'warn',
      text: `${where} runs \`${command}\`, not this warden (\`${expected}\`); run \`warden install ${agent}\` to point it here`,
    },
  ];
}

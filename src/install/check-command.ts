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

import type { Arg } from '../../../shell/words.js';
import { safe, unsure } from '../../verdicts.js';
import { type CommandJudge, deeper } from '../context.js';

/**
 * fd runs a command on what it finds (`-x CMD`, `-X CMD`, `--exec`, `--exec-batch`): the command
 * is judged with each match a run-time value, and a deleter run on matches is a delete of a list
 * nobody wrote down, held like an rm glob. Without an exec option fd only lists.
 */

const EXEC = /^(-x|-X|--exec|--exec-batch)$/;
const DELETERS = /^(rm|unlink|shred|trash|trash-put|srm|wipe)$/;
const MATCH: Arg = { value: '{fd-match}', dynamic: true };

export const fd: CommandJudge = (args, cmd, ctx) => {
  const at = args.findIndex((a) => EXEC.test(a.value));
  if (at < 0) return safe('fd lists files');
  const end = args.findIndex((a, i) => i > at && a.value === ';');
  const template = args.slice(at + 1, end < 0 ? undefined : end);
  const head = template[0]?.value.split('/').pop() ?? '';
  if (DELETERS.test(head))
    return unsure('delete-list', `fd runs ${head} on every file it finds; name the files`);
  if (template.length === 0) return unsure('fd-exec', 'fd runs a command it was not given');
  const argv = template.some((a) => /\{[^}]*\}/.test(a.value))
    ? template.map((a) => (/\{[^}]*\}/.test(a.value) ? MATCH : a))
    : [...template, MATCH];
  return ctx.judgeArgv(argv, cmd, deeper(ctx));
};

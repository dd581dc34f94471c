import type { Analysis } from '../../domain/analysis.js';
import { unsure } from '../verdicts.js';
import { type CommandJudge, hasFlag, splitArgs } from './context.js';
import { judgeSql } from './database.js';
import { judgeAll, judgeInPlaceEdit, judgeOverwrite, judgeRead, judgeWrite } from './path-checks.js';

/** Judges for commands that create, empty or edit files in place: touch, mkdir, tee, sed, truncate. */

export const truncate: CommandJudge = (args, cmd, ctx) => {
  if (/^table$/i.test(args[0]?.value ?? ''))
    return judgeSql(`truncate ${args.map((a) => a.value).join(' ')}`, 'sql');
  const sizeFlag = args.findIndex((a) => a.value === '-s' || a.value === '--size');
  const files = splitArgs(args.filter((_, i) => i !== sizeFlag + 1 || sizeFlag < 0)).operands;
  void cmd;
  return judgeAll(
    files.map((o) => {
      const r = judgeWrite(o, ctx, 'truncates');
      return r.kind === 'safe'
        ? unsure(
            'truncate-file',
            `truncate empties ${o.value}; its old content cannot be recovered unless committed`,
          )
        : r;
    }),
  );
};

export const touchLike: CommandJudge = (args, _cmd, ctx) =>
  judgeAll(splitArgs(args).operands.map((o) => judgeWrite(o, ctx, 'creates')));

export const mkdir: CommandJudge = touchLike;

/** tee truncates its files like `>`, unless -a appends; fed by a heredoc it is a Write in disguise. */
export const tee: CommandJudge = (args, cmd, ctx) => {
  const { flags, operands } = splitArgs(args);
  const appends = hasFlag(flags, 'a', '--append');
  return judgeAll(
    operands.map((o) =>
      appends ? judgeWrite(o, ctx, 'tee appends to') : judgeOverwrite(o, ctx, cmd.stdinText !== undefined),
    ),
  );
};

export const sed: CommandJudge = (args, _cmd, ctx) => {
  const inPlace = args.some((a) => /^-[a-zA-Z]*i/.test(a.value) || a.value.startsWith('--in-place'));
  const { operands } = splitArgs(
    args.filter((_a, i) => !(i > 0 && ['-e', '-f'].includes(args[i - 1]!.value))),
  );
  const hasScriptFlag = args.some(
    (a) => a.value === '-e' || a.value === '-f' || a.value.startsWith('--expression'),
  );
  // BSD sed takes the backup suffix as its own word: `sed -i '' 's/a/b/' file`
  const plain = operands.filter(
    (o, k) => !(o.value === '' && args[args.indexOf(o) - 1]?.value === '-i' && k === 0),
  );
  const files = hasScriptFlag ? plain : plain.slice(1);
  const out: Analysis[] = [];
  for (const f of files) {
    if (inPlace) out.push(judgeInPlaceEdit(f, ctx, 'sed -i'));
    else {
      const r = judgeRead(f, ctx);
      if (r) out.push(r);
    }
  }
  const script = hasScriptFlag ? '' : (plain[0]?.value ?? '');
  if (/(^|[;}\s])e(\s|$)|\/e\b|\bw\s+\//.test(script))
    out.push(unsure('sed-exec', 'the sed script runs commands or writes files (e / w)'));
  return judgeAll(out);
};

import { extractCommands } from '../shell/extract.js';
import type { BashOracle } from './bash-oracle.js';

/** One shell command of a corpus, with what warden decided for it. */
export interface ShellCase {
  readonly id: string;
  readonly command: string;
  /** warden's decision let it run without a person. */
  readonly allowed: boolean;
}

export interface ParseCheck {
  readonly commands: number;
  /** Commands `bash -n` accepts. */
  readonly valid: number;
  /** Ids of valid commands warden's parser reports errors for (the target is none). */
  readonly validUnparsed: readonly string[];
  /** Commands `bash -n` rejects (in the shared corpus: commands cut at 2,000 characters). */
  readonly invalid: number;
  /** Ids of invalid commands warden allowed (the target is none: what does not parse is held). */
  readonly invalidAllowed: readonly string[];
}

/** Holds warden's shell parser to bash: every command bash accepts must parse. */
export function checkParsing(
  cases: readonly ShellCase[],
  oracle: BashOracle,
  home = '/home/user',
): ParseCheck {
  const parsed = cases.map((c) => extractCommands(c.command, home).errors.length === 0);
  // what warden cannot parse is checked alone: bash's answer on it must not depend on a batch
  const accepted = oracle.accepts(
    cases.map((c) => c.command),
    (i) => !parsed[i],
  );
  const validUnparsed: string[] = [];
  const invalidAllowed: string[] = [];
  let valid = 0;
  cases.forEach((c, i) => {
    if (accepted[i]) {
      valid++;
      if (!parsed[i]) validUnparsed.push(c.id);
    } else if (c.allowed) invalidAllowed.push(c.id);
  });
  return { commands: cases.length, valid, validUnparsed, invalid: cases.length - valid, invalidAllowed };
}

/** The shell commands of judged corpus cases (Bash tool calls with a command string). */
export function shellCases(
  judged: readonly {
    case: { id: string; tool: string; input: Readonly<Record<string, unknown>> };
    decision: string;
  }[],
): ShellCase[] {
  const out: ShellCase[] = [];
  for (const j of judged)
    if (j.case.tool === 'Bash' && typeof j.case.input.command === 'string')
      out.push({ id: j.case.id, command: j.case.input.command, allowed: j.decision === 'allow' });
  return out;
}

/** The report lines of a parse check (`warden eval --parse`). */
export function parseCheckLines(p: ParseCheck): string[] {
  const lines = [
    `parse (bash -n is the oracle): ${p.commands} shell commands · valid ${p.valid}, not parsed by warden ${p.validUnparsed.length} · invalid ${p.invalid}, allowed by warden ${p.invalidAllowed.length}`,
  ];
  if (p.validUnparsed.length) lines.push(`  valid but not parsed: ${p.validUnparsed.slice(0, 20).join(' ')}`);
  if (p.invalidAllowed.length)
    lines.push(`  invalid but allowed: ${p.invalidAllowed.slice(0, 20).join(' ')}`);
  return lines;
}

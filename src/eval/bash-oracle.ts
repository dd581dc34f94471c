import { spawnSync } from 'node:child_process';

/**
 * Bash as the oracle of what is a valid command: which of many commands `bash -n` accepts,
 * in a few bash processes instead of one per command. Nothing is ever run: `bash -n` only reads.
 *
 * Each command becomes the body of a function of its own in one script (`__w_i() {\n CMD\n}`), so
 * a batch parses as a whole when every command does. When bash reports a syntax error, the
 * command holding the reported line is checked alone (`bash -n -c CMD`, the exact test), and the
 * commands before and after it are checked again as two batches. Only commands that bash
 * rejects cost processes of their own. A command bash accepts with a warning (a here-document
 * cut at the end of input) counts as accepted, since bash runs it.
 *
 * `bash -n` does not parse the substitutions in an unquoted heredoc's body (bash parses them when
 * it expands the body, at run time), so a body holding a broken `$(…)` passes here; warden parses
 * those substitutions up front and holds what does not parse.
 */
export interface BashOracle {
  /**
   * One answer per command, in order: does `bash -n` accept it? `alone(i)` names commands to check
   * on their own: a command with an open quote or heredoc runs on into the commands after it in
   * a batch, and two of them can close each other; give the commands that are likely to be rejected.
   */
  accepts(commands: readonly string[], alone?: (index: number) => boolean): boolean[];
  /** How many bash processes it has run. */
  readonly processes: number;
}

export interface BashOracleOptions {
  /** The bash binary (default `bash` on PATH). */
  readonly bash?: string;
  /** Commands per batch. */
  readonly batchSize?: number;
}

/** A bash oracle, or undefined when no bash can be run here. */
export function createBashOracle(options: BashOracleOptions = {}): BashOracle | undefined {
  const bash = options.bash ?? 'bash';
  const probe = spawnSync(bash, ['-n', '-c', 'true'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return undefined;
  const batchSize = options.batchSize ?? 400;
  const run = new Runner(bash);
  return {
    accepts(commands, alone) {
      const out = new Array<boolean>(commands.length).fill(false);
      let ids: number[] = [];
      for (let i = 0; i < commands.length; i++) {
        if (alone?.(i)) out[i] = run.acceptsAlone(commands[i]!);
        else ids.push(i);
        if (ids.length === batchSize || i === commands.length - 1) {
          run.checkBatch(commands, ids, out);
          ids = [];
        }
      }
      return out;
    },
    get processes() {
      return run.processes;
    },
  };
}

class Runner {
  processes = 0;
  constructor(private readonly bash: string) {}

  /** Checks the commands `ids` (indexes into `commands`), writing each answer into `out`. */
  checkBatch(commands: readonly string[], ids: readonly number[], out: boolean[]): void {
    const bash = this.bash;
    const pending: (readonly number[])[] = [ids];
    while (pending.length > 0) {
      const batch = pending.pop()!;
      if (batch.length === 0) continue;
      if (batch.length === 1) {
        out[batch[0]!] = this.acceptsAlone(commands[batch[0]!]!);
        continue;
      }
      const { script, firstLine } = wrapped(commands, batch);
      this.processes++;
      const r = spawnSync(bash, ['-n'], { input: script, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (r.status === 0) {
        for (const i of batch) out[i] = true;
        continue;
      }
      const at = errorLine(r.stderr ?? '');
      // the command whose lines hold the error; without a line number, the last one
      let k = batch.length - 1;
      if (at !== undefined) {
        let found = -1;
        for (let j = 0; j < batch.length; j++) if (firstLine[j]! <= at) found = j;
        if (found >= 0) k = found;
      }
      const culprit = batch[k]!;
      out[culprit] = this.acceptsAlone(commands[culprit]!);
      if (!out[culprit]) {
        pending.push(batch.slice(0, k), batch.slice(k + 1));
      } else {
        // the command where bash stopped is fine alone: something before it ran on into it (an
        // open heredoc swallows the rest of the batch); halve the batch to find what
        const mid = Math.ceil(batch.length / 2);
        pending.push(batch.slice(0, mid), batch.slice(mid));
      }
    }
  }

  /** `bash -n -c CMD`: the exact test for one command (warnings do not count as rejection). */
  acceptsAlone(command: string): boolean {
    if (command.includes('\0')) return false;
    this.processes++;
    const r = spawnSync(this.bash, ['-n', '-c', command], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    return passes(r);
  }
}

/**
 * bash accepted the text: exit status 0 and nothing reported but here-document warnings. `bash -n`
 * reports an error in a `[[ … ]]` expression (`[[ - x ]]`: "conditional binary operator
 * expected") and still exits 0, though bash then runs nothing of that line. A here-document ended
 * by the end of input is only a warning: bash runs such a command.
 */
function passes(r: { status: number | null; stderr?: string | null }): boolean {
  if (r.status !== 0) return false;
  return (r.stderr ?? '').split('\n').every((l) => l === '' || /warning: here-document/.test(l));
}

/** The script of one batch, and the line each command's wrapper starts on (1-based). */
function wrapped(
  commands: readonly string[],
  batch: readonly number[],
): { script: string; firstLine: number[] } {
  const parts: string[] = [];
  const firstLine: number[] = [];
  let line = 1;
  batch.forEach((id, j) => {
    const body = (commands[id] ?? '').replace(/\0/g, '');
    firstLine.push(line);
    const text = `__w_${j}() {\n${body}\n}\n`;
    parts.push(text);
    line += countNewlines(text);
  });
  return { script: parts.join(''), firstLine };
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** The line number of bash's first complaint (`bash: line 12: syntax error …`). */
function errorLine(stderr: string): number | undefined {
  const m = /line (\d+):/.exec(stderr);
  return m ? Number(m[1]) : undefined;
}

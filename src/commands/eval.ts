import type { BackendChoice } from '../classifier/backends/select.js';
import { type ReplayTransport, recordingTransport, replayTransport } from '../classifier/cassette.js';
import { createClassifier } from '../classifier/client.js';
import type { Classifier } from '../domain/classification.js';
import type { ModeName } from '../domain/mode.js';
import { runEval } from '../eval/index.js';
import { classifierFrom, environmentDescription, type Runtime } from './runtime.js';

export interface EvalCommandOptions {
  readonly file: string;
  readonly mode: ModeName;
  readonly llm?: boolean;
  readonly classifier?: BackendChoice;
  readonly record?: string;
  readonly replay?: string;
  /** Also check the shell commands against `bash -n` (warden eval --parse). */
  readonly parse?: boolean;
}

/**
 * `warden eval FILE [--llm [--classifier B] [--record CASSETTE] | --replay CASSETTE]`: the corpus
 * through decide(), and through the LLM tier when asked (live, recording, or replayed offline).
 */
export async function evalCommand(
  runtime: Runtime,
  options: EvalCommandOptions,
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WritableStream,
): Promise<number> {
  const out = (line: string) => stdout.write(`${line}\n`);
  if (options.record && options.replay) {
    stderr.write('warden: --record and --replay do not go together\n');
    return 2;
  }
  if (options.record && !options.llm) {
    stderr.write('warden: --record needs --llm\n');
    return 2;
  }
  let classifier: Classifier | undefined;
  let name: string | undefined;
  let replay: ReplayTransport | undefined;
  if (options.replay) {
    try {
      replay = replayTransport(options.replay);
    } catch (error) {
      stderr.write(`warden: --replay: ${(error as Error).message}\n`);
      return 2;
    }
    // The key holds the model and the system prompt: ask for the recorded models, with the
    // environment description from config.json as when recording.
    const recorded = replay.models();
    const screen = recorded.screen ?? recorded.verdict;
    const entries = replay.stats().entries;
    classifier = createClassifier({
      transport: replay,
      label: `replay of ${options.replay}`,
      ...(screen && { models: { screen, verdict: recorded.verdict ?? screen } }),
      environment: environmentDescription(runtime.config),
      deadlineMs: 60_000,
    });
    name = `replay of ${options.replay}, ${entries} answers`;
  } else if (options.llm) {
    const build = runtime.classifierWith ?? ((o) => classifierFrom(runtime.config, process.env, o));
    const built = build({
      ...(options.classifier !== undefined && { override: options.classifier }),
      ...(options.record !== undefined && {
        wrap: (t) => recordingTransport(t, options.record!),
      }),
    });
    if (built.classifier.status !== 'on') {
      stderr.write(`warden: --llm: the classifier is ${built.classifier.describe()}\n`);
      return 2;
    }
    classifier = built.classifier;
    name = built.selection.backend;
  }
  const summary = await runEval({
    file: options.file,
    mode: options.mode,
    out,
    ...(classifier && { classifier }),
    ...(name && { classifierName: name }),
    ...(replay && { recordedLatency: () => replay!.stats().recordedMs }),
    ...(options.parse && { parse: true }),
  });
  if (replay) {
    const s = replay.stats();
    out(`  replay: ${s.hits} requests answered from the cassette, ${s.misses} not in it (held)`);
  }
  if (options.record) out(`  recorded to ${options.record}`);
  return summary.total === 0 ? 1 : 0;
}

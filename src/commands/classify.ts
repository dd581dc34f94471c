import readline from 'node:readline';
import { z } from 'zod';
import { parseClaudeHook } from '../adapters/claude-code.js';
import { actionFromToolCall, type ToolCall } from '../adapters/tool-call.js';
import { verdictFromClassifier } from '../classifier/verdict.js';
import type { ModeName } from '../domain/mode.js';
import type { Verdict } from '../domain/verdict.js';
import { decide } from '../policy/decide.js';
import { compileRules } from '../policy/rules/index.js';
import type { Runtime } from './runtime.js';

const bareCall = z.object({
  tool: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
  cwd: z.string().optional(),
});

/** One input line as a tool call: `{tool, input, cwd?}` or a whole PreToolUse payload. */
export function toolCallFromLine(line: string, defaultCwd: string): ToolCall | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'not valid JSON' };
  }
  if (typeof value === 'object' && value !== null && 'hook_event_name' in value) {
    const parsed = parseClaudeHook('PreToolUse', value);
    return parsed.kind === 'tool-call'
      ? parsed.call
      : { error: parsed.kind === 'invalid' ? parsed.error : 'not a tool call' };
  }
  const bare = bareCall.safeParse(value);
  if (!bare.success) return { error: 'expected {tool, input, cwd?} or a PreToolUse payload' };
  return { tool: bare.data.tool, input: bare.data.input, cwd: bare.data.cwd ?? defaultCwd };
}

export interface ClassifyOptions {
  readonly mode: ModeName;
  readonly cwd: string;
  readonly llm: boolean;
}

/** `warden classify`: JSON lines in, one verdict line out per input line, in order. */
export async function classify(
  runtime: Runtime,
  options: ClassifyOptions,
  input: NodeJS.ReadableStream,
  out: NodeJS.WritableStream,
): Promise<number> {
  const loaded = runtime.loadRules([options.cwd]);
  for (const error of loaded.errors) process.stderr.write(`warden: rules: ${error}\n`);
  const rules = compileRules(loaded.rules);
  const lines = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const call = toolCallFromLine(line, options.cwd);
    let v: Verdict;
    if ('error' in call) {
      v = { decision: 'hold', by: 'input', reason: `warden could not read this line: ${call.error}` };
    } else {
      const action = actionFromToolCall(call);
      v = decide(action, rules, options.mode, { env: runtime.env, analyzer: runtime.analyzer });
      if (v.wantsClassifier && options.llm && runtime.classifier.status === 'on') {
        v = verdictFromClassifier(await runtime.classifier.classify(action));
      }
    }
    out.write(
      `${JSON.stringify({ decision: v.decision, by: v.by, reason: v.reason, ...(v.category && { category: v.category }) })}\n`,
    );
  }
  return 0;
}

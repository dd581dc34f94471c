import { z } from 'zod';
import type { RiskCategory } from '../domain/verdict.js';
import { CATEGORIES, SCREEN_TOOL, VERDICT_TOOL } from './prompt.js';
import type { ContentBlockLike } from './transport.js';

/**
 * Validates what the model called its tools with. Anything else (text, a wrong tool, a missing or
 * malformed field) is a parse failure, which the client turns into `unsure`, never `allow`.
 */

const ScreenInput = z.object({ decision: z.enum(['allow', 'check']) });

const VerdictInput = z.object({
  analysis: z.string().optional(),
  verdict: z.enum(['allow', 'block', 'unsure']),
  category: z.enum(CATEGORIES).optional().catch(undefined),
  reason: z.string().trim().min(1),
});

export type ScreenResult = { readonly ok: true; readonly decision: 'allow' | 'check' } | ParseFailure;
export type VerdictResult =
  | {
      readonly ok: true;
      readonly verdict: 'allow' | 'block' | 'unsure';
      readonly category?: RiskCategory;
      readonly reason: string;
    }
  | ParseFailure;
export interface ParseFailure {
  readonly ok: false;
  readonly problem: string;
}

export function parseScreen(content: readonly ContentBlockLike[]): ScreenResult {
  const input = toolInput(content, SCREEN_TOOL);
  if (!input.ok) return input;
  const parsed = ScreenInput.safeParse(input.value);
  if (!parsed.success)
    return { ok: false, problem: `the screen answer did not validate (${issue(parsed.error)})` };
  return { ok: true, decision: parsed.data.decision };
}

export function parseVerdict(content: readonly ContentBlockLike[]): VerdictResult {
  const input = toolInput(content, VERDICT_TOOL);
  if (!input.ok) return input;
  const parsed = VerdictInput.safeParse(input.value);
  if (!parsed.success) return { ok: false, problem: `the verdict did not validate (${issue(parsed.error)})` };
  const { verdict, category, reason } = parsed.data;
  return { ok: true, verdict, reason: cleanReason(reason), ...(category ? { category } : {}) };
}

function toolInput(
  content: readonly ContentBlockLike[],
  name: string,
): { ok: true; value: unknown } | ParseFailure {
  const block = content.find((b) => b.type === 'tool_use' && b.name === name);
  if (block) return { ok: true, value: block.input };
  const text = content
    .filter((b) => b.type === 'text' && typeof b.text === 'string')
    .map((b) => b.text)
    .join(' ');
  return {
    ok: false,
    problem: text
      ? `the model answered text instead of calling ${name}: "${cleanReason(text).slice(0, 80)}"`
      : `the model did not call ${name}`,
  };
}

function issue(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join('.') || 'input'}: ${first.message}` : 'invalid';
}

const MAX_REASON_CHARS = 600;

/**
 * The reason goes to the agent and to the terminal: control characters (ANSI escapes could repaint
 * the console) are removed and the length is capped.
 */
export function cleanReason(text: string): string {
  const flat = text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ')
    .trim();
  return flat.length > MAX_REASON_CHARS ? `${flat.slice(0, MAX_REASON_CHARS - 1)}…` : flat;
}

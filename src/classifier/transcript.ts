import { closeSync, constants, fstatSync, openSync, read, readSync } from 'node:fs';
import { promisify } from 'node:util';

const readAsync = promisify(read);

/**
 * Reads the user's own messages from a Claude Code transcript (JSON lines), newest first, within a
 * token budget. The file is read backwards in chunks, so a 50 MB transcript costs only the tail
 * that holds the budget (and never more than `maxScanBytes`). Only `type:"user"` entries whose
 * content is the human's text count: tool results, sidechain (sub-agent) prompts, meta entries and
 * compaction summaries are written by the agent or its tools and are skipped, so neither the
 * agent's prose nor injected tool output ever reaches the classifier.
 */

export interface TranscriptBudget {
  /** Approximate tokens of user text to keep (4 characters per token). */
  readonly tokens: number;
  /** Stop scanning after this many bytes from the end of the file. */
  readonly maxScanBytes: number;
  /** Lines longer than this are skipped unparsed (huge tool results). */
  readonly maxLineBytes: number;
  /** Read size per step. */
  readonly chunkBytes: number;
}

export const DEFAULT_TRANSCRIPT_BUDGET: TranscriptBudget = {
  tokens: 2000,
  maxScanBytes: 8 * 1024 * 1024,
  maxLineBytes: 512 * 1024,
  chunkBytes: 256 * 1024,
};

export interface UserMessages {
  /** The user's messages, newest first, each possibly clipped to fit the budget. */
  readonly messages: readonly string[];
  /** Why there are none or why the list may be incomplete (for the prompt and the audit). */
  readonly note?: string;
  readonly bytesScanned: number;
}

const CHARS_PER_TOKEN = 4;
const NEWLINE = 0x0a;

export async function readUserMessages(
  path: string | undefined,
  budget: TranscriptBudget = DEFAULT_TRANSCRIPT_BUDGET,
): Promise<UserMessages> {
  return new TranscriptReader(budget).read(path);
}

/**
 * The first bytes of a scan are read synchronously (page-cached, microseconds, no thread-pool hop,
 * which matters on a busy machine); a long cold scan continues asynchronously so the event loop
 * is never held for more than this much reading.
 */
const SYNC_READ_BYTES = 512 * 1024;

interface Seen {
  readonly dev: number;
  readonly ino: number;
  /** Offset just past the last complete line scanned. */
  readonly end: number;
  readonly messages: readonly string[];
}

/**
 * Reads user messages and remembers, per transcript, how far it has read: the next call for the
 * same session scans only the bytes appended since (transcripts only grow), so the per-action cost
 * is that of the new lines, not of the tail. A replaced or truncated file is read afresh.
 */
export class TranscriptReader {
  private readonly seen = new Map<string, Seen>();
  private readonly budgetChars: number;

  constructor(
    private readonly budget: TranscriptBudget = DEFAULT_TRANSCRIPT_BUDGET,
    private readonly maxTranscripts = 64,
  ) {
    this.budgetChars = Math.max(0, Math.floor(budget.tokens * CHARS_PER_TOKEN));
  }

  async read(path: string | undefined): Promise<UserMessages> {
    if (!path) return { messages: [], note: 'no transcript path', bytesScanned: 0 };
    let fd: number | undefined;
    try {
      // O_NONBLOCK: a FIFO planted at the path must not hang the open.
      fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
      const stat = fstatSync(fd);
      if (!stat.isFile()) return { messages: [], note: 'transcript is not a regular file', bytesScanned: 0 };
      const prior = this.seen.get(path);
      const resume =
        prior && prior.dev === stat.dev && prior.ino === stat.ino && prior.end <= stat.size
          ? prior
          : undefined;
      const scan = await scanBackwards(fd, resume?.end ?? 0, stat.size, this.budgetChars, this.budget);
      const messages = scan.budgetMet
        ? scan.messages
        : fitToBudget([...scan.messages, ...(resume?.messages ?? [])], this.budgetChars);
      this.remember(path, { dev: stat.dev, ino: stat.ino, end: scan.completeEnd, messages });
      return { messages, bytesScanned: scan.scanned, ...(scan.note ? { note: scan.note } : {}) };
    } catch (error) {
      return { messages: [], note: `transcript unreadable (${errorCode(error)})`, bytesScanned: 0 };
    } finally {
      if (fd !== undefined) {
        try {
          closeSync(fd);
        } catch {
          // already closed
        }
      }
    }
  }

  private remember(path: string, seen: Seen): void {
    this.seen.delete(path);
    this.seen.set(path, seen);
    if (this.seen.size > this.maxTranscripts) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }
}

/** Keeps messages (newest first) within `chars`, clipping the one that crosses it. */
function fitToBudget(messages: readonly string[], chars: number): string[] {
  const out: string[] = [];
  let left = chars;
  for (const text of messages) {
    if (left <= 0) break;
    const clipped = text.length > left ? `${text.slice(0, Math.max(0, left - 1))}…` : text;
    out.push(clipped);
    left -= clipped.length;
  }
  return out;
}

interface Scan {
  readonly messages: string[];
  readonly budgetMet: boolean;
  readonly scanned: number;
  /** Offset just past the last complete line of [start, size). */
  readonly completeEnd: number;
  readonly note?: string;
}

/** Scans [start, size) from the end, line by line, until the budget is met. */
async function scanBackwards(
  fd: number,
  start: number,
  size: number,
  budgetChars: number,
  budget: TranscriptBudget,
): Promise<Scan> {
  const messages: string[] = [];
  let charsLeft = budgetChars;
  let position = size;
  let scanned = 0;
  // Where the last complete line ends: the last newline, or the file end when the last line parses.
  let completeEnd: number | undefined;
  let trailing: Buffer | undefined;
  // Bytes of the line that starts before the current chunk (its tail, read already).
  let carry: Buffer[] = [];
  let carryBytes = 0;
  let skippingLongLine = false;
  const chunk = Buffer.allocUnsafe(Math.max(1, Math.min(Math.max(1024, budget.chunkBytes), size - start)));

  const takeLine = (line: Buffer): boolean => {
    if (!mayBeUserText(line)) return false;
    const text = userText(line);
    if (text === undefined) return false;
    const clipped = text.length > charsLeft ? `${text.slice(0, Math.max(0, charsLeft - 1))}…` : text;
    messages.push(clipped);
    charsLeft -= clipped.length;
    return charsLeft <= 0;
  };
  const done = (budgetMet: boolean, note?: string): Scan => ({
    messages,
    budgetMet,
    scanned,
    completeEnd: completeEnd ?? start,
    ...(note ? { note } : {}),
  });

  while (position > start && charsLeft > 0) {
    if (scanned >= budget.maxScanBytes) {
      return done(true, `older messages not read (scan limit ${budget.maxScanBytes} bytes)`);
    }
    const length = Math.min(chunk.length, position - start);
    position -= length;
    const bytesRead =
      scanned + length <= SYNC_READ_BYTES
        ? readSync(fd, chunk, 0, length, position)
        : (await readAsync(fd, chunk, 0, length, position)).bytesRead;
    if (bytesRead === 0) break;
    scanned += bytesRead;
    const view = chunk.subarray(0, bytesRead);
    let end = view.length;
    for (let i = view.lastIndexOf(NEWLINE); i >= 0; i = i > 0 ? view.lastIndexOf(NEWLINE, i - 1) : -1) {
      // view[i+1 .. end) + carry is a complete line.
      if (!skippingLongLine) {
        const piece = view.subarray(i + 1, end);
        const line = carryBytes > 0 ? Buffer.concat([piece, ...carry]) : piece;
        if (completeEnd === undefined) {
          // The segment after the last newline: complete only if it parses (a writer may be mid-line).
          completeEnd = position + i + 1;
          if (line.length > 0 && parses(line)) {
            completeEnd = size;
            trailing = line;
          }
          if (trailing && takeLine(trailing)) return done(true);
        } else if (line.length > 0 && takeLine(line)) {
          return done(true);
        }
      }
      if (completeEnd === undefined) completeEnd = position + i + 1;
      carry = [];
      carryBytes = 0;
      skippingLongLine = false;
      end = i;
    }
    if (!skippingLongLine && end > 0) {
      carry.unshift(Buffer.from(view.subarray(0, end)));
      carryBytes += end;
      if (carryBytes > budget.maxLineBytes) {
        carry = [];
        carryBytes = 0;
        skippingLongLine = true;
      }
    }
  }
  if (!skippingLongLine && carryBytes > 0 && charsLeft > 0) {
    // The first line of the region (it starts at `start`, a line boundary).
    const line = Buffer.concat(carry);
    if (completeEnd === undefined) {
      if (parses(line)) completeEnd = size;
      else return done(false);
    }
    if (takeLine(line)) return done(true);
  }
  return done(charsLeft <= 0);
}

function parses(line: Buffer): boolean {
  try {
    JSON.parse(line.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

const USER = Buffer.from('"user"');
const TOOL_RESULT = Buffer.from('"type":"tool_result"');

/**
 * Byte-level filter before decoding and parsing: most lines are assistant turns or tool results.
 * `"type":"tool_result"` with bare quotes can only be structure (quotes inside a JSON string are
 * escaped), so such a line is a tool turn. Lines it lets through are still fully checked.
 */
function mayBeUserText(line: Buffer): boolean {
  return line.includes(USER) && !line.includes(TOOL_RESULT);
}

/** The human's text in one transcript line, or undefined when the line is anything else. */
export function userText(line: Buffer | string): string | undefined {
  const raw = typeof line === 'string' ? line : line.toString('utf8');
  // Cheap filter before parsing: most lines (assistant turns, tool results) are not user text.
  if (!raw.includes('"user"')) return undefined;
  let entry: unknown;
  try {
    entry = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isRecord(entry) || entry.type !== 'user') return undefined;
  if (entry.isMeta === true || entry.isSidechain === true || entry.isCompactSummary === true)
    return undefined;
  if (entry.toolUseResult !== undefined) return undefined;
  const message = entry.message;
  if (!isRecord(message) || message.role !== 'user') return undefined;
  const texts = contentTexts(message.content);
  if (texts === undefined) return undefined;
  const text = texts.join('\n').trim();
  if (text.length === 0 || isCommandOutput(text)) return undefined;
  return text;
}

function contentTexts(content: unknown): string[] | undefined {
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) return undefined;
  const texts: string[] = [];
  for (const block of content) {
    if (!isRecord(block)) continue;
    // Any tool_result in the message makes it a tool turn, not the human speaking.
    if (block.type === 'tool_result') return undefined;
    if (block.type === 'text' && typeof block.text === 'string') texts.push(block.text);
  }
  return texts;
}

/** Output of local slash commands is recorded as a user entry, but it is not the user's words. */
function isCommandOutput(text: string): boolean {
  return text.startsWith('<local-command-stdout>') || text.startsWith('<local-command-stderr>');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorCode(error: unknown): string {
  if (isRecord(error) && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}

import type { z } from 'zod';
import type { AgentKind } from '../domain/action.js';
import type { HookInput } from './adapter.js';

/** A short, readable account of why a payload failed validation. */
export function describeIssues(error: z.ZodError): string {
  const first = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'payload';
    return `${where}: ${issue.message}`;
  });
  return `malformed hook payload (${first.join('; ')})`;
}

/** At most 300 characters of a value, for outcomes and warnings. */
export function summarize(value: unknown): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/**
 * The checks every adapter makes first: the payload is a JSON object and its hook_event_name is
 * the event the endpoint path names. Returns the invalid input, or undefined when it passes.
 */
export function wrongShape(event: string, payload: unknown): HookInput | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { kind: 'invalid', event, error: 'the hook payload is not a JSON object' };
  }
  const named = (payload as { hook_event_name?: unknown }).hook_event_name;
  if (named !== event) {
    return {
      kind: 'invalid',
      event,
      error: `hook_event_name ${JSON.stringify(named)} does not match ${event}`,
    };
  }
  return undefined;
}

/** Validates a payload against an event's schema: the data, or the invalid input saying why. */
export function validate<T>(
  schema: z.ZodType<T>,
  event: string,
  payload: unknown,
): { data: T } | { invalid: HookInput } {
  const parsed = schema.safeParse(payload);
  return parsed.success
    ? { data: parsed.data }
    : { invalid: { kind: 'invalid', event, error: describeIssues(parsed.error) } };
}

/** A SessionStart payload (the fields the three agents share) as the neutral session. */
export function sessionInput(
  agent: AgentKind,
  p: {
    session_id: string;
    cwd: string;
    transcript_path?: string | null | undefined;
    permission_mode?: string | undefined;
    source?: string | undefined;
  },
  receivedAt: number,
): HookInput {
  return {
    kind: 'session',
    session: {
      id: p.session_id,
      agent,
      cwd: p.cwd,
      startedAt: receivedAt,
      ...(typeof p.transcript_path === 'string' && { transcriptPath: p.transcript_path }),
      ...(p.permission_mode !== undefined && { agentMode: p.permission_mode }),
      ...(p.source !== undefined && { source: p.source }),
    },
  };
}

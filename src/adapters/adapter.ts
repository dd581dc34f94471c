import type { ActionOutcome, AgentKind, SessionInfo } from '../domain/action.js';
import type { Answer } from '../domain/verdict.js';
import type { ToolCall } from './tool-call.js';

/** A hook payload, understood. Adapters produce these; the server routes them. */
export type HookInput =
  | { readonly kind: 'tool-call'; readonly call: ToolCall }
  | { readonly kind: 'outcome'; readonly outcome: ActionOutcome; readonly tool: string }
  | { readonly kind: 'session'; readonly session: SessionInfo }
  | { readonly kind: 'config-change'; readonly sessionId: string; readonly detail: string }
  | { readonly kind: 'invalid'; readonly event: string; readonly error: string };

/** Everything warden knows about one agent's hooks. Nothing outside src/adapters knows an agent's JSON. */
export interface AgentAdapter {
  readonly agent: AgentKind;
  /** Hook events this adapter accepts (the endpoint path names one). */
  readonly events: readonly string[];
  /** Events whose answer carries a permission decision. */
  readonly decisionEvents: readonly string[];
  /**
   * What warden answers when it cannot judge (malformed payload, bad token, timeout): `ask` where
   * the agent's own prompt then takes over, `deny` where the agent has no working ask.
   */
  readonly fallbackAnswer: Extract<Answer, 'ask' | 'deny'>;
  parse(event: string, payload: unknown, receivedAt?: number): HookInput;
  /** The hook output for a decision event. */
  renderDecision(event: string, answer: Answer, reason: string): object;
  /** The hook output for an event that takes no decision. */
  renderNoDecision(event: string): object;
}

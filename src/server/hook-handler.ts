import type { AgentAdapter } from '../adapters/adapter.js';
import { actionFromToolCall } from '../adapters/tool-call.js';
import type { Broker } from '../broker/broker.js';
import type { WardenStore } from '../store/create-store.js';

export interface HookRequest {
  readonly adapter: AgentAdapter;
  readonly event: string;
  /** The raw body; undefined when it was too large to read. */
  readonly body: string | undefined;
  readonly authorized: boolean;
  /** Called with the action id once the action is parked, so a dropped connection can release it. */
  readonly onAction?: (id: string) => void;
}

export interface HookHandlerDeps {
  readonly store: WardenStore;
  readonly broker: Broker;
  readonly now?: () => number;
}

/**
 * One hook request in, the agent's hook JSON out. Every path answers with valid JSON; where
 * warden cannot judge (bad token, malformed or oversized payload, an internal error) a decision
 * event gets the adapter's fallback (ask, or deny where the agent has no ask): never allow.
 */
export async function handleHook(request: HookRequest, deps: HookHandlerDeps): Promise<object> {
  const { adapter, event } = request;
  const decides = adapter.decisionEvents.includes(event);
  const refuse = (why: string) =>
    decides
      ? adapter.renderDecision(event, adapter.fallbackAnswer, `warden: ${why}`)
      : adapter.renderNoDecision(event);

  if (!request.authorized) return refuse('the request had no valid warden token, so warden did not judge it');
  if (request.body === undefined) return refuse('the hook payload was too large to judge');
  let payload: unknown;
  try {
    payload = JSON.parse(request.body);
  } catch {
    return refuse('the hook payload is not valid JSON');
  }
  try {
    const now = deps.now ?? Date.now;
    const input = adapter.parse(event, payload, now());
    const state = deps.store.getState();
    switch (input.kind) {
      case 'invalid':
        if (decides) state.warn(`${adapter.agent}: ${input.error}`);
        return refuse(input.error);
      case 'session':
        state.sessionSeen(input.session);
        return adapter.renderNoDecision(event);
      case 'config-change':
        state.warn(
          `settings changed in session ${input.sessionId.slice(0, 8)}: ${input.detail}`,
          input.sessionId,
        );
        return adapter.renderNoDecision(event);
      case 'outcome':
        deps.broker.outcome(input.outcome, input.tool);
        return adapter.renderNoDecision(event);
      case 'tool-call': {
        const sessionId = input.call.sessionId ?? 'local';
        if (!state.sessions[sessionId]) {
          // A new session: record it first, so its project's rules are loaded before it is judged.
          state.sessionSeen({
            id: sessionId,
            agent: input.call.agent ?? adapter.agent,
            cwd: input.call.projectRoot ?? input.call.cwd,
            startedAt: now(),
            ...(input.call.transcriptPath !== undefined && { transcriptPath: input.call.transcriptPath }),
          });
          if (input.call.agentMode === 'bypassPermissions') {
            state.warn(
              `session ${sessionId.slice(0, 8)} runs with bypassPermissions: if warden stops, nothing checks its actions`,
              sessionId,
            );
          }
        }
        const sessionCwd = deps.store.getState().sessions[sessionId]?.cwd;
        const action = actionFromToolCall(
          { ...input.call, projectRoot: sessionCwd ?? input.call.projectRoot ?? input.call.cwd },
          undefined,
          now(),
        );
        request.onAction?.(action.id);
        const answer = await deps.broker.submit(action);
        return adapter.renderDecision(event, answer.answer, answer.reason);
      }
    }
  } catch (error) {
    return refuse(`internal error while judging (${error instanceof Error ? error.message : String(error)})`);
  }
}

import http from 'node:http';
import type { AgentAdapter } from '../adapters/adapter.js';
import { readConnection, readToken } from './connection.js';
import { hookPath, MAX_BODY_BYTES } from './http-server.js';

/**
 * `warden hook <agent>`: a command hook that forwards stdin to the running console's endpoint and
 * prints its answer. Any failure (no console, bad input, a dropped connection) prints the agent's
 * fallback answer (ask, or deny), never allow, and exits 0 so the agent reads it.
 */
export async function forwardHook(
  adapter: AgentAdapter,
  stdin: string,
  home: string,
  eventOverride?: string,
): Promise<string> {
  const event = eventOverride ?? eventOf(stdin) ?? adapter.decisionEvents[0] ?? 'PreToolUse';
  const fallback = (why: string) => {
    const out = adapter.decisionEvents.includes(event)
      ? adapter.renderDecision(event, adapter.fallbackAnswer, `warden: ${why}`)
      : adapter.renderNoDecision(event);
    return JSON.stringify(out);
  };
  if (Buffer.byteLength(stdin) > MAX_BODY_BYTES) return fallback('the hook payload was too large to judge');
  const connection = readConnection(home);
  const token = readToken(home);
  if (!connection || !token) return fallback('no warden console has run for this user (start `warden`)');
  try {
    const body = await post(`${connection.url}${hookPath(adapter.agent, event)}`, token, stdin);
    JSON.parse(body); // must be valid JSON to be passed on
    return body;
  } catch (error) {
    return fallback(`the warden console at ${connection.url} did not answer (${(error as Error).message})`);
  }
}

function eventOf(stdin: string): string | undefined {
  try {
    const value = JSON.parse(stdin) as { hook_event_name?: unknown };
    return typeof value.hook_event_name === 'string' && /^[A-Za-z]+$/.test(value.hook_event_name)
      ? value.hook_event_name
      : undefined;
  } catch {
    return undefined;
  }
}

function post(url: string, token: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode}`));
          else resolve(Buffer.concat(chunks).toString('utf8'));
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

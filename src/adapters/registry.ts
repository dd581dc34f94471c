import type { AgentAdapter } from './adapter.js';
import { claudeCodeAdapter } from './claude-code.js';
import { codexAdapter } from './codex.js';
import { geminiCliAdapter } from './gemini-cli.js';

/** Every agent warden has an adapter for, by the name used in endpoint paths and CLI arguments. */
export const ADAPTERS: Readonly<Record<string, AgentAdapter>> = {
  'claude-code': claudeCodeAdapter,
  'gemini-cli': geminiCliAdapter,
  codex: codexAdapter,
};

export function adapterFor(agent: string): AgentAdapter | undefined {
  return Object.hasOwn(ADAPTERS, agent) ? ADAPTERS[agent] : undefined;
}

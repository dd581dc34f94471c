import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claudeCodeAdapter } from '../../src/adapters/claude-code.js';
import { actionFromToolCall } from '../../src/adapters/tool-call.js';
import { createAnalyzer } from '../../src/analyzer/index.js';
import { MODE_NAMES } from '../../src/domain/mode.js';
import { decide } from '../../src/policy/decide.js';
import { compileRules } from '../../src/policy/rules/index.js';
import { handleHook } from '../../src/server/hook-handler.js';
import { prePayload, startTestWarden } from '../support/warden-instance.js';

const env = { home: '/home/u', wardenHome: '/home/u/.warden', tempDirs: ['/tmp'] };
const analyzer = createAnalyzer();

/** JSON values shaped like hook payloads: right keys with wrong types, extra keys, deep nesting. */
const payloadish = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      session_id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
      cwd: fc.oneof(fc.string(), fc.constant('/home/u/p'), fc.constant('')),
      hook_event_name: fc.constantFrom('PreToolUse', 'PostToolUse', 'SessionStart', 'Nope', ''),
      tool_name: fc.oneof(
        fc.string(),
        fc.constantFrom('Bash', 'Read', 'Edit', 'Write', 'mcp__x__y', 'Unknown'),
      ),
      tool_input: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()),
      tool_use_id: fc.oneof(fc.string(), fc.integer()),
    },
    { requiredKeys: [] },
  ),
);

describe('fuzzing the adapter and decide()', () => {
  it('the adapter never throws and always yields a known kind', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('PreToolUse', 'PostToolUse', 'SessionStart', 'ConfigChange', 'X'),
        payloadish,
        (event, payload) => {
          const input = claudeCodeAdapter.parse(event, payload);
          expect(['tool-call', 'outcome', 'session', 'config-change', 'invalid']).toContain(input.kind);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('decide() returns a valid verdict for any tool call in any mode', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.constantFrom(...MODE_NAMES),
        (tool, input, mode) => {
          const action = actionFromToolCall({ tool: tool || 'X', input, cwd: '/home/u/p' });
          const v = decide(action, compileRules([]), mode, { env, analyzer });
          expect(['allow', 'deny', 'hold']).toContain(v.decision);
          expect(v.by.length).toBeGreaterThan(0);
          expect(typeof v.reason).toBe('string');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('the endpoint answers any body with valid hook JSON that never allows what it could not read', async () => {
    const warden = await startTestWarden({ holdTimeoutMs: 5 });
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            payloadish.map((p) => JSON.stringify(p)),
            fc.string(),
            fc.uint8Array().map((b) => Buffer.from(b).toString('latin1')),
          ),
          async (body) => {
            const out = (await handleHook(
              { adapter: claudeCodeAdapter, event: 'PreToolUse', body, authorized: true },
              { store: warden.store, broker: warden.broker },
            )) as {
              hookSpecificOutput: {
                hookEventName: string;
                permissionDecision: string;
                permissionDecisionReason: string;
              };
            };
            expect(out.hookSpecificOutput.hookEventName).toBe('PreToolUse');
            expect(['allow', 'deny', 'ask']).toContain(out.hookSpecificOutput.permissionDecision);
            if (out.hookSpecificOutput.permissionDecision === 'allow') {
              // Only a well-formed read can be allowed in manual mode with no rules.
              const parsed = claudeCodeAdapter.parse('PreToolUse', JSON.parse(body));
              expect(parsed.kind).toBe('tool-call');
            }
          },
        ),
        { numRuns: 500 },
      );
      // A well-formed read still gets through afterwards: the server state survived the fuzzing.
      const ok = await handleHook(
        {
          adapter: claudeCodeAdapter,
          event: 'PreToolUse',
          body: JSON.stringify(prePayload('Read', { file_path: 'a' })),
          authorized: true,
        },
        { store: warden.store, broker: warden.broker },
      );
      expect(ok).toMatchObject({ hookSpecificOutput: { permissionDecision: 'allow' } });
    } finally {
      await warden.close();
    }
  });
});

describe('hostile payload shapes', () => {
  it('a deeply nested tool_input is judged (held) and logged without its input', async () => {
    const warden = await startTestWarden({ holdTimeoutMs: 5 });
    try {
      const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
      const body = JSON.stringify(prePayload('Bash', { command: 'make build' })).replace(
        '"command":"make build"',
        `"command":"make build","x":${deep}`,
      );
      const out = await handleHook(
        { adapter: claudeCodeAdapter, event: 'PreToolUse', body, authorized: true },
        { store: warden.store, broker: warden.broker },
      );
      expect(out).toMatchObject({ hookSpecificOutput: { hookEventName: 'PreToolUse' } });
      expect(
        (out as { hookSpecificOutput: { permissionDecision: string } }).hookSpecificOutput.permissionDecision,
      ).not.toBe('allow');
    } finally {
      await warden.close();
    }
  });
});

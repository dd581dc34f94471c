import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakeMessagesApi,
  scriptedClaudeCodeHandler,
  scriptPrompt,
  startFakeMessagesApi,
} from './fake-messages-api.js';

let api: FakeMessagesApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

function client(url: string, maxRetries = 0) {
  return new Anthropic({ apiKey: 'sk-test', baseURL: url, maxRetries, timeout: 5_000 });
}

describe('fake Messages API', () => {
  it('answers a non-streaming SDK call with the scripted text and records the body', async () => {
    api = await startFakeMessagesApi(({ body }) => ({ text: `echo:${body.messages[0].content}` }));
    const msg = await client(api.url).messages.create({
      model: 'claude-x',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(msg.content).toEqual([{ type: 'text', text: 'echo:hi' }]);
    expect(msg.stop_reason).toBe('end_turn');
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]?.body.max_tokens).toBe(64);
  });

  it('streams a tool_use turn the SDK reassembles', async () => {
    api = await startFakeMessagesApi(() => ({ toolUse: { name: 'Bash', input: { command: 'ls -la' } } }));
    const msg = await client(api.url)
      .messages.stream({ model: 'm', max_tokens: 64, messages: [{ role: 'user', content: 'x' }] })
      .finalMessage();
    expect(msg.stop_reason).toBe('tool_use');
    expect(msg.content[0]).toMatchObject({ type: 'tool_use', name: 'Bash', input: { command: 'ls -la' } });
  });

  it('returns raw statuses: a 429 with retry-after is retried by the SDK, then succeeds', async () => {
    let n = 0;
    api = await startFakeMessagesApi(() =>
      n++ === 0
        ? {
            status: 429,
            headers: { 'retry-after': '0' },
            body: { type: 'error', error: { type: 'rate_limit_error', message: 'slow' } },
          }
        : { text: 'ok' },
    );
    const msg = await client(api.url, 2).messages.create({
      model: 'm',
      max_tokens: 8,
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(msg.content).toEqual([{ type: 'text', text: 'ok' }]);
    expect(api.requests).toHaveLength(2);
  });

  it('a 500 surfaces as an API error when retries are off', async () => {
    api = await startFakeMessagesApi(() => ({ status: 500 }));
    await expect(
      client(api.url).messages.create({
        model: 'm',
        max_tokens: 8,
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toMatchObject({ status: 500 });
  });

  it('a hang never answers; close() releases it', async () => {
    api = await startFakeMessagesApi(() => ({ hang: true }));
    const c = new Anthropic({ apiKey: 'sk-test', baseURL: api.url, maxRetries: 0, timeout: 300 });
    await expect(
      c.messages.create({ model: 'm', max_tokens: 8, messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toThrow(/timed out|timeout/i);
  });

  it('the scripted handler plays the script by assistant-turn count, then says done', async () => {
    const handler = scriptedClaudeCodeHandler();
    const prompt = scriptPrompt([
      { name: 'Bash', input: { command: 'a' } },
      { name: 'Bash', input: { command: 'b' } },
    ]);
    const tools = [{ name: 'Bash' }];
    const user = { role: 'user', content: [{ type: 'text', text: prompt }] };
    const asst = { role: 'assistant', content: [] };
    expect(await handler({ body: { tools, messages: [user] }, headers: {}, path: '' })).toEqual({
      toolUse: { name: 'Bash', input: { command: 'a' } },
    });
    expect(await handler({ body: { tools, messages: [user, asst, user] }, headers: {}, path: '' })).toEqual({
      toolUse: { name: 'Bash', input: { command: 'b' } },
    });
    expect(
      await handler({ body: { tools, messages: [user, asst, user, asst, user] }, headers: {}, path: '' }),
    ).toEqual({ text: 'done' });
    // Not the main loop (no tools): plain text, script untouched.
    expect(await handler({ body: { messages: [user] }, headers: {}, path: '' })).toEqual({ text: 'done' });
  });
});

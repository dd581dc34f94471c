import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readAudit } from '../../src/broker/audit-reader.js';

const BIN = path.resolve('bin/warden.js');
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

function startServe(home: string): Promise<{ url: string; token: string }> {
  child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--mode', 'edits'], {
    env: { ...process.env, WARDEN_HOME: home },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    child!.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(buffered);
      if (m) resolve({ url: m[1]!, token: fs.readFileSync(path.join(home, 'token'), 'utf8').trim() });
    });
    child!.once('exit', () => reject(new Error(`warden serve exited early: ${buffered}`)));
  });
}

function post(url: string, token: string, body: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const req = http.request(
      `${url}/hook/claude-code/PreToolUse`,
      { method: 'POST', headers: { authorization: `Bearer ${token}` } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
        });
        res.on('end', () => resolve(text));
        res.on('error', () => resolve(undefined));
      },
    );
    req.on('error', () => resolve(undefined));
    req.end(body);
  });
}

describe('audit log under kill -9', () => {
  it('loses no answered decision and leaves no torn line in a burst of 1,000', async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'warden-kill9-'));
    const { url, token } = await startServe(home);
    const answered = new Set<string>();
    let sent = 0;
    const worker = async () => {
      while (sent < 1000) {
        const id = `toolu_${sent++}`;
        const body = JSON.stringify({
          session_id: 'burst',
          cwd: '/home/u/p',
          hook_event_name: 'PreToolUse',
          tool_name: 'Edit',
          tool_input: { file_path: `src/f${id}.ts`, old_string: 'a', new_string: 'b'.repeat(200) },
          tool_use_id: id,
        });
        const text = await post(url, token, body);
        if (text?.includes('"permissionDecision":"allow"')) answered.add(id);
        if (answered.size === 500) child?.kill('SIGKILL');
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(answered.size).toBeGreaterThanOrEqual(500);
    expect(answered.size).toBeLessThan(1000);
    const { records, warnings } = readAudit(path.join(home, 'audit'));
    expect(warnings).toEqual([]);
    const logged = new Set(records.filter((r) => r.event === 'decision').map((r) => r.toolUseId as string));
    const lost = [...answered].filter((id) => !logged.has(id));
    expect(lost).toEqual([]);
  });
});

import readline from 'node:readline';
import { readConnection, readToken } from '../server/connection.js';
import { formatCode, type PairRequest, type WebSession } from '../web/pairing.js';
import { terminalQr } from '../web/web-console.js';

export interface PairOptions {
  readonly list?: boolean;
  readonly revoke?: string;
  /** Print the QR code (default true). */
  readonly qr?: boolean;
}

interface Io {
  readonly out: NodeJS.WritableStream;
  readonly input: NodeJS.ReadableStream;
}

/**
 * `warden pair`: pairs a browser with the running console (or `warden serve`) from this terminal.
 * Prints a one-time link, waits for a browser to open it, names that browser and pairs it only
 * when the person answers y here. Talks to the console over its loopback endpoint with the
 * token (this runs as the person). `--list` and `--revoke ID|all` manage paired browsers.
 */
export async function pair(home: string, options: PairOptions, io: Io): Promise<number> {
  const connection = readConnection(home);
  const token = readToken(home);
  const say = (line: string) => io.out.write(`${line}\n`);
  if (!connection || !token) {
    say('warden pair: no warden console has run for this user (start `warden` or `warden serve`)');
    return 1;
  }
  const call = async (method: 'GET' | 'POST', path: string, body?: object) => {
    const res = await fetch(`${connection.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(String(json.error ?? `HTTP ${res.status}`));
    return json;
  };
  try {
    if (options.list) {
      const { sessions } = (await call('GET', '/control/sessions')) as { sessions: WebSession[] };
      if (sessions.length === 0) say('no paired browsers');
      for (const s of sessions) {
        say(
          `${s.id}  ${s.browser} on ${s.os} from ${s.address}, paired ${new Date(s.pairedAt).toISOString()}`,
        );
      }
      return 0;
    }
    if (options.revoke !== undefined) {
      const { revoked } = await call('POST', '/control/revoke', { id: options.revoke });
      say(`revoked ${revoked}`);
      return revoked === 0 ? 1 : 0;
    }
    const made = (await call('POST', '/control/pair')) as { code: string; link: string; expiresAt: number };
    say('Open this on the phone or browser to pair (one use, valid 2 minutes):');
    say(`  ${made.link}`);
    say(`  code ${formatCode(made.code)}`);
    if (options.qr !== false) say(await terminalQr(made.link));
    say('Waiting for a browser to open it…');
    let request: PairRequest | undefined;
    while (!request) {
      const answer = await call('GET', `/control/pair/request?code=${encodeURIComponent(made.code)}`);
      if (answer.expired) {
        say('The code expired before a browser opened it; run warden pair again.');
        return 1;
      }
      request = answer.request as PairRequest | undefined;
    }
    if (request.state !== 'waiting') {
      say(`That pairing is ${request.state}.`);
      return 1;
    }
    const yes = await ask(io, `pair ${request.browser}, ${request.os}, ${request.address}? y/n `);
    const result = await call('POST', '/control/pair/answer', { id: request.id, yes });
    const state = (result.request as PairRequest).state;
    say(state === 'paired' ? `Paired ${request.browser} on ${request.os}.` : 'Refused.');
    return state === 'paired' ? 0 : 1;
  } catch (error) {
    say(`warden pair: ${(error as Error).message} (is the console running? \`warden doctor\` tells)`);
    return 1;
  }
}

/** One line from the person: y or yes pairs; anything else, or no answer, refuses. */
function ask(io: Io, question: string): Promise<boolean> {
  return new Promise((resolve) => {
    io.out.write(question);
    const rl = readline.createInterface({ input: io.input, terminal: false });
    let done = false;
    const finish = (yes: boolean) => {
      if (done) return;
      done = true;
      rl.close();
      resolve(yes);
    };
    rl.once('line', (line) => finish(/^\s*y(es)?\s*$/i.test(line)));
    rl.once('close', () => finish(false));
  });
}

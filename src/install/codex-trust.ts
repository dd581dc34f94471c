import path from 'node:path';
import { isWardenCodexHook } from './codex.js';
import { type CodexHook, listCodexHooks, openCodexAppServer, trustCodexHooks } from './codex-app-server.js';

export interface CodexTrustOptions {
  /** The hooks.json warden wrote. */
  readonly file: string;
  /** Where Codex would run (decides which project hooks it loads). */
  readonly cwd: string;
  readonly bin?: string;
  readonly env?: NodeJS.ProcessEnv;
}

export type CodexTrustResult =
  /** Every warden hook in `file` is loaded by Codex and trusted; `newly` were trusted now. */
  | { readonly kind: 'trusted'; readonly hooks: readonly CodexHook[]; readonly newly: number }
  /** Codex does not load the file at all (a project Codex does not trust). */
  | { readonly kind: 'not-loaded' }
  /** Codex could not be asked, or still reports some hook untrusted. */
  | { readonly kind: 'failed'; readonly error: string };

/** warden's hooks from `file` as Codex loads them for `cwd`. */
export function wardenHooksIn(hooks: readonly CodexHook[], file: string): CodexHook[] {
  const want = path.resolve(file);
  return hooks.filter(
    (h) => path.resolve(h.sourcePath) === want && isWardenCodexHook({ command: h.command ?? '' }),
  );
}

/** Marks warden's hooks in `file` trusted through `codex app-server`, then checks Codex agrees. */
export async function trustWardenCodexHooks(options: CodexTrustOptions): Promise<CodexTrustResult> {
  let server: Awaited<ReturnType<typeof openCodexAppServer>> | undefined;
  try {
    server = await openCodexAppServer({
      cwd: options.cwd,
      ...(options.bin !== undefined && { bin: options.bin }),
      ...(options.env !== undefined && { env: options.env }),
    });
    const before = wardenHooksIn((await listCodexHooks(server, options.cwd)).hooks, options.file);
    if (before.length === 0) return { kind: 'not-loaded' };
    const untrusted = before.filter((h) => h.trustStatus !== 'trusted' && h.trustStatus !== 'managed');
    await trustCodexHooks(server, untrusted);
    const after = wardenHooksIn((await listCodexHooks(server, options.cwd)).hooks, options.file);
    const still = after.filter((h) => h.trustStatus !== 'trusted' && h.trustStatus !== 'managed');
    if (still.length > 0 || after.length === 0)
      return {
        kind: 'failed',
        error: `Codex still reports ${still.map((h) => `${h.eventName} (${h.trustStatus})`).join(', ')} untrusted`,
      };
    return { kind: 'trusted', hooks: after, newly: untrusted.length };
  } catch (error) {
    return { kind: 'failed', error: (error as Error).message };
  } finally {
    server?.close();
  }
}

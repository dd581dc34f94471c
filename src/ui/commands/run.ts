import { contextOf } from '../input/context.js';
import { type CommandId, commandById, isCommandId } from './table.js';
import type { Command, CommandArgs, CommandContext, CommandResult, CommandState } from './types.js';

function stateOf(ctx: CommandContext, args: CommandArgs): CommandState {
  return { warden: ctx.store.getState(), ui: ctx.ui?.getState(), args };
}

/** Why a command cannot run for this caller now, or undefined when it can. */
export function whyNot(command: Command, ctx: CommandContext, args: CommandArgs = {}): string | undefined {
  if (command.terminalOnly && !ctx.terminal) return `${command.id} works in the terminal console only`;
  if (command.needsView && !ctx.ui) return `${command.id} needs the console's views`;
  // With views, a command runs only where its keys apply (text.submit needs an open field).
  if (ctx.ui && command.contexts.length > 0 && !command.contexts.includes(contextOf(ctx.ui.getState().view)))
    return `${command.id} does not apply here`;
  return command.disabled?.(stateOf(ctx, args));
}

/**
 * Runs a command by id: refused with the reason when it cannot run now (the reason is also the
 * console's message), else done. Sync commands have finished when this returns; commands that
 * write rule files return a promise of their result.
 */
export function runCommand(
  id: CommandId | string,
  ctx: CommandContext,
  args: CommandArgs = {},
): CommandResult | Promise<CommandResult> {
  if (!isCommandId(id)) return { ok: false, reason: `no command ${id}` };
  const command = commandById(id);
  const refused = whyNot(command, ctx, args);
  if (refused !== undefined) {
    ctx.ui?.setState({ message: refused });
    return { ok: false, reason: refused };
  }
  let message: string | undefined;
  const say = (text: string | undefined) => {
    message = text;
    ctx.ui?.setState({ message: text });
  };
  const done = (error: unknown): CommandResult => {
    if (typeof error === 'string') {
      say(error);
      return { ok: false, reason: error };
    }
    return message === undefined ? { ok: true } : { ok: true, message };
  };
  const out = command.run({ ...ctx, args, say });
  if (out instanceof Promise)
    return out.then(done, (e: unknown) => done(e instanceof Error ? e.message : String(e)));
  return done(out);
}

import type { Command, CommandState, RunContext } from './types.js';

/**
 * The approval page's pairing at the console (`w`): show the address and a one-time code, answer
 * the browser that opened it y/n, revoke paired browsers. All terminal-only: the person at the
 * console pairs browsers, never a page.
 */

function command<const Id extends string>(spec: Command<Id>): Command<Id> {
  return spec;
}

const noPage = (state: CommandState) => (state.ui === undefined ? 'pairing needs the console' : undefined);

function pairView(ctx: RunContext) {
  const view = ctx.ui?.getState().view;
  return view?.kind === 'pair' ? view : undefined;
}

/** Closing the pairing view ends its code; browsers still waiting for y/n are refused. */
export function closePairing(ctx: RunContext): void {
  const view = pairView(ctx);
  if (view?.shown) ctx.terminal?.web?.cancelPairing(view.shown.code);
}

function answer(ctx: RunContext, yes: boolean): string | undefined {
  const web = ctx.terminal?.web;
  const request = web?.pairing
    .getState()
    .requests.find((r) => r.owner === 'console' && r.state === 'waiting');
  if (!web || !request) return 'no browser is asking to pair';
  web.answer(request.id, yes);
  ctx.say(`${yes ? 'paired' : 'refused'} ${request.browser} on ${request.os} (${request.address})`);
  return undefined;
}

function selectedSession(ctx: RunContext) {
  const sessions = ctx.terminal?.web?.pairing.getState().sessions ?? [];
  const selected = pairView(ctx)?.selected;
  return sessions.find((s) => s.id === selected) ?? sessions[0];
}

function moveSelection(ctx: RunContext, delta: number): void {
  const view = pairView(ctx);
  const sessions = ctx.terminal?.web?.pairing.getState().sessions ?? [];
  if (!view || sessions.length === 0) return;
  const at = sessions.findIndex((s) => s.id === view.selected);
  const index = Math.max(0, Math.min(sessions.length - 1, at < 0 ? 0 : at + delta));
  ctx.ui?.setState({ view: { ...view, selected: sessions[index]!.id } });
}

export const PAIR_COMMANDS = [
  command({
    id: 'web.pair',
    keys: [{ char: 'w' }],
    description: 'Approval page: its address, a one-time pairing code (QR), paired browsers',
    contexts: ['main', 'pair'],
    hint: 'web',
    terminalOnly: true,
    disabled: (state) => noPage(state),
    run: (ctx) => {
      const web = ctx.terminal?.web;
      if (!web) return 'the approval page is off (config.json web.enabled)';
      const selected = pairView(ctx)?.selected;
      ctx.ui?.setState({ view: { kind: 'pair', shown: undefined, selected } });
      ctx.say(undefined);
      void web.showPairing().then(
        (shown) => {
          const view = ctx.ui?.getState().view;
          if (view?.kind === 'pair' && view.shown === undefined)
            ctx.ui?.setState({ view: { ...view, shown } });
          else web.cancelPairing(shown.code);
        },
        (error: Error) => ctx.say(`could not make a pairing code: ${error.message}`),
      );
      return undefined;
    },
  }),
  command({
    id: 'pair.yes',
    keys: [{ char: 'y' }],
    description: 'Pair the browser that asks (only the one named on screen)',
    contexts: ['pair'],
    hint: 'pair',
    terminalOnly: true,
    run: (ctx) => answer(ctx, true),
  }),
  command({
    id: 'pair.no',
    keys: [{ char: 'n' }],
    description: 'Refuse the browser that asks',
    contexts: ['pair'],
    hint: 'refuse',
    terminalOnly: true,
    run: (ctx) => answer(ctx, false),
  }),
  command({
    id: 'pair.up',
    keys: [{ key: 'up' }, { char: 'k' }],
    description: 'Previous paired browser',
    contexts: ['pair'],
    hint: 'move',
    hintKeys: '↑↓/jk',
    terminalOnly: true,
    run: (ctx) => moveSelection(ctx, -1),
  }),
  command({
    id: 'pair.down',
    keys: [{ key: 'down' }, { char: 'j' }],
    description: 'Next paired browser',
    contexts: ['pair'],
    terminalOnly: true,
    run: (ctx) => moveSelection(ctx, 1),
  }),
  command({
    id: 'pair.revoke',
    keys: [{ char: 'x' }],
    description: 'Revoke the paired browser under the cursor (its page stops at once)',
    contexts: ['pair'],
    hint: 'revoke',
    terminalOnly: true,
    run: (ctx) => {
      const web = ctx.terminal?.web;
      const target = selectedSession(ctx);
      if (!web || !target) return 'no paired browser';
      web.revoke(target.id);
      ctx.say(`revoked ${target.browser} on ${target.os} (${target.address})`);
      return undefined;
    },
  }),
] as const;

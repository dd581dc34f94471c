import type { ModeName } from '../../domain/mode.js';
import type { Rule } from '../../domain/rule.js';
import type { WardenStore } from '../../store/create-store.js';
import { cursorRecord, targetIds } from '../../store/selectors.js';
import { EFFECTS, nextOf, SCOPES, type UiStore } from '../console/ui-state.js';
import type { ConsoleDeps } from '../deps.js';
import { replaceControl } from '../format.js';
import { type CommandId, commandFor, type KeyEvent } from '../keymap.js';
import { contextOf } from './context.js';

export interface DispatchContext {
  readonly store: WardenStore;
  readonly ui: UiStore;
  readonly deps: ConsoleDeps;
}

const MODE_KEYS: Partial<Record<CommandId, ModeName>> = {
  'mode.manual': 'manual',
  'mode.edits': 'edits',
  'mode.auto': 'auto',
  'mode.plan': 'plan',
  'mode.yolo': 'yolo',
  'mode.pause': 'pause',
  pause: 'pause',
};

const QUIT_REASON = 'the warden console closed: the agent asks the person itself';

/**
 * The single input dispatcher: one key press -> one command from the keymap (in the context the
 * open overlay gives) -> store actions. Text fields take printable keys that are not commands.
 */
export function dispatchKey(input: string, key: KeyEvent, ctx: DispatchContext): CommandId | undefined {
  ctx.deps.web?.touch();
  const context = contextOf(ctx.store.getState().overlay);
  // Keys typed faster than the terminal is read arrive as one string: outside text fields,
  // each character is its own key press.
  if (input.length > 1 && context !== 'text' && context !== 'rule-editor' && !key.ctrl && !key.meta) {
    let last: CommandId | undefined;
    for (const ch of input) last = dispatchKey(ch, { shift: ch !== ch.toLowerCase() }, ctx) ?? last;
    return last;
  }
  const command = commandFor(context, input, key);
  if (command !== undefined) {
    runCommand(command, ctx);
    return command;
  }
  if ((context === 'text' || context === 'rule-editor') && isPrintable(input, key)) {
    typeText(input, ctx);
  }
  return undefined;
}

function isPrintable(input: string, key: KeyEvent): boolean {
  if (input === '' || key.ctrl || key.meta) return false;
  // Pasted text may carry control characters: they are dropped, not typed.
  return replaceControl(input, '') !== '';
}

function typeText(input: string, ctx: DispatchContext): void {
  const clean = replaceControl(input, '');
  const text = ctx.ui.getState().text + clean;
  ctx.ui.setState({ text });
  if (ctx.store.getState().overlay === 'filter') ctx.store.getState().setFilter(text);
}

export function runCommand(command: CommandId, ctx: DispatchContext): void {
  const { store, ui, deps } = ctx;
  const s = store.getState();
  const say = (message: string | undefined) => ui.setState({ message });
  const mode = MODE_KEYS[command];
  if (mode !== undefined) {
    s.setMode(mode);
    say(`mode ${mode}`);
    return;
  }
  switch (command) {
    case 'cursor.up':
      s.moveCursor(-1);
      return;
    case 'cursor.down':
      s.moveCursor(1);
      return;
    case 'cursor.first':
      s.moveCursorTo('first');
      return;
    case 'cursor.last':
      s.moveCursorTo('last');
      return;
    case 'mark.toggle':
      s.toggleMark();
      return;
    case 'mark.range':
      s.toggleRange();
      return;
    case 'mark.clear':
      s.clearMarks();
      say(undefined);
      return;
    case 'approve': {
      const n = s.approve();
      say(n > 0 ? `approved ${n}` : 'nothing to approve');
      return;
    }
    case 'deny': {
      const targets = targetIds(s);
      if (targets.length === 0) {
        say('nothing to deny');
        return;
      }
      ui.setState({ text: '', denyTargets: targets, message: undefined });
      s.setOverlay('deny-reason');
      return;
    }
    case 'approve.all':
      if (s.held.length === 0) {
        say('nothing is held');
        return;
      }
      s.setOverlay('confirm-approve-all');
      return;
    case 'approve.similar': {
      const record = cursorRecord(s);
      if (!record) {
        say('no action under the cursor');
        return;
      }
      const rule = deps.suggestRule(record.action);
      const n = s.approveWhere(
        (action) => action.id === record.action.id || safeCovers(deps, rule, action),
        `approved by the user (like ${rule})`,
      );
      say(`approved ${n} like ${rule}`);
      return;
    }
    case 'mode.cycle':
      s.cycleMode();
      say(`mode ${store.getState().mode}`);
      return;
    case 'rules.open':
      ui.setState({ rulesCursor: 0, message: undefined });
      s.setOverlay('rules');
      return;
    case 'rule.propose': {
      const record = cursorRecord(s);
      if (!record) {
        say('no action under the cursor to make a rule from');
        return;
      }
      ui.setState({
        text: deps.suggestRule(record.action),
        ruleEffect: 'allow',
        ruleScope: 'session',
        ruleReplacing: undefined,
        message: undefined,
      });
      s.setOverlay('rule-editor');
      return;
    }
    case 'filter':
      ui.setState({ text: s.filter, filterBefore: s.filter });
      s.setOverlay('filter');
      return;
    case 'session.next':
      s.cycleSessionFilter();
      return;
    case 'help':
      s.setOverlay('help');
      return;
    case 'quit':
      if (s.held.length > 0) s.setOverlay('confirm-quit');
      else quit(ctx);
      return;
    case 'quit.now':
      quit(ctx);
      return;
    case 'text.submit':
      submitText(ctx);
      return;
    case 'text.cancel':
      if (s.overlay === 'filter') s.setFilter(ui.getState().filterBefore);
      ui.setState({ text: '', denyTargets: [] });
      s.setOverlay(s.overlay === 'rule-editor' && ui.getState().ruleReplacing ? 'rules' : 'none');
      return;
    case 'text.delete': {
      const text = [...ui.getState().text].slice(0, -1).join('');
      ui.setState({ text });
      if (s.overlay === 'filter') s.setFilter(text);
      return;
    }
    case 'editor.effect':
      ui.setState({ ruleEffect: nextOf(EFFECTS, ui.getState().ruleEffect) });
      return;
    case 'editor.scope':
      ui.setState({ ruleScope: nextOf(SCOPES, ui.getState().ruleScope) });
      return;
    case 'confirm.yes':
      s.setOverlay('none');
      if (s.overlay === 'confirm-approve-all') say(`approved ${s.approveAll()}`);
      else if (s.overlay === 'confirm-quit') quit(ctx);
      return;
    case 'confirm.no':
      s.setOverlay('none');
      return;
    case 'overlay.close':
      if (s.overlay === 'pair') closePairing(ctx);
      s.setOverlay('none');
      return;
    case 'web.pair':
      openPairing(ctx);
      return;
    case 'pair.yes':
    case 'pair.no':
      answerPairing(ctx, command === 'pair.yes');
      return;
    case 'pair.up':
    case 'pair.down':
      movePairCursor(ctx, command === 'pair.up' ? -1 : 1);
      return;
    case 'pair.revoke': {
      const web = deps.web;
      const sessions = web?.pairing.getState().sessions ?? [];
      const target = sessions.find((x) => x.id === ui.getState().pairCursor) ?? sessions[0];
      if (!web || !target) {
        say('no paired browser');
        return;
      }
      web.revoke(target.id);
      say(`revoked ${target.browser} on ${target.os} (${target.address})`);
      return;
    }
    case 'rules.up':
      ui.setState({ rulesCursor: Math.max(0, ui.getState().rulesCursor - 1) });
      return;
    case 'rules.down':
      ui.setState({
        rulesCursor: Math.min(Math.max(0, s.rules.rules.length - 1), ui.getState().rulesCursor + 1),
      });
      return;
    case 'rules.remove': {
      const rule = s.rules.rules[ui.getState().rulesCursor];
      if (rule) void removeRule(rule, ctx);
      return;
    }
    case 'rules.edit': {
      const rule = s.rules.rules[ui.getState().rulesCursor];
      if (!rule) return;
      ui.setState({
        text: rule.text,
        ruleEffect: rule.effect,
        ruleScope: scopeOf(rule),
        ruleReplacing: rule,
        message: undefined,
      });
      s.setOverlay('rule-editor');
      return;
    }
    default:
      return;
  }
}

function openPairing(ctx: DispatchContext): void {
  const { store, ui, deps } = ctx;
  if (!deps.web) {
    ui.setState({ message: 'the approval page is off (config.json web.enabled)' });
    return;
  }
  ui.setState({ message: undefined, pairing: undefined });
  store.getState().setOverlay('pair');
  void deps.web.showPairing().then(
    (shown) => {
      if (store.getState().overlay === 'pair') ui.setState({ pairing: shown });
      else deps.web?.cancelPairing(shown.code);
    },
    (error: Error) => ui.setState({ message: `could not make a pairing code: ${error.message}` }),
  );
}

function closePairing(ctx: DispatchContext): void {
  const shown = ctx.ui.getState().pairing;
  if (shown) ctx.deps.web?.cancelPairing(shown.code);
  ctx.ui.setState({ pairing: undefined });
}

/** y/n answers the oldest browser waiting on a code this console showed (never `warden pair`'s). */
function answerPairing(ctx: DispatchContext, yes: boolean): void {
  const web = ctx.deps.web;
  const request = web?.pairing
    .getState()
    .requests.find((r) => r.owner === 'console' && r.state === 'waiting');
  if (!web || !request) {
    ctx.ui.setState({ message: 'no browser is asking to pair' });
    return;
  }
  web.answer(request.id, yes);
  ctx.ui.setState({
    message: `${yes ? 'paired' : 'refused'} ${request.browser} on ${request.os} (${request.address})`,
    ...(yes && { pairing: undefined }),
  });
}

function movePairCursor(ctx: DispatchContext, delta: number): void {
  const sessions = ctx.deps.web?.pairing.getState().sessions ?? [];
  if (sessions.length === 0) return;
  const at = sessions.findIndex((x) => x.id === ctx.ui.getState().pairCursor);
  const index = Math.max(0, Math.min(sessions.length - 1, at < 0 ? 0 : at + delta));
  ctx.ui.setState({ pairCursor: sessions[index]!.id });
}

function safeCovers(
  deps: ConsoleDeps,
  rule: string,
  action: Parameters<ConsoleDeps['ruleCovers']>[1],
): boolean {
  try {
    return deps.ruleCovers(rule, action);
  } catch {
    return false;
  }
}

function scopeOf(rule: Rule): 'session' | 'project' | 'user' {
  const origin = rule.source.origin;
  if (origin === 'session') return 'session';
  return origin === 'claude-user' || origin === 'warden-user' ? 'user' : 'project';
}

function quit(ctx: DispatchContext): void {
  const s = ctx.store.getState();
  s.setOverlay('none');
  if (s.held.length > 0) s.resolve([...s.held], 'ask', 'shutdown', 'shutdown', QUIT_REASON);
  ctx.deps.onQuit();
}

function submitText(ctx: DispatchContext): void {
  const { store, ui } = ctx;
  const s = store.getState();
  const { text, denyTargets } = ui.getState();
  if (s.overlay === 'deny-reason') {
    const n = s.deny(denyTargets, text);
    ui.setState({ text: '', denyTargets: [], message: `denied ${n}` });
    s.setOverlay('none');
  } else if (s.overlay === 'filter') {
    s.setFilter(text.trim());
    ui.setState({ text: '' });
    s.setOverlay('none');
  } else if (s.overlay === 'rule-editor') {
    void submitRule(ctx);
  }
}

async function submitRule(ctx: DispatchContext): Promise<void> {
  const { store, ui, deps } = ctx;
  const { text, ruleEffect: effect, ruleScope: scope, ruleReplacing, busy } = ui.getState();
  const ruleText = text.trim();
  if (busy) return;
  if (ruleText === '') {
    ui.setState({ message: 'the rule is empty' });
    return;
  }
  const heldBefore = store.getState().held.length;
  if (ruleReplacing) {
    const error = await removeRule(ruleReplacing, ctx);
    if (error !== undefined) return;
  }
  if (scope === 'session') {
    store.getState().addSessionRule({ effect, text: ruleText, source: { origin: 'session' } });
  } else {
    ui.setState({ busy: true });
    let error: string | undefined;
    try {
      error = await deps.addRule({ effect, text: ruleText, scope });
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    ui.setState({ busy: false });
    if (error !== undefined) {
      ui.setState({ message: `could not add the rule: ${error}` });
      return;
    }
  }
  const resolved = heldBefore - store.getState().held.length;
  ui.setState({
    text: '',
    ruleReplacing: undefined,
    message: `${effect} ${ruleText} (${scope}) in force${resolved > 0 ? `; it settled ${resolved} held` : ''}`,
  });
  store.getState().setOverlay(ruleReplacing ? 'rules' : 'none');
}

async function removeRule(rule: Rule, ctx: DispatchContext): Promise<string | undefined> {
  const { store, ui, deps } = ctx;
  if (rule.source.origin === 'session') {
    store.getState().removeSessionRule(rule.text);
  } else {
    let error: string | undefined;
    try {
      error = await deps.removeRule(rule);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    if (error !== undefined) {
      ui.setState({ message: `could not remove ${rule.text}: ${error}` });
      return error;
    }
  }
  const count = store.getState().rules.rules.length;
  ui.setState({
    message: `removed ${rule.effect} ${rule.text}`,
    rulesCursor: Math.min(ui.getState().rulesCursor, Math.max(0, count - 1)),
  });
  return undefined;
}

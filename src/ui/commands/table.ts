import type { Action } from '../../domain/action.js';
import { MODE_NAMES, MODES, type ModeName } from '../../domain/mode.js';
import { closeOffer } from '../../rule-offer/offer.js';
import type { WardenState } from '../../store/create-store.js';
import { cursorRecord, isHeld, targetIds } from '../../store/selectors.js';
import { EFFECTS, MAIN_VIEW, nextOf, SCOPES } from '../console/ui-state.js';
import { approvedAmong, noteApprovals } from './offer.js';
import { closePairing, PAIR_COMMANDS } from './pair-commands.js';
import {
  addRuleInForce,
  findRule,
  neighbourKey,
  removeRuleInForce,
  ruleKey,
  scopeOf,
  stepSelection,
} from './rule-ops.js';
import { deleteFromField } from './text-field.js';
import type { Command, CommandArgs, CommandState, KeyContext, RuleDeps, RunContext } from './types.js';

/**
 * The console's commands, one entry each: id, keys, description, what it does and why it cannot
 * run now. The terminal's key dispatcher (src/ui/input/dispatch.ts), the footer hints, the `?`
 * help, the prompts, docs/keys.md and any other caller (runCommand by id) all read this table.
 */

const MAIN: readonly KeyContext[] = ['main'];
const TEXT: readonly KeyContext[] = ['text', 'rule-editor'];
const EVERYWHERE: readonly KeyContext[] = ['main', 'text', 'confirm', 'help', 'rules', 'rule-editor', 'pair'];
const QUIT_REASON = 'the warden console closed: the agent asks the person itself';

function command<const Id extends string>(spec: Command<Id>): Command<Id> {
  return spec;
}

/** The held actions a bulk command acts on: the args' ids, else the marked ones, else the cursor one. */
export function targetsOf(state: WardenState, args: CommandArgs): string[] {
  return args.ids ? args.ids.filter((id) => isHeld(state, id)) : targetIds(state);
}

/** The action `s` and `R` start from: the first id given, else (no ids at all) the cursor action. */
function referenceAction(state: WardenState, args: CommandArgs): Action | undefined {
  const id = args.ids?.[0];
  // A caller that names ids (the page) never falls back to the console's cursor.
  const record = args.ids ? (id !== undefined ? state.records.get(id) : undefined) : cursorRecord(state);
  return record && isHeld(state, record.action.id) ? record.action : undefined;
}

function safeCovers(deps: RuleDeps, rule: string, action: Action): boolean {
  try {
    return deps.ruleCovers(rule, action);
  } catch {
    return false;
  }
}

function approveAll(ctx: RunContext): void {
  const held = [...ctx.store.getState().held];
  ctx.say(`approved ${ctx.store.getState().approveAll()}`);
  noteApprovals(ctx, approvedAmong(ctx, held));
}

function setMode(ctx: RunContext, mode: ModeName): void {
  ctx.store.getState().setMode(mode);
  ctx.say(`mode ${mode}`);
}

function quit(ctx: RunContext): void {
  const s = ctx.store.getState();
  ctx.ui?.setState({ view: MAIN_VIEW });
  if (s.held.length > 0) s.resolve([...s.held], 'ask', 'shutdown', 'shutdown', QUIT_REASON);
  ctx.terminal?.quit();
}

/** The rules view's selected rule, and why there is none. */
function selectedRuleOf(state: CommandState) {
  const view = state.ui?.view;
  const selected = view?.kind === 'rules' ? view.selected : undefined;
  return findRule(state.warden.rules.rules, selected);
}

function noRuleSelected(state: CommandState): string | undefined {
  if (selectedRuleOf(state)) return undefined;
  const view = state.ui?.view;
  return view?.kind === 'rules' && view.selected !== undefined
    ? 'the selected rule is no longer in force (the rule files changed): pick one again'
    : 'no rule selected';
}

/** `1`…`6`: one command per mode, from MODES. */
const modeCommands = MODE_NAMES.map((mode, i) =>
  command({
    id: `mode.${mode}` as const,
    keys: [{ char: String(i + 1) }],
    description: `Mode ${mode}: ${MODES[mode].description}`,
    contexts: MAIN,
    run: (ctx) => setMode(ctx, mode),
  }),
);

export const COMMANDS = [
  command({
    id: 'cursor.up',
    keys: [{ key: 'up' }, { char: 'k' }],
    description: 'Move the cursor up',
    contexts: MAIN,
    hint: 'move',
    hintKeys: '↑↓/jk',
    run: (ctx) => ctx.store.getState().moveCursor(-1),
  }),
  command({
    id: 'cursor.down',
    keys: [{ key: 'down' }, { char: 'j' }],
    description: 'Move the cursor down',
    contexts: MAIN,
    run: (ctx) => ctx.store.getState().moveCursor(1),
  }),
  command({
    id: 'cursor.first',
    keys: [{ key: 'home' }, { char: 'g' }],
    description: 'Cursor to the oldest held action',
    contexts: MAIN,
    run: (ctx) => ctx.store.getState().moveCursorTo('first'),
  }),
  command({
    id: 'cursor.last',
    keys: [{ key: 'end' }, { char: 'G' }],
    description: 'Cursor to the newest held action',
    contexts: MAIN,
    run: (ctx) => ctx.store.getState().moveCursorTo('last'),
  }),
  command({
    id: 'mark.toggle',
    keys: [{ char: ' ' }],
    description: 'Mark or unmark the cursor action',
    contexts: MAIN,
    hint: 'mark',
    run: (ctx) => ctx.store.getState().toggleMark(),
  }),
  command({
    id: 'mark.range',
    keys: [{ char: 'v' }],
    description: 'Start or end a range selection (anchor to cursor)',
    contexts: MAIN,
    hint: 'range',
    run: (ctx) => ctx.store.getState().toggleRange(),
  }),
  command({
    id: 'mark.clear',
    keys: [{ key: 'escape' }],
    description: 'Clear marks and the range',
    contexts: MAIN,
    run: (ctx) => {
      ctx.store.getState().clearMarks();
      ctx.say(undefined);
    },
  }),
  command({
    id: 'approve',
    keys: [{ char: 'a' }],
    description: 'Approve the marked actions, or the cursor one when none is marked',
    contexts: MAIN,
    hint: 'approve',
    disabled: ({ warden, args }) => (targetsOf(warden, args).length === 0 ? 'nothing to approve' : undefined),
    run: (ctx) => {
      const targets = targetsOf(ctx.store.getState(), ctx.args);
      const n = ctx.store.getState().approve(targets);
      ctx.say(`approved ${n}`);
      noteApprovals(ctx, approvedAmong(ctx, targets));
    },
  }),
  command({
    id: 'deny',
    keys: [{ char: 'd' }],
    description: 'Deny the marked actions, or the cursor one (type an optional reason for the agent)',
    contexts: MAIN,
    hint: 'deny',
    disabled: ({ warden, args }) => (targetsOf(warden, args).length === 0 ? 'nothing to deny' : undefined),
    run: (ctx) => {
      const targets = targetsOf(ctx.store.getState(), ctx.args);
      // With a view and no reason given, ask the person for one; otherwise deny now.
      if (ctx.ui && ctx.args.reason === undefined) {
        ctx.ui.setState({ view: { kind: 'deny-reason', text: '', targets } });
        ctx.say(undefined);
        return;
      }
      ctx.say(`denied ${ctx.store.getState().deny(targets, ctx.args.reason ?? '')}`);
    },
  }),
  command({
    id: 'approve.all',
    keys: [{ char: 'A' }],
    description: 'Approve every held action (asks y/n first)',
    contexts: MAIN,
    hint: 'all',
    disabled: ({ warden }) => (warden.held.length === 0 ? 'nothing is held' : undefined),
    run: (ctx) => {
      // The terminal asks y/n first (confirm.yes approves); a caller without views confirmed itself.
      if (ctx.ui) ctx.ui.setState({ view: { kind: 'confirm-approve-all' } });
      else approveAll(ctx);
    },
  }),
  command({
    id: 'approve.similar',
    keys: [{ char: 's' }],
    description: 'Approve the cursor action and every held one like it (same suggested rule)',
    contexts: MAIN,
    hint: 'similar',
    disabled: ({ warden, args }) =>
      referenceAction(warden, args) === undefined ? 'no action under the cursor' : undefined,
    run: (ctx) => {
      const s = ctx.store.getState();
      const held = [...s.held];
      const reference = referenceAction(s, ctx.args)!;
      const rule = ctx.deps.suggestRule(reference);
      const n = s.approveWhere(
        (action) => action.id === reference.id || safeCovers(ctx.deps, rule, action),
        `approved by the user (like ${rule})`,
      );
      ctx.say(`approved ${n} like ${rule}`);
      noteApprovals(ctx, approvedAmong(ctx, held));
    },
  }),
  command({
    id: 'offer.accept',
    keys: [{ char: 'o' }],
    description: 'Accept the offered rule: allow what you kept approving, for this session',
    contexts: MAIN,
    disabled: ({ warden }) => (warden.offers.offer === undefined ? 'no rule is offered' : undefined),
    run: (ctx) => {
      const s = ctx.store.getState();
      const offer = s.offers.offer!;
      const heldBefore = s.held.length;
      s.setOffers(closeOffer(s.offers, 'accepted'));
      s.addSessionRule({
        effect: 'allow',
        text: offer.rule,
        source: { origin: 'session', note: `offered after ${offer.approvals} approvals` },
      });
      const settled = heldBefore - ctx.store.getState().held.length;
      ctx.say(`allow ${offer.rule} (session) in force${settled > 0 ? `; it settled ${settled} held` : ''}`);
    },
  }),
  command({
    id: 'offer.dismiss',
    keys: [{ char: 'x' }],
    description: 'Dismiss the offered rule (not asked again this session)',
    contexts: MAIN,
    disabled: ({ warden }) => (warden.offers.offer === undefined ? 'no rule is offered' : undefined),
    run: (ctx) => {
      const s = ctx.store.getState();
      const rule = s.offers.offer!.rule;
      s.setOffers(closeOffer(s.offers, 'dismissed'));
      ctx.say(`not offering ${rule} again this session`);
    },
  }),
  command({
    id: 'mode.cycle',
    keys: [{ key: 'tab', shift: true }],
    description: `Cycle modes (${MODE_NAMES.join(', ')})`,
    contexts: MAIN,
    hint: 'mode',
    run: (ctx) => {
      ctx.store.getState().cycleMode();
      ctx.say(`mode ${ctx.store.getState().mode}`);
    },
  }),
  ...modeCommands,
  command({
    id: 'pause',
    keys: [{ char: 'p' }],
    description: 'Pause (panic button): hold everything',
    contexts: MAIN,
    hint: 'pause',
    run: (ctx) => setMode(ctx, 'pause'),
  }),
  command({
    id: 'rules.open',
    keys: [{ char: 'r' }],
    description: 'Open the rules view (every rule in force, with its source and rule-health mark)',
    contexts: MAIN,
    hint: 'rules',
    needsView: true,
    run: (ctx) => {
      ctx.ui?.setState({
        view: { kind: 'rules', selected: stepSelection(ctx.store.getState().rules.rules, undefined, 0) },
      });
      ctx.say(undefined);
    },
  }),
  command({
    id: 'rule.propose',
    keys: [{ char: 'R' }],
    description: 'Propose a rule from the cursor action (edit, pick effect and scope)',
    contexts: MAIN,
    hint: 'new rule',
    needsView: true,
    disabled: ({ warden, args }) =>
      referenceAction(warden, args) === undefined
        ? 'no action under the cursor to make a rule from'
        : undefined,
    run: (ctx) => {
      const action = referenceAction(ctx.store.getState(), ctx.args)!;
      const { choices, initial } = ctx.deps.ruleChoices?.(action) ?? {
        choices: [ctx.deps.suggestRule(action)],
        initial: 0,
      };
      ctx.ui?.setState({
        view: {
          kind: 'rule-editor',
          text: choices[initial] ?? '',
          effect: 'allow',
          scope: 'session',
          choices,
          choice: initial,
          replacing: undefined,
        },
      });
      ctx.say(undefined);
    },
  }),
  command({
    id: 'rule.add',
    keys: [],
    description: 'Put a rule in force (args: effect, text, scope)',
    contexts: [],
    disabled: ({ args }) =>
      args.rule === undefined
        ? 'no rule given'
        : args.rule.text.trim() === ''
          ? 'the rule is empty'
          : undefined,
    run: (ctx) => addRuleInForce(ctx, ctx.args.rule!),
  }),
  command({
    id: 'filter',
    keys: [{ char: '/' }],
    description: 'Filter the held queue by text',
    contexts: MAIN,
    hint: 'filter',
    needsView: true,
    run: (ctx) => {
      const filter = ctx.store.getState().filter;
      ctx.ui?.setState({ view: { kind: 'filter', text: filter, before: filter } });
    },
  }),
  command({
    id: 'session.next',
    keys: [{ key: 'tab' }],
    description: 'Show the next session only (then all)',
    contexts: MAIN,
    hint: 'session',
    run: (ctx) => ctx.store.getState().cycleSessionFilter(),
  }),
  ...PAIR_COMMANDS,
  command({
    id: 'help',
    keys: [{ char: '?' }],
    description: 'Show every key',
    contexts: MAIN,
    hint: 'help',
    terminalOnly: true,
    run: (ctx) => ctx.ui?.setState({ view: { kind: 'help' } }),
  }),
  command({
    id: 'quit',
    keys: [{ char: 'q' }],
    description: 'Quit (held actions are answered ask, after a prompt)',
    contexts: MAIN,
    hint: 'quit',
    terminalOnly: true,
    run: (ctx) => {
      if (ctx.store.getState().held.length > 0) ctx.ui?.setState({ view: { kind: 'confirm-quit' } });
      else quit(ctx);
    },
  }),
  command({
    id: 'quit.now',
    keys: [{ char: 'c', ctrl: true }],
    description: 'Quit at once (held actions are answered ask)',
    contexts: EVERYWHERE,
    terminalOnly: true,
    run: quit,
  }),
  command({
    id: 'text.submit',
    keys: [{ key: 'return' }],
    description: 'Confirm the text',
    contexts: TEXT,
    hint: 'confirm',
    needsView: true,
    disabled: ({ ui }) => {
      const view = ui?.view;
      if (view?.kind !== 'rule-editor') return undefined;
      if (ui?.busy) return 'a rule is being written';
      return view.text.trim() === '' ? 'the rule is empty' : undefined;
    },
    run: async (ctx) => {
      const { ui, store } = ctx;
      const view = ui?.getState().view;
      if (!ui || !view) return;
      if (view.kind === 'deny-reason') {
        const n = store.getState().deny(view.targets, view.text);
        ui.setState({ view: MAIN_VIEW });
        ctx.say(`denied ${n}`);
      } else if (view.kind === 'filter') {
        store.getState().setFilter(view.text.trim());
        ui.setState({ view: MAIN_VIEW });
      } else if (view.kind === 'rule-editor') {
        const error = await addRuleInForce(ctx, view, view.replacing);
        if (error !== undefined) return error;
        // Back where the editor came from; a changed rule stays selected under its new identity.
        const text = view.text.trim();
        const added = store
          .getState()
          .rules.rules.find((r) => r.effect === view.effect && r.text === text && scopeOf(r) === view.scope);
        ui.setState({
          view: view.replacing ? { kind: 'rules', selected: added && ruleKey(added) } : MAIN_VIEW,
        });
      }
      return undefined;
    },
  }),
  command({
    id: 'text.cancel',
    keys: [{ key: 'escape' }],
    description: 'Cancel',
    contexts: TEXT,
    hint: 'cancel',
    needsView: true,
    run: (ctx) => {
      const view = ctx.ui?.getState().view;
      if (view?.kind === 'filter') ctx.store.getState().setFilter(view.before);
      ctx.ui?.setState({
        view:
          view?.kind === 'rule-editor' && view.replacing
            ? { kind: 'rules', selected: ruleKey(view.replacing) }
            : MAIN_VIEW,
      });
    },
  }),
  command({
    id: 'text.delete',
    keys: [{ key: 'backspace' }],
    description: 'Delete the last character',
    contexts: TEXT,
    needsView: true,
    run: (ctx) => {
      if (ctx.ui) deleteFromField(ctx.ui, ctx.store);
    },
  }),
  command({
    id: 'editor.effect',
    keys: [{ key: 'tab' }],
    description: `Next effect (${EFFECTS.join(', ')})`,
    contexts: ['rule-editor'],
    hint: 'effect',
    needsView: true,
    run: (ctx) => {
      const view = ctx.ui?.getState().view;
      if (view?.kind === 'rule-editor')
        ctx.ui?.setState({ view: { ...view, effect: nextOf(EFFECTS, view.effect) } });
    },
  }),
  command({
    id: 'editor.scope',
    keys: [{ key: 'tab', shift: true }],
    description: `Next scope (${SCOPES.join(', ')})`,
    contexts: ['rule-editor'],
    hint: 'scope',
    needsView: true,
    run: (ctx) => {
      const view = ctx.ui?.getState().view;
      if (view?.kind === 'rule-editor')
        ctx.ui?.setState({ view: { ...view, scope: nextOf(SCOPES, view.scope) } });
    },
  }),
  command({
    id: 'editor.wider',
    keys: [{ key: 'down' }],
    description: 'Wider rule (command → subcommand → any arguments; file → folder → parents)',
    contexts: ['rule-editor'],
    hint: 'wider',
    needsView: true,
    run: (ctx) => stepChoice(ctx, 1),
  }),
  command({
    id: 'editor.narrower',
    keys: [{ key: 'up' }],
    description: 'Narrower rule',
    contexts: ['rule-editor'],
    hint: 'narrower',
    needsView: true,
    run: (ctx) => stepChoice(ctx, -1),
  }),
  command({
    id: 'confirm.yes',
    keys: [{ char: 'y' }, { key: 'return' }],
    description: 'Yes',
    contexts: ['confirm'],
    hint: 'yes',
    needsView: true,
    run: (ctx) => {
      const kind = ctx.ui?.getState().view.kind;
      ctx.ui?.setState({ view: MAIN_VIEW });
      if (kind === 'confirm-approve-all') approveAll(ctx);
      else if (kind === 'confirm-quit') quit(ctx);
    },
  }),
  command({
    id: 'confirm.no',
    keys: [{ char: 'n' }, { key: 'escape' }],
    description: 'No',
    contexts: ['confirm'],
    hint: 'no',
    needsView: true,
    run: (ctx) => ctx.ui?.setState({ view: MAIN_VIEW }),
  }),
  command({
    id: 'rules.up',
    keys: [{ key: 'up' }, { char: 'k' }],
    description: 'Previous rule',
    contexts: ['rules'],
    hint: 'move',
    needsView: true,
    run: (ctx) => moveRuleSelection(ctx, -1),
  }),
  command({
    id: 'rules.down',
    keys: [{ key: 'down' }, { char: 'j' }],
    description: 'Next rule',
    contexts: ['rules'],
    needsView: true,
    run: (ctx) => moveRuleSelection(ctx, 1),
  }),
  command({
    id: 'rules.remove',
    keys: [{ char: 'x' }],
    description: 'Remove the rule under the cursor',
    contexts: ['rules'],
    hint: 'remove',
    needsView: true,
    disabled: noRuleSelected,
    run: async (ctx) => {
      const rules = ctx.store.getState().rules.rules;
      const rule = selectedRuleOf({ warden: ctx.store.getState(), ui: ctx.ui?.getState(), args: ctx.args })!;
      const neighbour = neighbourKey(rules, rule);
      const error = await removeRuleInForce(ctx, rule);
      if (error !== undefined) return `could not remove ${rule.text}: ${error}`;
      const view = ctx.ui?.getState().view;
      if (view?.kind === 'rules' && view.selected === ruleKey(rule))
        ctx.ui?.setState({ view: { kind: 'rules', selected: neighbour } });
      return undefined;
    },
  }),
  command({
    id: 'rules.edit',
    keys: [{ char: 'e' }, { key: 'return' }],
    description: 'Change the rule under the cursor',
    contexts: ['rules'],
    hint: 'change',
    needsView: true,
    disabled: noRuleSelected,
    run: (ctx) => {
      const rule = selectedRuleOf({ warden: ctx.store.getState(), ui: ctx.ui?.getState(), args: ctx.args })!;
      ctx.ui?.setState({
        view: {
          kind: 'rule-editor',
          text: rule.text,
          effect: rule.effect,
          scope: scopeOf(rule),
          choices: [rule.text],
          choice: 0,
          replacing: rule,
        },
      });
      ctx.say(undefined);
    },
  }),
  command({
    id: 'overlay.close',
    keys: [{ key: 'escape' }, { char: 'q' }, { char: '?' }],
    description: 'Close this view (the pairing code stops working)',
    contexts: ['help', 'rules', 'pair'],
    hint: 'close',
    hintKeys: 'Esc',
    needsView: true,
    run: (ctx) => {
      closePairing(ctx);
      ctx.ui?.setState({ view: MAIN_VIEW });
    },
  }),
] as const;

export type CommandId = (typeof COMMANDS)[number]['id'];
export const COMMAND_IDS: readonly CommandId[] = COMMANDS.map((c) => c.id);

const BY_ID: ReadonlyMap<string, Command> = new Map(COMMANDS.map((c) => [c.id, c as Command]));

export function isCommandId(id: string): id is CommandId {
  return BY_ID.has(id);
}

export function commandById(id: CommandId): Command<CommandId> {
  return BY_ID.get(id) as Command<CommandId>;
}

function moveRuleSelection(ctx: RunContext, delta: number): void {
  const view = ctx.ui?.getState().view;
  if (view?.kind !== 'rules') return;
  ctx.ui?.setState({
    view: { kind: 'rules', selected: stepSelection(ctx.store.getState().rules.rules, view.selected, delta) },
  });
}

/** The editor's next wider (or narrower) suggestion; it stops at the ends. */
function stepChoice(ctx: RunContext, delta: number): void {
  const view = ctx.ui?.getState().view;
  if (view?.kind !== 'rule-editor' || view.choices.length === 0) return;
  const choice = Math.max(0, Math.min(view.choices.length - 1, view.choice + delta));
  if (choice === view.choice && view.text === view.choices[choice]) return;
  ctx.ui?.setState({ view: { ...view, choice, text: view.choices[choice]! } });
}

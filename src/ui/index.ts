export { attentionListener, notifySequence, titleSequence } from './attention/attention.js';
export { runCommand, whyNot } from './commands/run.js';
export { COMMAND_IDS, COMMANDS, type CommandId, isCommandId } from './commands/table.js';
export type {
  Command,
  CommandArgs,
  CommandContext,
  CommandResult,
  RuleDeps,
  TerminalPort,
} from './commands/types.js';
export { createUiStore, type UiData, type UiStore, type View } from './console/ui-state.js';
export type { ConsoleDeps, RuleProposal } from './deps.js';
export { dispatchKey } from './input/dispatch.js';
export { KEYMAP, sequenceOf } from './keymap.js';
export { type ConsoleOptions, consoleElement, renderConsole } from './render-console.js';

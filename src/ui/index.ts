export { attentionListener, notifySequence, titleSequence } from './attention/attention.js';
export { createUiStore, type UiData, type UiStore } from './console/ui-state.js';
export type { ConsoleDeps, RuleProposal } from './deps.js';
export { dispatchKey, runCommand } from './input/dispatch.js';
export { type CommandId, KEYMAP, sequenceOf } from './keymap.js';
export { type ConsoleOptions, consoleElement, renderConsole } from './render-console.js';

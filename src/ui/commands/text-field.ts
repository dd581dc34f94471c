import type { WardenStore } from '../../store/create-store.js';
import { isTextView, type UiStore } from '../console/ui-state.js';
import { replaceControl } from '../format.js';

/** Sets the open field's text; the filter applies live as it is typed. */
export function setFieldText(ui: UiStore, store: WardenStore, text: string): void {
  const view = ui.getState().view;
  if (!isTextView(view)) return;
  ui.setState({ view: { ...view, text } });
  if (view.kind === 'filter') store.getState().setFilter(text);
}

/** Types into the open field. Pasted control characters are dropped, not typed. */
export function typeIntoField(ui: UiStore, store: WardenStore, input: string): void {
  const view = ui.getState().view;
  const clean = replaceControl(input, '');
  if (!isTextView(view) || clean === '') return;
  setFieldText(ui, store, view.text + clean);
}

/** Deletes the last character (a whole code point) of the open field. */
export function deleteFromField(ui: UiStore, store: WardenStore): void {
  const view = ui.getState().view;
  if (!isTextView(view)) return;
  setFieldText(ui, store, [...view.text].slice(0, -1).join(''));
}

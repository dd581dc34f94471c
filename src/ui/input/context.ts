import type { KeyContext } from '../commands/types.js';
import type { View } from '../console/ui-state.js';

/** Which keymap context an open view puts the keyboard in. */
export function contextOf(view: View): KeyContext {
  switch (view.kind) {
    case 'main':
      return 'main';
    case 'help':
      return 'help';
    case 'rules':
      return 'rules';
    case 'rule-editor':
      return 'rule-editor';
    case 'deny-reason':
    case 'filter':
      return 'text';
    case 'pair':
      return 'pair';
    case 'confirm-approve-all':
    case 'confirm-quit':
      return 'confirm';
  }
}

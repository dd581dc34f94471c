import type { Overlay } from '../../store/types.js';
import type { KeyContext } from '../keymap.js';

/** Which keymap context an overlay puts the keyboard in. */
export function contextOf(overlay: Overlay): KeyContext {
  switch (overlay) {
    case 'none':
      return 'main';
    case 'help':
      return 'help';
    case 'rules':
      return 'rules';
    case 'rule-editor':
      return 'rule-editor';
    case 'pair':
      return 'pair';
    case 'deny-reason':
    case 'filter':
      return 'text';
    case 'confirm-approve-all':
    case 'confirm-quit':
      return 'confirm';
  }
}

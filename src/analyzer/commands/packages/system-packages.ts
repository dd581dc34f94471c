import { safe, unsure } from '../../verdicts.js';
import type { CommandJudge } from '../context.js';

/** System package managers (brew, apt, dnf, pacman, …): reading is safe; installing and removing change the machine. */

export const system =
  (tool: string): CommandJudge =>
  (args) => {
    const sub = args.find((a) => !a.value.startsWith('-'))?.value ?? '';
    if (
      sub === '' ||
      (tool === 'brew' &&
        !/^(install|uninstall|remove|rm|reinstall|upgrade|tap|untap|link|unlink|services|cleanup|autoremove|pin|unpin)$/.test(
          sub,
        ))
    )
      return safe(`${tool} ${sub}`);
    if (
      /^(list|search|info|show|policy|depends|rdepends|doctor|outdated|config|--version|desc|deps|leaves|uses|home|log|madison|-Q|-Ss|-Si)$/.test(
        sub,
      )
    )
      return safe(`${tool} ${sub}`);
    if (/^(remove|purge|autoremove|uninstall|erase|-R|-Rns|-Rs|untap|cleanup)$/.test(sub))
      return unsure('system-package-remove', `${tool} ${sub} removes software from the machine`);
    return unsure('system-package-install', `${tool} ${sub} installs software system-wide`);
  };

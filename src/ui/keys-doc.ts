import { KEYMAP, type KeyContext, keysLabel } from './keymap.js';
import { HEALTH_MARKS } from './rules-view/health-state.js';

/** What a view shows besides its keys. */
const CONTEXT_NOTES: Partial<Record<KeyContext, readonly string[]>> = {
  rules: [
    'Each rule with a rule-health finding carries a mark (the most severe one); the selected rule',
    'shows its findings below the list with their evidence. `warden doctor` prints the same findings.',
    '',
    '| Mark | Means |',
    '|---|---|',
    ...HEALTH_MARKS.map((m) => `| ${m.mark} | ${m.meaning} |`),
  ],
};

const CONTEXT_TITLES: Readonly<Record<KeyContext, string>> = {
  main: 'Main screen (held queue)',
  text: 'Text fields (deny reason, filter)',
  confirm: 'Yes/no prompts (approve all, quit)',
  help: 'Help overlay',
  rules: 'Rules view',
  'rule-editor': 'Rule editor (new or changed rule)',
  pair: 'Approval page and pairing (w)',
};

/** docs/keys.md, generated from the keymap table (npm run docs:keys; a test fails when it is stale). */
export function renderKeysDoc(): string {
  const out: string[] = [
    '# warden console keys',
    '',
    '<!-- Generated from src/ui/commands/table.ts by `npm run docs:keys`. Do not edit by hand. -->',
    '',
    'Bulk keys act on the marked actions, or on the cursor action when none is marked. Marks and',
    'the cursor follow action ids, so new arrivals never shift what you selected.',
    '',
  ];
  for (const context of Object.keys(CONTEXT_TITLES) as KeyContext[]) {
    const bindings = KEYMAP.filter((b) => b.contexts.includes(context));
    if (bindings.length === 0) continue;
    out.push(`## ${CONTEXT_TITLES[context]}`, '', '| Keys | Command | What it does |', '|---|---|---|');
    for (const b of bindings) {
      out.push(`| ${keysLabel(b).replace(/\|/g, '\\|')} | \`${b.id}\` | ${b.description} |`);
    }
    out.push('');
    const notes = CONTEXT_NOTES[context];
    if (notes) out.push(...notes, '');
  }
  out.push('In text fields every other printable key is typed into the field.', '');
  const byIdOnly = KEYMAP.filter((b) => b.keys.length === 0);
  const terminalOnly = KEYMAP.filter((b) => b.terminalOnly).map((b) => `\`${b.id}\``);
  out.push(
    '## Commands by id',
    '',
    'Every command above can also be run by id (`runCommand(id, context, args)` in src/ui/commands/run.ts)',
    `without the terminal, except ${terminalOnly.join(', ')}; the ones that open a view need a UI store.`,
    'These have no key:',
    '',
    '| Command | What it does |',
    '|---|---|',
    ...byIdOnly.map((b) => `| \`${b.id}\` | ${b.description} |`),
    '',
  );
  return out.join('\n');
}

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderKeysDoc } from './keys-doc.js';

/** `npm run docs:keys`: writes docs/keys.md from the keymap. */
const target = path.resolve(process.argv[2] ?? 'docs/keys.md');
writeFileSync(target, renderKeysDoc());
process.stdout.write(`wrote ${target}\n`);

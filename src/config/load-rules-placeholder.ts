import fs from 'node:fs';
import path from 'node:path';
import type { Rule, RuleEffect } from '../domain/rule.js';

/** PLACEHOLDER until src/config/rule-files.ts lands: reads $WARDEN_HOME/rules.json only. */
export function loadRulesPlaceholder(home: string): { rules: Rule[]; errors: string[] } {
  const file = path.join(home, 'rules.json');
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as { permissions?: Record<string, unknown> };
    const rules: Rule[] = [];
    for (const effect of ['deny', 'ask', 'allow'] as RuleEffect[]) {
      const list = value.permissions?.[effect];
      if (Array.isArray(list))
        for (const text of list)
          if (typeof text === 'string') rules.push({ effect, text, source: { origin: 'warden-user', file } });
    }
    return { rules, errors: [] };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { rules: [], errors: [] };
    return { rules: [], errors: [`${file}: ${(error as Error).message}`] };
  }
}

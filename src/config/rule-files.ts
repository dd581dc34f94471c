import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Rule, RuleEffect, RuleOrigin, RuleScope } from '../domain/rule.js';
import { readJsonObject, writeJsonObject } from '../install/json-file.js';
import { parseRule } from '../policy/rules/index.js';
import { describeJsonError } from './json-error.js';

/** Where rules live: the agent's settings (user, project, local) and warden's own (user, project). */
export interface RuleFile {
  readonly file: string;
  readonly origin: RuleOrigin;
  /** Set for a project's files: their rules apply to that project only. */
  readonly projectRoot?: string;
}

export interface RuleLocations {
  readonly wardenHome: string;
  /** Claude Code's config dir (CLAUDE_CONFIG_DIR or ~/.claude). */
  readonly claudeConfigDir: string;
}

export function userRuleFiles(at: RuleLocations): RuleFile[] {
  return [
    { file: path.join(at.claudeConfigDir, 'settings.json'), origin: 'claude-user' },
    { file: path.join(at.wardenHome, 'rules.json'), origin: 'warden-user' },
  ];
}

export function projectRuleFiles(projectRoot: string): RuleFile[] {
  return [
    { file: path.join(projectRoot, '.claude', 'settings.json'), origin: 'claude-project', projectRoot },
    { file: path.join(projectRoot, '.claude', 'settings.local.json'), origin: 'claude-local', projectRoot },
    { file: path.join(projectRoot, '.warden', 'rules.json'), origin: 'warden-project', projectRoot },
  ];
}

const permissionsSchema = z
  .object({
    permissions: z
      .object({
        allow: z.array(z.string()).optional(),
        ask: z.array(z.string()).optional(),
        deny: z.array(z.string()).optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

export type RuleFileRead =
  | { readonly rules: Rule[]; readonly error?: undefined }
  | { readonly rules?: undefined; readonly error: string };

/** Reads one file's rules; a missing file has none; anything wrong is an error naming file and line. */
export function readRuleFile(where: RuleFile): RuleFileRead {
  let text: string;
  try {
    text = fs.readFileSync(where.file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { rules: [] };
    return { error: `${where.file}: ${(error as Error).message}` };
  }
  if (text.trim() === '') return { rules: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const { line, reason } = describeJsonError(text);
    return { error: `${where.file}:${line}: not valid JSON (${reason})` };
  }
  const parsed = permissionsSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.join('.');
    const index = text.indexOf(`"${String(issue.path[1] ?? issue.path[0] ?? 'permissions')}"`);
    return {
      error: `${where.file}${index >= 0 ? `:${lineAt(text, index)}` : ''}: ${key || 'file'}: ${issue.message}`,
    };
  }
  const rules: Rule[] = [];
  let searchFrom = 0;
  for (const effect of ['deny', 'ask', 'allow'] as const) {
    for (const ruleText of parsed.data.permissions?.[effect] ?? []) {
      const at = text.indexOf(JSON.stringify(ruleText), searchFrom);
      const line = at >= 0 ? lineAt(text, at) : undefined;
      const check = parseRule(ruleText);
      if (!check.ok) return { error: `${where.file}${line ? `:${line}` : ''}: ${check.error}` };
      rules.push({
        effect,
        text: ruleText.trim(),
        source: {
          origin: where.origin,
          file: where.file,
          ...(line !== undefined && { line }),
          ...(where.projectRoot !== undefined && { projectRoot: where.projectRoot }),
        },
      });
    }
    searchFrom = 0;
  }
  return { rules };
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/**
 * Reads every rule file, keeping the last good rules of a file that has since broken (its error
 * is reported, its old rules stay in force).
 */
export class RuleLoader {
  private readonly lastGood = new Map<string, Rule[]>();

  constructor(private readonly at: RuleLocations) {}

  files(projectRoots: Iterable<string>): RuleFile[] {
    const seen = new Set<string>();
    const out: RuleFile[] = [];
    for (const f of [...userRuleFiles(this.at), ...[...projectRoots].flatMap(projectRuleFiles)]) {
      if (seen.has(f.file)) continue;
      seen.add(f.file);
      out.push(f);
    }
    return out;
  }

  load(projectRoots: Iterable<string>): { rules: Rule[]; errors: string[] } {
    const rules: Rule[] = [];
    const errors: string[] = [];
    for (const where of this.files(projectRoots)) {
      const read = readRuleFile(where);
      if (read.error !== undefined) {
        const kept = this.lastGood.get(where.file);
        errors.push(`${read.error}${kept ? ` (its last good ${kept.length} rules stay in force)` : ''}`);
        if (kept) rules.push(...kept);
        continue;
      }
      this.lastGood.set(where.file, read.rules);
      rules.push(...read.rules);
    }
    return { rules, errors };
  }
}

/** The file a console-added rule of a scope is written to (session rules live in memory only). */
export function scopeFile(
  scope: Exclude<RuleScope, 'session'>,
  at: RuleLocations,
  projectRoot: string,
): RuleFile {
  return scope === 'user'
    ? { file: path.join(at.wardenHome, 'rules.json'), origin: 'warden-user' }
    : { file: path.join(projectRoot, '.warden', 'rules.json'), origin: 'warden-project', projectRoot };
}

/** Adds a rule to a file's permissions (once), atomically, keeping everything else in it. */
export function addRuleToFile(file: string, effect: RuleEffect, text: string): void {
  const check = parseRule(text);
  if (!check.ok) throw new Error(check.error);
  const settings = readJsonObject(file);
  const permissions = { ...((settings.permissions as Record<string, unknown> | undefined) ?? {}) };
  const list = Array.isArray(permissions[effect]) ? [...(permissions[effect] as unknown[])] : [];
  if (!list.includes(text)) list.push(text);
  permissions[effect] = list;
  writeJsonObject(file, { ...settings, permissions });
}

/** Removes a rule from its file; true when it was there. */
export function removeRuleFromFile(file: string, effect: RuleEffect, text: string): boolean {
  const settings = readJsonObject(file);
  const permissions = { ...((settings.permissions as Record<string, unknown> | undefined) ?? {}) };
  const list = Array.isArray(permissions[effect]) ? (permissions[effect] as unknown[]) : [];
  const kept = list.filter((r) => typeof r !== 'string' || r.trim() !== text.trim());
  if (kept.length === list.length) return false;
  permissions[effect] = kept;
  writeJsonObject(file, { ...settings, permissions });
  return true;
}

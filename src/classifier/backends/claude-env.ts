import fs from 'node:fs';
import path from 'node:path';

/**
 * The environment as Claude Code sees it: the `env` block of the user's Claude Code settings
 * (where companies put CLAUDE_CODE_USE_BEDROCK, AWS_REGION and the like), under the process
 * environment. Only the user's own settings file: project settings are the agent's to write.
 */
export function claudeCodeEnv(
  claudeConfigDir: string,
  processEnv: NodeJS.ProcessEnv,
): Record<string, string | undefined> {
  return { ...settingsEnv(path.join(claudeConfigDir, 'settings.json')), ...processEnv };
}

function settingsEnv(file: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
  const env = (value as { env?: unknown } | null)?.env;
  if (!env || typeof env !== 'object' || Array.isArray(env)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env))
    if (typeof v === 'string' && /^[A-Z_][A-Z0-9_]*$/.test(k)) out[k] = v;
  return out;
}

/** An executable by path, or by name on PATH (sync: runs once at start-up). */
export function findExecutable(nameOrPath: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates =
    nameOrPath.includes('/') || nameOrPath.includes(path.sep)
      ? [path.resolve(nameOrPath)]
      : (env.PATH ?? '')
          .split(path.delimiter)
          .filter(Boolean)
          .map((dir) => path.join(dir, nameOrPath));
  for (const file of candidates) {
    try {
      if (!fs.statSync(file).isFile()) continue;
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // next
    }
  }
  return undefined;
}

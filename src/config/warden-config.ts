import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BACKEND_CHOICES } from '../classifier/backends/select.js';
import { MODE_NAMES } from '../domain/mode.js';

/** $WARDEN_HOME/config.json: optional; every field has a default. */
export const wardenConfigSchema = z
  .object({
    /** The mode to start in when `--mode` is not given (default auto). */
    mode: z.enum(MODE_NAMES).optional(),
    classifier: z
      .object({
        /** auto (default), anthropic, bedrock, vertex, claude-code or off. */
        backend: z.enum(BACKEND_CHOICES).optional(),
        apiKey: z.string().min(1).optional(),
        baseURL: z.string().url().optional(),
        model: z.string().min(1).optional(),
        reasoningModel: z.string().min(1).optional(),
        deadlineMs: z.number().int().min(500).max(120_000).optional(),
        maxConcurrent: z.number().int().min(1).max(32).optional(),
        enabled: z.boolean().optional(),
        /** The claude CLI for the claude-code backend (default: claude on PATH). */
        claudePath: z.string().min(1).optional(),
        /** claude-code backend: CLI runs at once, at most (default 3). */
        pool: z.number().int().min(1).max(8).optional(),
        /** Bedrock's AWS region or Vertex's region (default: AWS_REGION / CLOUD_ML_REGION). */
        region: z.string().min(1).optional(),
        /** Vertex project (default: ANTHROPIC_VERTEX_PROJECT_ID, else the credentials'). */
        projectId: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    environment: z
      .object({
        trustedDomains: z.array(z.string()).optional(),
        orgs: z.array(z.string()).optional(),
        buckets: z.array(z.string()).optional(),
        notes: z.string().optional(),
      })
      .strict()
      .optional(),
    /** Approvals sharing a proposed rule before the console offers it for the session (0: never; default 3). */
    offerRuleAfter: z.number().int().min(0).max(1000).optional(),
    notifications: z
      .object({
        bell: z.boolean().optional(),
        desktop: z.boolean().optional(),
        title: z.boolean().optional(),
        /** Which desktop-notification escape to use; auto picks from TERM_PROGRAM / TERM. */
        terminal: z.enum(['auto', 'osc9', 'osc99', 'osc777', 'bell']).optional(),
      })
      .strict()
      .optional(),
    /** The approval page (a second listener; loopback unless `listen` names another address). */
    web: z
      .object({
        enabled: z.boolean().optional(),
        listen: z.string().min(1).optional(),
        port: z.number().int().min(0).max(65535).optional(),
      })
      .strict()
      .optional(),
    /** Notice when away: POST a short notice when an action waits with no key pressed. */
    notices: z
      .object({
        url: z.string().url(),
        afterSeconds: z.number().int().min(5).max(86_400).optional(),
        format: z.enum(['ntfy', 'json']).optional(),
        includeCommand: z.boolean().optional(),
        retries: z.number().int().min(0).max(10).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type WardenConfig = z.infer<typeof wardenConfigSchema>;

export function configFile(home: string): string {
  return path.join(home, 'config.json');
}

/**
 * Reads the config. A missing file is the defaults; a broken one is the defaults plus an error
 * naming the file and line, so warden still starts (and says so).
 */
export function loadWardenConfig(home: string): { config: WardenConfig; error?: string } {
  const file = configFile(home);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { config: {} };
    return { config: {}, error: `${file}: ${(error as Error).message}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const line = at ? text.slice(0, Number(at[1])).split('\n').length : undefined;
    return {
      config: {},
      error: `${file}${line ? `:${line}` : ''}: not valid JSON (${message}); using defaults`,
    };
  }
  const parsed = wardenConfigSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.join('.') || '(top level)';
    const line = lineOfKey(text, String(issue.path[issue.path.length - 1] ?? ''));
    return {
      config: {},
      error: `${file}${line ? `:${line}` : ''}: ${key}: ${issue.message}; using defaults`,
    };
  }
  return { config: parsed.data };
}

function lineOfKey(text: string, key: string): number | undefined {
  if (!key) return undefined;
  const index = text.indexOf(`"${key}"`);
  return index < 0 ? undefined : text.slice(0, index).split('\n').length;
}

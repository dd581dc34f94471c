import { BACKEND_NAMES, type BackendName } from '../transport.js';
import { BEDROCK_PACKAGE, VERTEX_PACKAGE } from './cloud.js';

/**
 * Which backend the classifier uses, and why: pure, so every environment can be tested. `auto` tries
 * them in order: the Anthropic API (a key or a gateway token), Bedrock and Vertex (when Claude Code
 * is set up for them and Anthropic's SDK package is installed), then the person's own `claude` CLI.
 */

export const BACKEND_CHOICES = ['auto', ...BACKEND_NAMES, 'off'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export function isBackendChoice(value: string): value is BackendChoice {
  return (BACKEND_CHOICES as readonly string[]).includes(value);
}

export interface SelectProbes {
  hasPackage(name: string): boolean;
  /** The absolute path of an executable (a name looked up on PATH, or a path), or undefined. */
  findExecutable(nameOrPath: string): string | undefined;
}

export interface SelectInput {
  readonly requested: BackendChoice;
  /** The environment as Claude Code sees it (process env over the user settings' `env`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly configApiKey?: string | undefined;
  /** classifier.claudePath, else `claude` on PATH. */
  readonly claudePath?: string | undefined;
  readonly probes: SelectProbes;
}

export type Selection =
  | {
      readonly backend: BackendName;
      readonly why: string;
      readonly skipped: readonly string[];
      readonly claude?: string;
    }
  | { readonly backend: 'off'; readonly why: string; readonly skipped: readonly string[] };

const ON = /^(1|true|yes|on)$/i;

export function isOn(value: string | undefined): boolean {
  return value !== undefined && ON.test(value.trim());
}

export function selectBackend(input: SelectInput): Selection {
  const { env, probes } = input;
  const skipped: string[] = [];
  const key = input.configApiKey?.trim() || env.ANTHROPIC_API_KEY?.trim();
  const token = env.ANTHROPIC_AUTH_TOKEN?.trim();

  const anthropic = (): Selection | string => {
    if (!key && !token) return 'no ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN or classifier.apiKey';
    const source = env.ANTHROPIC_API_KEY?.trim()
      ? 'ANTHROPIC_API_KEY'
      : input.configApiKey?.trim()
        ? 'classifier.apiKey'
        : 'ANTHROPIC_AUTH_TOKEN';
    const gateway = env.ANTHROPIC_BASE_URL?.trim() ? ` via ${hostOf(env.ANTHROPIC_BASE_URL)}` : '';
    return { backend: 'anthropic', why: `${source} is set${gateway}`, skipped };
  };
  const cloud = (backend: 'bedrock' | 'vertex', explicit: boolean): Selection | string => {
    const flag = backend === 'bedrock' ? 'CLAUDE_CODE_USE_BEDROCK' : 'CLAUDE_CODE_USE_VERTEX';
    const pkg = backend === 'bedrock' ? BEDROCK_PACKAGE : VERTEX_PACKAGE;
    if (!explicit && !isOn(env[flag])) return `${flag} is not set`;
    if (!probes.hasPackage(pkg)) return `${backend} needs ${pkg} (npm install -g ${pkg})`;
    const where =
      backend === 'bedrock'
        ? `AWS region ${env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1'}`
        : `project ${env.ANTHROPIC_VERTEX_PROJECT_ID || 'from Google credentials'}`;
    return { backend, why: `${explicit ? 'chosen' : `${flag} is set`} (${where})`, skipped };
  };
  const claudeCode = (): Selection | string => {
    const wanted = input.claudePath?.trim() || 'claude';
    const found = probes.findExecutable(wanted);
    if (!found) return `no claude CLI (${wanted}) found${input.claudePath ? '' : ' on PATH'}`;
    return {
      backend: 'claude-code',
      why: `Claude Code's own login (${found}); each check uses your Claude plan`,
      skipped,
      claude: found,
    };
  };

  const attempt = (backend: BackendName, explicit: boolean) =>
    backend === 'anthropic'
      ? anthropic()
      : backend === 'claude-code'
        ? claudeCode()
        : cloud(backend, explicit);

  if (input.requested === 'off') return { backend: 'off', why: 'turned off in config', skipped };
  if (input.requested !== 'auto') {
    const picked = attempt(input.requested, true);
    return typeof picked === 'string'
      ? { backend: 'off', why: `${input.requested}: ${picked}`, skipped }
      : { ...picked, why: `${picked.why} (classifier.backend)` };
  }
  for (const backend of BACKEND_NAMES) {
    const picked = attempt(backend, false);
    if (typeof picked !== 'string') return { ...picked, why: `auto: ${picked.why}` };
    // Say why a backend the person is set up for was passed over.
    const expected =
      /is not set$|^no ANTHROPIC_API_KEY/.test(picked) || (backend === 'claude-code' && !input.claudePath);
    if (!expected) skipped.push(picked);
  }
  return {
    backend: 'off',
    why: `no backend: no API key or gateway token, no Bedrock/Vertex setup, no claude CLI${input.claudePath ? '' : ' on PATH'}${skipped.length ? `; ${skipped.join('; ')}` : ''}`,
    skipped,
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'ANTHROPIC_BASE_URL';
  }
}

import type { Classifier } from '../../domain/classification.js';
import {
  type ClassifierOptions,
  createClassifier,
  DEFAULT_DEADLINE_MS,
  DEFAULT_MODEL,
  offClassifier,
} from '../client.js';
import type { EnvironmentDescription } from '../prompt.js';
import type { MessagesTransport } from '../transport.js';
import { anthropicTransport, parseCustomHeaders } from './anthropic.js';
import {
  CLAUDE_CODE_DEFAULT_DEADLINE_MS,
  CLAUDE_CODE_DEFAULT_MODEL,
  claudeCodeTransport,
  DEFAULT_POOL,
} from './claude-code.js';
import {
  bedrockModel,
  bedrockTransport,
  VERTEX_DEFAULT_REGION,
  VERTEX_MODEL,
  vertexTransport,
} from './cloud.js';
import { type BackendChoice, isOn, type Selection, type SelectProbes, selectBackend } from './select.js';

/** The classifier part of warden's config.json (see src/config/warden-config.ts). */
export interface ClassifierConfig {
  readonly backend?: BackendChoice | undefined;
  readonly apiKey?: string | undefined;
  readonly baseURL?: string | undefined;
  readonly model?: string | undefined;
  readonly reasoningModel?: string | undefined;
  readonly deadlineMs?: number | undefined;
  readonly maxConcurrent?: number | undefined;
  readonly enabled?: boolean | undefined;
  readonly claudePath?: string | undefined;
  readonly pool?: number | undefined;
  readonly region?: string | undefined;
  readonly projectId?: string | undefined;
}

export interface BuildInput {
  readonly config: ClassifierConfig;
  /** The environment as Claude Code sees it (claudeCodeEnv). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly environment: EnvironmentDescription;
  readonly probes: SelectProbes;
  /** `--classifier` on the command line: beats config.json. */
  readonly override?: BackendChoice | undefined;
  /** The claude-code backend's child environment (default process.env). */
  readonly processEnv?: NodeJS.ProcessEnv;
  /** Wraps the backend (eval's recorder). */
  readonly wrap?: (transport: MessagesTransport) => MessagesTransport;
}

export interface BuiltClassifier {
  readonly classifier: Classifier;
  readonly selection: Selection;
}

/** Picks the backend and builds the one classifier every backend shares (prompt, screen, cache, deadline). */
export function buildClassifier(input: BuildInput): BuiltClassifier {
  const c = input.config;
  const requested: BackendChoice = input.override ?? (c.enabled === false ? 'off' : (c.backend ?? 'auto'));
  const selection = selectBackend({
    requested,
    env: input.env,
    configApiKey: c.apiKey,
    claudePath: c.claudePath,
    probes: input.probes,
  });
  if (selection.backend === 'off') return { classifier: offClassifier(selection.why), selection };

  const env = input.env;
  const backend = selection.backend;
  const deadlineMs =
    c.deadlineMs ?? (backend === 'claude-code' ? CLAUDE_CODE_DEFAULT_DEADLINE_MS : DEFAULT_DEADLINE_MS);
  const region = c.region;
  let transport: MessagesTransport;
  let model: string;
  let maxConcurrent = c.maxConcurrent;
  try {
    switch (backend) {
      case 'anthropic': {
        const apiKey = env.ANTHROPIC_API_KEY?.trim() || c.apiKey;
        transport = anthropicTransport({
          apiKey,
          authToken: apiKey ? undefined : env.ANTHROPIC_AUTH_TOKEN?.trim(),
          baseURL: c.baseURL ?? (env.ANTHROPIC_BASE_URL?.trim() || undefined),
          headers: parseCustomHeaders(env.ANTHROPIC_CUSTOM_HEADERS),
          timeoutMs: deadlineMs,
        });
        model = env.ANTHROPIC_DEFAULT_HAIKU_MODEL?.trim() || DEFAULT_MODEL;
        break;
      }
      case 'bedrock': {
        const awsRegion =
          region ||
          env.ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION ||
          env.AWS_REGION ||
          env.AWS_DEFAULT_REGION ||
          'us-east-1';
        transport = bedrockTransport({
          region: awsRegion,
          baseURL: env.ANTHROPIC_BEDROCK_BASE_URL?.trim() || undefined,
          bearerToken: env.AWS_BEARER_TOKEN_BEDROCK?.trim() || undefined,
          ...(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
            ? {
                keys: {
                  accessKeyId: env.AWS_ACCESS_KEY_ID,
                  secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
                  sessionToken: env.AWS_SESSION_TOKEN,
                },
              }
            : {}),
          skipAuth: isOn(env.CLAUDE_CODE_SKIP_BEDROCK_AUTH),
          timeoutMs: deadlineMs,
        });
        model = env.ANTHROPIC_DEFAULT_HAIKU_MODEL?.trim() || bedrockModel(awsRegion);
        break;
      }
      case 'vertex':
        transport = vertexTransport({
          region:
            region || env.VERTEX_REGION_CLAUDE_HAIKU_4_5 || env.CLOUD_ML_REGION || VERTEX_DEFAULT_REGION,
          projectId: c.projectId || env.ANTHROPIC_VERTEX_PROJECT_ID || undefined,
          baseURL: env.ANTHROPIC_VERTEX_BASE_URL?.trim() || undefined,
          skipAuth: isOn(env.CLAUDE_CODE_SKIP_VERTEX_AUTH),
          timeoutMs: deadlineMs,
        });
        model = env.ANTHROPIC_DEFAULT_HAIKU_MODEL?.trim() || VERTEX_MODEL;
        break;
      default: {
        const pool = c.pool ?? DEFAULT_POOL;
        transport = claudeCodeTransport({
          command: selection.claude ?? c.claudePath ?? 'claude',
          pool,
          ...(input.processEnv && { env: input.processEnv }),
        });
        model = CLAUDE_CODE_DEFAULT_MODEL;
        maxConcurrent ??= pool;
        break;
      }
    }
  } catch (error) {
    const why = `${backend} could not start (${error instanceof Error ? error.message : String(error)})`;
    return { classifier: offClassifier(why), selection: { backend: 'off', why, skipped: selection.skipped } };
  }
  const screen = c.model ?? model;
  const options: ClassifierOptions = {
    transport: input.wrap ? input.wrap(transport) : transport,
    label: `${backend} (${selection.why})`,
    models: { screen, verdict: c.reasoningModel ?? screen },
    deadlineMs,
    ...(maxConcurrent !== undefined && { maxConcurrent }),
    environment: input.environment,
  };
  return { classifier: createClassifier(options), selection };
}

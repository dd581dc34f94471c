import { createRequire } from 'node:module';
import type { MessagesTransport } from '../transport.js';
import { type MessagesClient, sdkTransport } from './anthropic.js';

/**
 * Bedrock and Vertex through Anthropic's own SDK packages. They are optional peer dependencies
 * (the AWS and Google client trees are large), loaded on the first call; `hasPackage` lets
 * backend selection say "not installed" before anything is loaded.
 */

export const BEDROCK_PACKAGE = '@anthropic-ai/bedrock-sdk';
export const VERTEX_PACKAGE = '@anthropic-ai/vertex-sdk';

const require = createRequire(import.meta.url);

export function hasPackage(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

export interface BedrockSettings {
  readonly region: string;
  /** ANTHROPIC_BEDROCK_BASE_URL: a gateway or a test double; else the SDK's regional endpoint. */
  readonly baseURL?: string | undefined;
  /** AWS_BEARER_TOKEN_BEDROCK (Bedrock API keys); else SigV4 from the AWS credential chain. */
  readonly bearerToken?: string | undefined;
  /** AWS keys from the environment (else the SDK's AWS credential chain: profiles, SSO, roles). */
  readonly keys?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined };
  /** CLAUDE_CODE_SKIP_BEDROCK_AUTH: a gateway signs the requests. */
  readonly skipAuth?: boolean;
  readonly timeoutMs: number;
}

export function bedrockTransport(settings: BedrockSettings): MessagesTransport {
  const client = import(BEDROCK_PACKAGE).then(
    (m: { AnthropicBedrock: new (o: object) => MessagesClient }) => {
      return new m.AnthropicBedrock({
        awsRegion: settings.region,
        ...(settings.baseURL && { baseURL: settings.baseURL }),
        ...(settings.bearerToken && { apiKey: settings.bearerToken }),
        ...(!settings.bearerToken &&
          settings.keys && {
            awsAccessKey: settings.keys.accessKeyId,
            awsSecretKey: settings.keys.secretAccessKey,
            ...(settings.keys.sessionToken && { awsSessionToken: settings.keys.sessionToken }),
          }),
        ...(settings.skipAuth && { skipAuth: true }),
        maxRetries: 0,
        timeout: Math.ceil(settings.timeoutMs),
      });
    },
  );
  client.catch(() => {}); // reported by the first call
  return sdkTransport('bedrock', client);
}

export interface VertexSettings {
  readonly region: string;
  /** ANTHROPIC_VERTEX_PROJECT_ID; else the project of the Google credentials. */
  readonly projectId?: string | undefined;
  readonly baseURL?: string | undefined;
  /** CLAUDE_CODE_SKIP_VERTEX_AUTH: a gateway adds the credentials. */
  readonly skipAuth?: boolean;
  readonly timeoutMs: number;
}

export function vertexTransport(settings: VertexSettings): MessagesTransport {
  const client = import(VERTEX_PACKAGE).then((m: { AnthropicVertex: new (o: object) => MessagesClient }) => {
    return new m.AnthropicVertex({
      region: settings.region,
      ...(settings.projectId && { projectId: settings.projectId }),
      ...(settings.baseURL && { baseURL: settings.baseURL }),
      // Without Google auth, the SDK takes an auth client that adds no headers.
      ...(settings.skipAuth && { authClient: { getRequestHeaders: async () => new Headers() } }),
      maxRetries: 0,
      timeout: Math.ceil(settings.timeoutMs),
    });
  });
  client.catch(() => {});
  return sdkTransport('vertex', client);
}

/**
 * The Haiku-class model id each platform uses (the ids Claude Code 2.1 uses): Bedrock's
 * cross-region inference profile for the region's geography, Vertex's `@date` form.
 */
export function bedrockModel(region: string): string {
  const geo = /^(us|ca)-/.test(region)
    ? 'us'
    : /^eu-/.test(region)
      ? 'eu'
      : /^ap-/.test(region)
        ? 'apac'
        : 'global';
  return `${geo}.anthropic.claude-haiku-4-5-20251001-v1:0`;
}

export const VERTEX_MODEL = 'claude-haiku-4-5@20251001';
/** Claude Code's default Vertex region. */
export const VERTEX_DEFAULT_REGION = 'us-east5';

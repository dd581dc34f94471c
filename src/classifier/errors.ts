import { TransportError } from './transport.js';

/**
 * What kind of failure a backend call ended in. Read by the shape of the error, not by `instanceof`:
 * the Bedrock and Vertex SDKs may load their own copy of @anthropic-ai/sdk, whose error classes are
 * not ours.
 */
export type FailureKind =
  | { readonly kind: 'timeout' }
  | { readonly kind: 'aborted' }
  | { readonly kind: 'connection' }
  | { readonly kind: 'http'; readonly status: number; readonly headers?: HeadersLike }
  | { readonly kind: 'transport'; readonly message: string; readonly retryable: boolean }
  | { readonly kind: 'other'; readonly message: string };

interface HeadersLike {
  get(name: string): string | null;
}

export function failureKind(error: unknown): FailureKind {
  if (error instanceof TransportError)
    return { kind: 'transport', message: error.message, retryable: error.retryable };
  const names = classNames(error);
  if (names.has('APIConnectionTimeoutError')) return { kind: 'timeout' };
  if (names.has('APIUserAbortError')) return { kind: 'aborted' };
  if (names.has('APIConnectionError')) return { kind: 'connection' };
  if (names.has('APIError')) {
    const e = error as { status?: unknown; headers?: unknown };
    if (typeof e.status === 'number') {
      const headers = isHeaders(e.headers) ? e.headers : undefined;
      return { kind: 'http', status: e.status, ...(headers && { headers }) };
    }
    return { kind: 'connection' };
  }
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}

/** 408/409/429/5xx and dropped connections are worth another try (when it fits the deadline). */
export function isRetryable(error: unknown): boolean {
  const f = failureKind(error);
  if (f.kind === 'connection') return true;
  if (f.kind === 'transport') return f.retryable;
  if (f.kind === 'http') return f.status === 408 || f.status === 409 || f.status === 429 || f.status >= 500;
  return false;
}

export function headersOf(error: unknown): HeadersLike | undefined {
  const f = failureKind(error);
  return f.kind === 'http' ? f.headers : undefined;
}

function classNames(error: unknown): Set<string> {
  const names = new Set<string>();
  let proto: unknown = typeof error === 'object' && error !== null ? Object.getPrototypeOf(error) : undefined;
  for (let depth = 0; proto && depth < 10; depth++) {
    const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof name === 'string') names.add(name);
    proto = Object.getPrototypeOf(proto);
  }
  return names;
}

function isHeaders(value: unknown): value is HeadersLike {
  return typeof (value as { get?: unknown } | undefined)?.get === 'function';
}

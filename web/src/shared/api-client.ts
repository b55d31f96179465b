/**
 * The one way the web shell talks to the Kawal API: JSON in and out, the bearer token, and the UI
 * language as Accept-Language (so the server's messages come back in it). Errors arrive as
 * `{"error":{"code","message","details"}}` and are thrown as `ApiError` carrying that `message`.
 * The session lives in the auth feature, so the app wires it in with `configureApiClient`.
 */
import { translate } from './i18n/dictionary';
import { getLanguage } from './i18n/language';

export interface ErrorDetail {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ApiClientConfig {
  /** The current bearer token, if signed in. */
  token(): string | undefined;
  /** Called when a request sent with a token is answered 401 (expired or revoked session). */
  onUnauthorized(): void;
}

let config: ApiClientConfig = { token: () => undefined, onUnauthorized: () => undefined };

export function configureApiClient(next: ApiClientConfig): void {
  config = next;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Send the bearer token (default true); false for the login call. */
  auth?: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function detailsOf(value: unknown): ErrorDetail[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is ErrorDetail =>
      isRecord(item) && typeof item.path === 'string' && typeof item.message === 'string',
  );
}

/** The ApiError for a failed response: the server's own message when it sent one. */
function errorFrom(status: number, payload: unknown): ApiError {
  const error = isRecord(payload) ? payload.error : undefined;
  if (isRecord(error) && typeof error.message === 'string') {
    return new ApiError(
      status,
      typeof error.code === 'string' ? error.code : 'error',
      error.message,
      detailsOf(error.details),
    );
  }
  return new ApiError(
    status,
    'unexpected_response',
    translate(getLanguage(), 'error.unexpected', { status }),
  );
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Calls `path` (e.g. `/api/forms`) and resolves with the parsed JSON body, typed by the caller. The
 * body is not checked at run time: the API contract is the source of the type.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, signal, auth = true } = options;
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getLanguage() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = auth ? config.token() : undefined;
  if (token) headers.Authorization = `Bearer ${token}`;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'network_error', translate(getLanguage(), 'error.network'));
  }

  const payload = await readJson(response);
  if (response.ok) return payload as T;
  if (response.status === 401 && token) config.onUnauthorized();
  throw errorFrom(response.status, payload);
}

/** The message to show for anything a request threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return translate(getLanguage(), 'error.unknown');
}

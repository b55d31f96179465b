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

/** A page of a list: `{"items": [...], "nextCursor": "<opaque>" | null}`. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
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
  /**
   * Called once when a request sent with a token is answered 401: resolves true when the session now
   * holds a new token, and the request is sent again with it. Absent or false: `onUnauthorized`.
   */
  refresh?(): Promise<boolean>;
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
  /** The version the change is based on, sent as `If-Match` (answered 412 when it is stale). */
  ifMatch?: number;
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

/** Sends the request with the headers every call carries; a network failure becomes an ApiError. */
async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const { method = 'GET', body, signal, auth = true, ifMatch } = options;
  const headers: Record<string, string> = { Accept: accept, 'Accept-Language': getLanguage() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (ifMatch !== undefined) headers['If-Match'] = `"${ifMatch}"`;
  const token = auth ? config.token() : undefined;
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'network_error', translate(getLanguage(), 'error.network'));
  }
}

/**
 * Sends the request; when the token is refused (401), renews the session once and sends it again.
 * Safe for writes too: a 401 comes from the authorizer, before any handler ran.
 */
async function exchange(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const response = await send(path, options, accept);
  const { refresh } = config;
  const refused = response.status === 401 && options.auth !== false && Boolean(config.token());
  if (!refused || !refresh || !(await refresh())) return response;
  response.body?.cancel().catch(() => undefined);
  return send(path, options, accept);
}

/** The ApiError for a response that is not ok (and the session ended when the token was refused). */
async function failure(response: Response, options: RequestOptions): Promise<ApiError> {
  if (response.status === 401 && options.auth !== false && config.token()) config.onUnauthorized();
  return errorFrom(response.status, await readJson(response));
}

/**
 * Calls `path` (e.g. `/api/forms`) and resolves with the parsed JSON body, typed by the caller. The
 * body is not checked at run time: the API contract is the source of the type.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await exchange(path, options, 'application/json');
  if (!response.ok) throw await failure(response, options);
  return (await readJson(response)) as T;
}

/** Calls `path` for a document that is not JSON (a printable HTML report) and resolves with its text. */
export async function apiRequestText(path: string, options: RequestOptions = {}): Promise<string> {
  const response = await exchange(path, options, 'text/html');
  if (!response.ok) throw await failure(response, options);
  return response.text();
}

/** Every item of a paged list, following `nextCursor` to the end. */
export async function allPages<T>(path: string, signal?: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const query: string = cursor ? `${separator}cursor=${encodeURIComponent(cursor)}` : '';
    const page: Page<T> = await apiRequest(`${path}${query}`, signal ? { signal } : {});
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** The message to show for anything a request threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return translate(getLanguage(), 'error.unknown');
}

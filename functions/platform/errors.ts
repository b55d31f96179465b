import type { ErrorCode } from './messages';

/** One field-level problem: a JSON Pointer into the submitted data and a human message. */
export interface ErrorDetail {
  path: string;
  message: string;
  [extra: string]: unknown;
}

const statusOf: Record<ErrorCode, number> = {
  invalid_json: 400,
  invalid_request: 400,
  invalid_parameter: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  too_many_attempts: 429,
  invalid_cursor: 400,
  forbidden: 403,
  direct_access: 403,
  route_not_found: 404,
  form_not_found: 404,
  form_not_published: 404,
  form_version_not_found: 404,
  draft_not_found: 404,
  preview_not_found: 404,
  ruleset_not_found: 404,
  ruleset_not_published: 404,
  ruleset_version_not_found: 404,
  ruleset_draft_not_found: 404,
  case_not_found: 404,
  submission_not_found: 404,
  case_draft_not_found: 404,
  referral_not_found: 404,
  service_not_found: 404,
  case_type_not_found: 404,
  case_type_not_published: 404,
  case_type_version_not_found: 404,
  case_type_draft_not_found: 404,
  office_not_found: 404,
  user_not_found: 404,
  unknown_office: 422,
  same_office: 422,
  invalid_assignee: 422,
  office_required: 422,
  own_account: 422,
  no_authenticator: 409,
  email_required: 422,
  duplicate_nik: 409,
  user_exists: 409,
  invalid_case_type: 422,
  stage_in_use: 422,
  form_not_offered: 422,
  invalid_reason: 422,
  note_required: 422,
  invalid_pack: 422,
  approval_pending: 409,
  no_approval_pending: 409,
  nothing_to_publish: 409,
  invalid_transition: 409,
  transfer_pending: 409,
  no_transfer_pending: 409,
  invalid_referral_status: 409,
  blocked_by_rules: 422,
  reason_required: 422,
  consent_required: 422,
  conflict: 409,
  version_mismatch: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_form_schema: 422,
  invalid_ruleset: 422,
  tests_failed: 422,
  invalid_facts: 422,
  validation_failed: 422,
  store_unavailable: 503,
  internal_error: 500,
};

/**
 * An error with a stable code, mapped to HTTP in one place (platform/http.ts).
 * `details` are shown to the caller; `params` fill the message template.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: Record<string, unknown>;
  readonly details: ErrorDetail[] | undefined;

  constructor(
    code: ErrorCode,
    options: { params?: Record<string, unknown>; details?: ErrorDetail[]; cause?: unknown } = {},
  ) {
    super(code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = statusOf[code];
    this.params = options.params ?? {};
    this.details = options.details;
  }

  /** Only client errors are shown as they are; anything else becomes a generic 500. */
  get expose(): boolean {
    return this.status < 500 || this.code === 'store_unavailable';
  }
}

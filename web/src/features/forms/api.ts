/** The forms feature's API calls (see the Forms section of the API contract). */
import type { FormSummary, FormView as PublishedForm } from '../../../../functions/cases/forms';
import { apiRequest, type ErrorDetail, type Page } from '../../shared/api-client';
import type { Lang } from '../../shared/i18n/dictionary';

// The server's own types: one declaration of what the forms API answers.
export type { FormSummary, FormView as PublishedForm } from '../../../../functions/cases/forms';

export interface ValidationResult {
  valid: boolean;
  errors: ErrorDetail[];
  version: number | 'draft';
}

export function listForms(cursor: string | null, signal?: AbortSignal): Promise<Page<FormSummary>> {
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
  return apiRequest<Page<FormSummary>>(`/api/forms${query}`, signal ? { signal } : {});
}

/** The published version of a form. */
export function getForm(id: string, signal?: AbortSignal): Promise<PublishedForm> {
  return apiRequest<PublishedForm>(`/api/forms/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

/** Checks `data` against a version of the form on the server; nothing is written. */
export function validateFormData(id: string, data: unknown, version: number): Promise<ValidationResult> {
  return apiRequest<ValidationResult>(`/api/forms/${encodeURIComponent(id)}/validate`, {
    method: 'POST',
    body: { data, version },
  });
}

/** The signed-in person as the server knows them; `nip` when the users directory has one. */
export interface Me {
  id: string;
  name: string;
  office: string | null;
  nip?: string;
}

export function getMe(signal?: AbortSignal): Promise<Me> {
  return apiRequest<Me>('/api/me', signal ? { signal } : {});
}

export interface OfficeName {
  id: string;
  name: string;
}

/** The offices there are (for their names). */
export function listOfficeNames(signal?: AbortSignal): Promise<Page<OfficeName>> {
  return apiRequest<Page<OfficeName>>('/api/offices', signal ? { signal } : {});
}

/** A form's title as the list shows it in `lang`: its translation where the form gives one. */
export function formTitle(form: Pick<FormSummary, 'title' | 'translations'>, lang: Lang): string {
  return (lang === 'id' ? undefined : form.translations[lang]?.title) ?? form.title;
}

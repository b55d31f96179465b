/**
 * What a new form is prefilled with (`x-prefill`, see `functions/validation/prefill.ts`): the case's
 * client, the office, and the signed-in person, their NIP read from `GET /api/me` and the office's
 * name from `GET /api/offices`, each asked for only when the form has a field for it. Whatever cannot
 * be read is simply not prefilled.
 */

import type { Client } from '../../../../functions/domain/case-file';
import {
  applyPrefill,
  type PrefillSource,
  type PrefillValues,
  prefillFields,
} from '../../../../functions/validation/prefill';
import { getMe, listOfficeNames } from './api';
import type { FormValue } from './validator';

export interface Known {
  /** The case's client, on a case. */
  client?: Client;
  /** The case's office, or the person's own off a case. */
  office: string | null;
  /** The signed-in person's name (from the session). */
  workerName: string;
}

/** The values for the sources a schema asks for, reading the server only for what it needs. */
export async function prefillValuesFor(
  schema: unknown,
  known: Known,
  signal?: AbortSignal,
): Promise<PrefillValues> {
  const sources = new Set<PrefillSource>(prefillFields(schema).map((field) => field.source));
  if (sources.size === 0) return {};
  const [me, offices] = await Promise.all([
    sources.has('worker.nip') ? getMe(signal).catch(() => undefined) : undefined,
    sources.has('office.name') && known.office ? listOfficeNames(signal).catch(() => undefined) : undefined,
  ]);
  const office = offices?.items.find((item) => item.id === known.office);
  const values: PrefillValues = {
    'worker.name': known.workerName,
    ...(me?.nip ? { 'worker.nip': me.nip } : {}),
    ...(office ? { 'office.name': office.name } : {}),
  };
  if (known.client) {
    values['client.name'] = known.client.name;
    values['client.birthDate'] = known.client.birthDate;
    values['client.sex'] = known.client.sex;
    if (known.client.nik) values['client.nik'] = known.client.nik;
  }
  return values;
}

/** A new form's data: empty, with what is known filled in; undefined when nothing was. */
export function prefilled(schema: unknown, values: PrefillValues): FormValue | undefined {
  return applyPrefill(schema, undefined, values);
}

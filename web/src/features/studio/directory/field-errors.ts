/**
 * A refusal from the server, sorted for the form that sent it: each detail's message under the field
 * its JSON Pointer names (the first message per field), and the server's message for the rest.
 */
import { ApiError, errorMessage } from '../../../shared/api-client';

export interface Refusal {
  /** Messages by JSON Pointer (`/name`, `/add/2/date`). */
  fields: Record<string, string>;
  /** What no field shows: the server's message, or undefined when every detail found its field. */
  general: string | undefined;
}

export function refusalOf(error: unknown, known: (path: string) => boolean): Refusal {
  const fields: Record<string, string> = {};
  let unplaced = false;
  if (error instanceof ApiError) {
    for (const detail of error.details) {
      if (known(detail.path)) fields[detail.path] ??= detail.message;
      else unplaced = true;
    }
  }
  const placed = Object.keys(fields).length > 0;
  return { fields, general: placed && !unplaced ? undefined : errorMessage(error) };
}

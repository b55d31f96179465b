/** Turning the server's validation errors into the error schema @rjsf/core shows beside each field. */
import type { ErrorSchema } from '@rjsf/utils';
import pointer from 'json-pointer';

export interface ServerError {
  /** JSON Pointer into the submitted data ('' for the data as a whole). */
  path: string;
  message: string;
}

type ErrorNode = { __errors?: string[] } & { [key: string]: ErrorNode | string[] | undefined };

/** The child node for `key`, created when missing; an own property even for names like `__proto__`. */
function child(node: ErrorNode, key: string): ErrorNode {
  const existing = Object.hasOwn(node, key) ? node[key] : undefined;
  if (existing !== undefined && !Array.isArray(existing)) return existing;
  const created: ErrorNode = {};
  Object.defineProperty(node, key, { value: created, enumerable: true, writable: true, configurable: true });
  return created;
}

/**
 * Converts the server's `[{path, message}]` (paths are JSON Pointers into the data, as the API returns
 * them) into an rjsf `ErrorSchema` for `extraErrors`: `/identitas/namaKlien` becomes
 * `{identitas: {namaKlien: {__errors: [message]}}}`, array indices become keys (`/anak/0/nama` →
 * `{anak: {0: {nama: …}}}`), `~1` and `~0` are unescaped to `/` and `~`, the root path `''` puts its
 * messages in the top-level `__errors`, and several messages for one path are kept in order. A path
 * that is not a JSON Pointer is treated as the root, so no message is ever lost. Pure: the input is not
 * changed.
 */
export function serverErrorsToErrorSchema(errors: readonly ServerError[]): ErrorSchema {
  const root: ErrorNode = {};
  for (const { path, message } of errors) {
    let segments: string[];
    try {
      segments = pointer.parse(path);
    } catch {
      segments = [];
    }
    let node = root;
    for (const segment of segments) {
      // '__errors' names the message list in an ErrorSchema; a field with that name cannot nest.
      if (segment === '__errors') break;
      node = child(node, segment);
    }
    if (node.__errors) node.__errors.push(message);
    else node.__errors = [message];
  }
  return root as ErrorSchema;
}

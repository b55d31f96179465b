/**
 * Content packs: the whole configuration (every published form, ruleset and case type, with their
 * versions and notes) as one document, and loading such a document as drafts, first as a dry run that
 * answers what would change and writes nothing.
 */
import type { ImportRow, Pack, PackItem } from '../../../../../functions/cases/packs';
import { apiRequest } from '../../../shared/api-client';

export type { ImportRow, Pack, PackItem };

export interface ImportResult {
  items: ImportRow[];
  dryRun: boolean;
  published: boolean;
}

export function exportPack(): Promise<Pack> {
  return apiRequest<Pack>('/api/packs/export');
}

/** `dryRun`: only check and answer what would change. `publish`: publish each draft as it is loaded. */
export function importPack(
  pack: unknown,
  options: { dryRun: boolean; publish: boolean },
): Promise<ImportResult> {
  return apiRequest<ImportResult>('/api/packs/import', {
    method: 'POST',
    body: { pack, dryRun: options.dryRun, ...(options.publish ? { publish: true } : {}) },
  });
}

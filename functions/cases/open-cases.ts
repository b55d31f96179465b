/**
 * Open cases across every office, a page at a time, for lists that are about open cases whatever
 * their deadlines (the studio's cases of a ruleset): office by office in office id order, each office's
 * cases in its caseload order (priority, then nearest deadline), Queries on the office index only.
 * The cursor carries the office and the office index's own cursor, signed together with the listing
 * it belongs to (store/cursor.ts): opaque, and refused (400 `invalid_cursor`) when altered or carried
 * to another listing.
 */
import type { CaseHead } from '../domain/case-file';
import { queryCaseload } from '../store/cases-repo';
import { decodeCursor, encodeCursor, type Page, type QueryScope } from '../store/cursor';
import { listAllOffices } from './offices';

export interface OpenCasesPageOptions<T> {
  /** What the listing is (e.g. the ruleset whose cases it lists); its cursors are valid for it only. */
  listing: Record<string, string>;
  limit: number;
  cursor?: string | undefined;
  /** The row a head becomes in the listing, or undefined to leave it out. */
  pick: (head: CaseHead) => Promise<T | undefined>;
  /** The most office index pages one call reads before it answers with what it found (20). */
  maxReads?: number;
}

const scopeOf = (listing: Record<string, string>): QueryScope => ({
  IndexName: 'open-cases-by-office',
  ExpressionAttributeValues: Object.fromEntries(
    Object.entries(listing).map(([name, value]) => [`:${name}`, value]),
  ),
});

/**
 * A page of the listing. It may hold fewer than `limit` rows (heads left out, offices with none);
 * `nextCursor` continues after it, null when every office was read to its end.
 */
export async function openCasesPage<T>(options: OpenCasesPageOptions<T>): Promise<Page<T>> {
  const scope = scopeOf(options.listing);
  const offices = (await listAllOffices()).map((office) => office.id);
  const position = decodeCursor(options.cursor, ['office', 'cursor'], scope) as
    | { office: string; cursor?: string }
    | undefined;
  // Offices are in id order: one removed since the cursor was made is passed over.
  let at = position ? offices.findIndex((id) => id >= position.office) : 0;
  if (at < 0) at = offices.length;
  let inner = position && offices[at] === position.office ? position.cursor : undefined;
  const items: T[] = [];
  const maxReads = options.maxReads ?? 20;
  for (let reads = 0; reads < maxReads && items.length < options.limit && at < offices.length; reads++) {
    const page = await queryCaseload({
      by: 'office',
      key: offices[at] as string,
      limit: options.limit - items.length,
      ...(inner ? { cursor: inner } : {}),
    });
    for (const head of page.items) {
      const row = await options.pick(head);
      if (row !== undefined) items.push(row);
    }
    inner = page.nextCursor ?? undefined;
    if (!inner) at++;
  }
  const office = offices[at];
  return {
    items,
    nextCursor:
      office === undefined ? null : encodeCursor({ office, ...(inner ? { cursor: inner } : {}) }, scope),
  };
}

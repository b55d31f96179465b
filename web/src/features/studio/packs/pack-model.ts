/**
 * A pack file as the packs screen reads it: checked for its shape before anything is sent, its items
 * in one list (kind, id, title, the document a draft would hold), and the server's dry-run answer
 * joined to them, changed and new items first.
 */
import type { ContentKind } from '../content-api';
import type { ImportRow, Pack, PackItem } from './api';

export const PACK_FORMAT = 'kawal-pack/1';

export type PackKind = ImportRow['kind'];

export const PACK_KINDS: readonly {
  kind: PackKind;
  key: 'forms' | 'rulesets' | 'caseTypes';
  content: ContentKind;
}[] = [
  { kind: 'form', key: 'forms', content: 'forms' },
  { kind: 'ruleset', key: 'rulesets', content: 'rulesets' },
  { kind: 'caseType', key: 'caseTypes', content: 'case-types' },
];

export type ParsedPack = { ok: true; pack: Pack } | { ok: false; problem: 'json' | 'format' | 'empty' };

/** Reads a chosen file's text as a pack: JSON, the pack format, at least one item. */
export function parsePack(text: string): ParsedPack {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'json' };
  }
  const pack = value as Partial<Pack> | null;
  if (!pack || typeof pack !== 'object' || pack.format !== PACK_FORMAT)
    return { ok: false, problem: 'format' };
  const count = PACK_KINDS.reduce(
    (sum, { key }) => sum + (Array.isArray(pack[key]) ? pack[key].length : 0),
    0,
  );
  if (count === 0) return { ok: false, problem: 'empty' };
  return { ok: true, pack: pack as Pack };
}

/** What a draft loaded from the item would hold: its title and description beside its content. */
export function itemDocument(item: PackItem): Record<string, unknown> {
  return { title: item.title, description: item.description ?? '', ...item.content };
}

export interface PackRow {
  kind: PackKind;
  id: string;
  title: string;
  change: ImportRow['change'];
  item: PackItem;
}

const ORDER: Record<ImportRow['change'], number> = { changed: 0, new: 1, same: 2 };

/** The dry run's rows with the pack's items: changed first, then new, then unchanged; by kind, then title. */
export function packRows(pack: Pack, rows: readonly ImportRow[]): PackRow[] {
  const out: PackRow[] = [];
  for (const row of rows) {
    const key = PACK_KINDS.find((entry) => entry.kind === row.kind)?.key;
    const item = key ? pack[key]?.find((candidate) => candidate.id === row.id) : undefined;
    if (item) out.push({ kind: row.kind, id: row.id, title: item.title, change: row.change, item });
  }
  const kindOrder = (kind: PackKind) => PACK_KINDS.findIndex((entry) => entry.kind === kind);
  return out.sort(
    (a, b) =>
      ORDER[a.change] - ORDER[b.change] ||
      kindOrder(a.kind) - kindOrder(b.kind) ||
      a.title.localeCompare(b.title),
  );
}

/** How many items of each change there are. */
export function changeCounts(rows: readonly PackRow[]): Record<ImportRow['change'], number> {
  const counts = { new: 0, changed: 0, same: 0 };
  for (const row of rows) counts[row.change]++;
  return counts;
}

/** A refusal's JSON Pointer into the pack (`/forms/3/content/schema`) said with the item's title. */
export function describePackPointer(
  pack: Pack,
  pointer: string,
): { kind?: PackKind; title?: string; rest: string } {
  const [key, index, ...rest] = pointer.split('/').slice(1);
  const entry = PACK_KINDS.find((candidate) => candidate.key === key);
  const item = entry && index !== undefined ? pack[entry.key]?.[Number(index)] : undefined;
  const tail = (rest[0] === 'content' ? rest.slice(1) : rest).filter((segment) => segment !== 'properties');
  return {
    ...(entry ? { kind: entry.kind } : {}),
    ...(item ? { title: item.title } : {}),
    rest: tail.join(' › '),
  };
}

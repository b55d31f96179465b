/**
 * What every JSON request body must be before any route looks at it: an object, and something the
 * store can keep exactly as sent. DynamoDB holds numbers of at most 38 digits between 1e-130 and
 * 1e126, nests at most 32 levels, and the SDK refuses integers JavaScript cannot hold exactly; a key
 * named `__proto__`, `constructor` or `prototype` would reach object prototypes downstream. Each
 * problem is reported with its JSON Pointer, so the caller gets a 400 instead of a 500.
 */
import type { ErrorDetail } from './errors';
import type { Lang } from './messages';

/** Levels of nesting a body may have: the store adds a few around it (item, attribute, list). */
export const MAX_BODY_DEPTH = 24;
/** How many problems one answer lists (the rest are counted). */
export const MAX_DETAILS = 100;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const TEXT = {
  notObject: { id: 'isi permintaan harus berupa objek JSON', en: 'the request body must be a JSON object' },
  notFinite: { id: 'angka terlalu besar untuk disimpan', en: 'number too large to be stored' },
  unsafe: {
    id: 'bilangan bulat terlalu besar untuk disimpan persis (paling besar 9007199254740991)',
    en: 'integer too large to be kept exactly (at most 9007199254740991)',
  },
  range: {
    id: 'angka di luar rentang yang dapat disimpan (1e-130 sampai 1e125)',
    en: 'number outside the range that can be stored (1e-130 to 1e125)',
  },
  depth: {
    id: `bersarang terlalu dalam (paling banyak ${MAX_BODY_DEPTH} tingkat)`,
    en: `nested too deep (at most ${MAX_BODY_DEPTH} levels)`,
  },
  key: { id: 'nama kolom "{key}" tidak diizinkan', en: 'the field name "{key}" is not allowed' },
  more: { id: '… dan {count} masalah lain', en: '… and {count} more problems' },
} as const;

const escapeToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

function numberProblem(value: number): keyof typeof TEXT | undefined {
  if (!Number.isFinite(value)) return 'notFinite';
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    return Math.abs(value) >= 1e126 ? 'range' : 'unsafe';
  }
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e126 || magnitude < 1e-130)) return 'range';
  return undefined;
}

/** Every reason the store could not keep `body` as sent; empty when it can. */
export function bodyProblems(body: unknown, lang: Lang): ErrorDetail[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return [{ path: '', message: TEXT.notObject[lang] }];
  }
  const problems: ErrorDetail[] = [];
  // An explicit stack: a body nested a million deep must not overflow ours while we look.
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 1 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof value === 'number') {
      const problem = numberProblem(value);
      if (problem) problems.push({ path, message: TEXT[problem][lang] });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_BODY_DEPTH) {
      problems.push({ path, message: TEXT.depth[lang] });
      continue;
    }
    const entries: [string, unknown][] = Array.isArray(value)
      ? value.map((item, i) => [String(i), item])
      : Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]]);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i] as [string, unknown];
      const at = `${path}/${escapeToken(key)}`;
      if (!Array.isArray(value) && FORBIDDEN_KEYS.has(key)) {
        problems.push({ path: at, message: TEXT.key[lang].replace('{key}', key) });
        continue;
      }
      stack.push({ value: item, path: at, depth: depth + 1 });
    }
  }
  return capDetails(problems, lang);
}

/**
 * At most MAX_DETAILS details, the last one saying how many more there were (`uncounted`: problems
 * already left out before these details were made).
 */
export function capDetails(details: readonly ErrorDetail[], lang: Lang, uncounted = 0): ErrorDetail[] {
  if (details.length <= MAX_DETAILS && uncounted === 0) return [...details];
  const more = Math.max(0, details.length - MAX_DETAILS) + uncounted;
  return [
    ...details.slice(0, MAX_DETAILS),
    { path: '', message: TEXT.more[lang].replace('{count}', String(more)), omitted: more },
  ];
}

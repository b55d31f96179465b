/**
 * People's names as keys: the same person typed twice ("Budi  Contoh", "budi contoh", "Budí Contoh")
 * gives the same key, so a search by name and birth date finds a case whatever the spelling of case,
 * accents, punctuation or spacing.
 */

/** Lower case, accents and punctuation dropped, one space between words. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

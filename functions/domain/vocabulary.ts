/**
 * The fixed lists and limits a request may name, shared by the HTTP handlers' request schemas
 * (functions/api/) and the use cases that act on them. They live apart from the use cases so that a
 * handler can check a request without loading the code that serves it.
 */

/** How a supervision note's contact with the client happened (a note's `contactType`). */
export const CONTACT_TYPES = ['kunjungan-rumah', 'kantor', 'telepon', 'daring', 'lainnya'] as const;

/** The kinds of service in the referral directory. */
export const SERVICE_TYPES = [
  'medis',
  'kesehatan-jiwa',
  'rehabilitasi-napza',
  'perkawinan-keluarga',
  'konseling-individu',
  'remaja',
  'anak',
  'lansia',
  'kdrt',
  'disabilitas',
  'pendidikan',
  'pekerjaan',
  'hukum',
  'lainnya',
] as const;

/** The time zones of Indonesia: WIB, WITA, WIT. */
export const TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;

/** How many people one names lookup may ask for. */
export const MAX_NAMES = 50;

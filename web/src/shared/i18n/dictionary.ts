/**
 * Every text the web shell shows, in Bahasa Indonesia (the default) and English. `id` is the source of
 * the keys; `en` is typed against it, so a key missing or extra in either language fails type checking.
 * `{name}` placeholders are filled by `translate`.
 */

export const LANGUAGES = ['id', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

const id = {
  'app.name': 'Kawal',
  'app.skipToContent': 'Langsung ke isi halaman',
  'app.mainNav': 'Navigasi utama',
  'app.loading': 'Memuat…',
  'app.retry': 'Coba lagi',

  'header.language': 'Bahasa',
  'header.account': 'Akun',
  'header.logout': 'Keluar',

  'role.admin': 'Administrator',
  'role.supervisor': 'Penyelia',
  'role.worker': 'Pembimbing Kemasyarakatan',

  'login.title': 'Masuk ke Kawal',
  'login.intro': 'Sistem pengelolaan kasus Balai Pemasyarakatan.',
  'login.username': 'Nama pengguna',
  'login.password': 'Kata sandi',
  'login.submit': 'Masuk',
  'login.missing': 'Isi nama pengguna dan kata sandi.',
  'login.expired': 'Sesi Anda telah berakhir. Silakan masuk lagi.',
  'login.demoHint':
    'Mode lokal: akun demo dan kata sandinya dicetak di terminal tempat server dijalankan (npm start).',

  'forms.title': 'Formulir',
  'forms.intro': 'Pilih formulir yang akan diisi.',
  'forms.empty': 'Belum ada formulir.',
  'forms.version': 'Versi {version}',
  'forms.updated': 'Diperbarui {date}',
  'forms.unpublished': 'Belum diterbitkan',
  'forms.more': 'Muat lebih banyak',

  'form.back': 'Kembali ke daftar formulir',
  'form.version': 'Formulir versi {version}',
  'form.published': 'diterbitkan {date}',
  'form.submit': 'Kirim',
  'form.errorsTitle': 'Periksa isian berikut',
  'form.accepted': 'Data diterima oleh server (formulir versi {version}).',
  'form.rejected': 'Server menolak data: {count} kesalahan.',
  'form.rejectedOne': 'Server menolak data: {count} kesalahan.',

  'error.network': 'Server tidak dapat dihubungi. Periksa koneksi lalu coba lagi.',
  'error.unexpected': 'Server memberi jawaban yang tidak terduga (HTTP {status}).',
  'error.unknown': 'Terjadi kesalahan yang tidak terduga.',
  'error.page': 'Halaman ini tidak dapat ditampilkan.',

  'notFound.title': 'Halaman tidak ditemukan',
  'notFound.body': 'Alamat ini tidak ada di Kawal.',
  'notFound.home': 'Ke daftar formulir',
};

export type MessageKey = keyof typeof id;

const en: Record<MessageKey, string> = {
  'app.name': 'Kawal',
  'app.skipToContent': 'Skip to content',
  'app.mainNav': 'Main navigation',
  'app.loading': 'Loading…',
  'app.retry': 'Try again',

  'header.language': 'Language',
  'header.account': 'Account',
  'header.logout': 'Sign out',

  'role.admin': 'Administrator',
  'role.supervisor': 'Supervisor',
  'role.worker': 'Probation officer',

  'login.title': 'Sign in to Kawal',
  'login.intro': 'Case management for probation offices.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.missing': 'Enter your username and password.',
  'login.expired': 'Your session has ended. Please sign in again.',
  'login.demoHint':
    'Local mode: the demo accounts and their password are printed in the terminal running the server (npm start).',

  'forms.title': 'Forms',
  'forms.intro': 'Choose a form to fill in.',
  'forms.empty': 'There are no forms yet.',
  'forms.version': 'Version {version}',
  'forms.updated': 'Updated {date}',
  'forms.unpublished': 'Not published',
  'forms.more': 'Load more',

  'form.back': 'Back to the forms',
  'form.version': 'Form version {version}',
  'form.published': 'published {date}',
  'form.submit': 'Submit',
  'form.errorsTitle': 'Please check these answers',
  'form.accepted': 'The server accepted the data (form version {version}).',
  'form.rejected': 'The server rejected the data: {count} errors.',
  'form.rejectedOne': 'The server rejected the data: {count} error.',

  'error.network': 'The server cannot be reached. Check the connection and try again.',
  'error.unexpected': 'The server gave an unexpected answer (HTTP {status}).',
  'error.unknown': 'Something unexpected went wrong.',
  'error.page': 'This page cannot be shown.',

  'notFound.title': 'Page not found',
  'notFound.body': 'This address does not exist in Kawal.',
  'notFound.home': 'Go to the forms',
};

const DICTIONARY: Record<Lang, Record<MessageKey, string>> = { id, en };

export type MessageParams = Record<string, string | number>;

/** The text for `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function translate(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
  return DICTIONARY[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function isLang(value: unknown): value is Lang {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

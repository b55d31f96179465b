/**
 * Human messages for every stable error code, in Bahasa Indonesia (default) and English.
 * `{name}` placeholders are filled from the error's params.
 */

export type Lang = 'id' | 'en';

export const messages = {
  invalid_json: { id: 'Isi permintaan bukan JSON yang valid.', en: 'The request body is not valid JSON.' },
  invalid_request: {
    id: 'Isi permintaan tidak sesuai format yang diharapkan.',
    en: 'The request body does not have the expected shape.',
  },
  invalid_parameter: {
    id: 'Parameter "{name}" tidak valid.',
    en: 'Parameter "{name}" is not valid.',
  },
  unsupported_media_type: {
    id: 'Isi permintaan harus berupa application/json.',
    en: 'The request body must be application/json.',
  },
  payload_too_large: {
    id: 'Isi permintaan terlalu besar (maksimum {limit} bait).',
    en: 'The request body is too large (at most {limit} bytes).',
  },
  unauthorized: {
    id: 'Anda harus masuk terlebih dahulu; token tidak ada, tidak sah, atau kedaluwarsa.',
    en: 'You must sign in; the token is missing, invalid or expired.',
  },
  invalid_credentials: { id: 'Nama pengguna atau kata sandi salah.', en: 'Wrong username or password.' },
  invalid_cursor: {
    id: 'Penanda halaman (cursor) tidak sah atau bukan untuk daftar ini; muat ulang daftar dari awal.',
    en: 'The page cursor is not valid or not for this list; load the list again from the start.',
  },
  too_many_attempts: {
    id: 'Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {retryAfter} detik.',
    en: 'Too many failed sign-in attempts. Try again in {retryAfter} seconds.',
  },
  forbidden: {
    id: 'Anda tidak memiliki izin untuk tindakan ini.',
    en: 'You are not allowed to do this.',
  },
  direct_access: {
    id: 'Kawal hanya dapat dibuka melalui alamat situsnya.',
    en: "Kawal is reached through its site's address only.",
  },
  route_not_found: { id: 'Alamat API tidak dikenal.', en: 'Unknown API route.' },
  form_not_found: { id: 'Formulir "{id}" tidak ditemukan.', en: 'Form "{id}" was not found.' },
  form_not_published: {
    id: 'Formulir "{id}" belum pernah diterbitkan.',
    en: 'Form "{id}" has never been published.',
  },
  form_version_not_found: {
    id: 'Formulir "{id}" tidak memiliki versi {version}.',
    en: 'Form "{id}" has no version {version}.',
  },
  draft_not_found: {
    id: 'Formulir "{id}" tidak memiliki draf.',
    en: 'Form "{id}" has no draft.',
  },
  preview_not_found: {
    id: 'Pratinjau formulir ini sudah tidak tersedia; buka kembali penyunting formulir.',
    en: 'This form preview is no longer available; open the form editor again.',
  },
  ruleset_not_found: { id: 'Aturan "{id}" tidak ditemukan.', en: 'Ruleset "{id}" was not found.' },
  ruleset_not_published: {
    id: 'Aturan "{id}" belum pernah diterbitkan.',
    en: 'Ruleset "{id}" has never been published.',
  },
  ruleset_version_not_found: {
    id: 'Aturan "{id}" tidak memiliki versi {version}.',
    en: 'Ruleset "{id}" has no version {version}.',
  },
  ruleset_draft_not_found: { id: 'Aturan "{id}" tidak memiliki draf.', en: 'Ruleset "{id}" has no draft.' },
  invalid_ruleset: {
    id: 'Aturan tidak valid; lihat rincian untuk setiap bagian yang salah.',
    en: 'The ruleset is not valid; see the details for each part that is wrong.',
  },
  tests_failed: {
    id: '{count} uji aturan gagal; aturan tidak diterbitkan.',
    en: '{count} ruleset tests failed; nothing was published.',
  },
  case_type_not_found: { id: 'Jenis kasus "{id}" tidak ditemukan.', en: 'Case type "{id}" was not found.' },
  case_type_not_published: {
    id: 'Jenis kasus "{id}" belum diterbitkan.',
    en: 'Case type "{id}" has not been published.',
  },
  case_type_version_not_found: {
    id: 'Jenis kasus "{id}" tidak memiliki versi {version}.',
    en: 'Case type "{id}" has no version {version}.',
  },
  case_type_draft_not_found: {
    id: 'Jenis kasus "{id}" tidak memiliki draf.',
    en: 'Case type "{id}" has no draft.',
  },
  invalid_case_type: {
    id: 'Jenis kasus tidak valid; lihat rincian untuk setiap bagian yang salah.',
    en: 'The case type is not valid; see the details for each part that is wrong.',
  },
  stage_in_use: {
    id: 'Versi ini menghapus tahap yang masih dipakai kasus terbuka; petakan tahap itu di "stageMap".',
    en: 'This version removes a stage open cases are in; map that stage in "stageMap".',
  },
  form_not_offered: {
    id: 'Formulir "{id}" tidak tersedia untuk jenis kasus ini pada tahap sekarang.',
    en: 'Form "{id}" is not offered for this case type at the current stage.',
  },
  approval_pending: {
    id: 'Kasus ini sedang menunggu persetujuan Kabapas.',
    en: "This case is waiting for a supervisor's approval.",
  },
  no_approval_pending: {
    id: 'Tidak ada yang menunggu persetujuan pada kasus ini.',
    en: 'Nothing on this case is waiting for approval.',
  },
  invalid_reason: {
    id: 'Alasan terminasi "{reason}" tidak dikenal untuk jenis kasus ini.',
    en: 'Termination reason "{reason}" is not known for this case type.',
  },
  note_required: {
    id: 'Alasan ini memerlukan catatan tertulis.',
    en: 'This reason needs a written note.',
  },
  office_not_found: { id: 'Kantor "{id}" tidak ditemukan.', en: 'Office "{id}" was not found.' },
  unknown_office: {
    id: 'Kantor tujuan tidak terdaftar; pilih salah satu kantor yang ada.',
    en: 'The office is not registered; choose one of the existing offices.',
  },
  same_office: {
    id: 'Kasus sudah berada di kantor ini; pilih kantor lain sebagai tujuan.',
    en: 'The case is already in this office; choose another office.',
  },
  invalid_assignee: {
    id: 'PK yang dipilih bukan petugas aktif di kantor kasus ini.',
    en: "The person chosen is not an active worker of the case's office.",
  },
  duplicate_nik: {
    id: 'Sudah ada kasus dengan NIK ini di kantor Anda; periksa kasus tersebut atau tegaskan bahwa kasus baru memang perlu dibuka.',
    en: 'Your office already has a case with this NIK; check it, or confirm that a new case is needed.',
  },
  user_not_found: { id: 'Pengguna tidak ditemukan.', en: 'The user was not found.' },
  user_exists: {
    id: 'Nama pengguna atau email ini sudah dipakai akun lain.',
    en: 'This username or email is already used by another account.',
  },
  office_required: {
    id: 'PK dan Kabapas harus ditempatkan di sebuah kantor.',
    en: 'Workers and supervisors must belong to an office.',
  },
  email_required: {
    id: 'Email wajib diisi: undangan dan kata sandi sementara dikirim ke email tersebut.',
    en: 'An email is required: the invitation and temporary password are sent to it.',
  },
  no_authenticator: {
    id: 'Orang ini belum memasang aplikasi autentikator, jadi tidak ada yang perlu diatur ulang.',
    en: 'This person has no authenticator app, so there is nothing to reset.',
  },
  own_account: {
    id: 'Anda tidak dapat menonaktifkan akun sendiri atau mencabut peran administrator Anda sendiri.',
    en: 'You cannot disable your own account or remove your own administrator role.',
  },
  invalid_pack: {
    id: 'Paket konten tidak valid; lihat rincian.',
    en: 'The content pack is not valid; see the details.',
  },
  invalid_facts: {
    id: 'Fakta yang diberikan tidak dikenal atau bertipe salah.',
    en: 'Some facts given are unknown or of the wrong type.',
  },
  case_not_found: { id: 'Kasus "{id}" tidak ditemukan.', en: 'Case "{id}" was not found.' },
  submission_not_found: {
    id: 'Kiriman formulir "{id}" tidak ditemukan.',
    en: 'Submission "{id}" was not found.',
  },
  case_draft_not_found: {
    id: 'Belum ada draf formulir "{id}" pada kasus ini.',
    en: 'There is no draft of form "{id}" on this case.',
  },
  referral_not_found: { id: 'Rujukan "{id}" tidak ditemukan.', en: 'Referral "{id}" was not found.' },
  service_not_found: {
    id: 'Layanan "{id}" tidak ada di direktori.',
    en: 'Service "{id}" is not in the directory.',
  },
  invalid_transition: {
    id: 'Kasus tidak dapat dipindahkan dari tahap {from} ke tahap {to}.',
    en: 'The case cannot move from stage {from} to stage {to}.',
  },
  transfer_pending: {
    id: 'Kasus ini sedang dalam proses pemindahan ke {office}.',
    en: 'This case is already being transferred to {office}.',
  },
  no_transfer_pending: {
    id: 'Tidak ada pemindahan kasus ini yang menunggu diterima.',
    en: 'No transfer of this case is waiting to be accepted.',
  },
  invalid_referral_status: {
    id: 'Status rujukan tidak dapat diubah dari {from} ke {to}.',
    en: 'The referral status cannot change from {from} to {to}.',
  },
  blocked_by_rules: {
    id: 'Aturan tidak mengizinkan perubahan ini; lihat rincian alasannya.',
    en: 'The rules do not allow this change; see the details for why.',
  },
  reason_required: {
    id: 'Alasan wajib diisi untuk terminasi.',
    en: 'A reason is required to terminate a case.',
  },
  consent_required: {
    id: 'Rujukan memerlukan persetujuan klien; tanyakan dan catat persetujuannya terlebih dahulu.',
    en: "A referral needs the client's consent; ask for it and record it first.",
  },
  nothing_to_publish: {
    id: 'Tidak ada draf untuk diterbitkan.',
    en: 'There is no draft to publish.',
  },
  version_mismatch: {
    id: 'Data telah diubah oleh orang lain (versi saat ini {current}); muat ulang lalu coba lagi.',
    en: 'Someone else changed this (current version {current}); reload and try again.',
  },
  conflict: {
    id: 'Perubahan bertabrakan dengan perubahan lain; coba lagi.',
    en: 'The change collided with another change; try again.',
  },
  invalid_form_schema: {
    id: 'Skema formulir tidak valid.',
    en: 'The form schema is not valid.',
  },
  validation_failed: {
    id: 'Data tidak lolos validasi formulir.',
    en: 'The data does not pass the form validation.',
  },
  store_unavailable: {
    id: 'Penyimpanan data sedang tidak dapat dihubungi; coba lagi nanti.',
    en: 'The data store cannot be reached right now; try again later.',
  },
  internal_error: {
    id: 'Terjadi kesalahan pada server.',
    en: 'Something went wrong on the server.',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type ErrorCode = keyof typeof messages;

/** The message for `code` in `lang`, with `{name}` placeholders filled from `params`. */
export function messageFor(code: ErrorCode, lang: Lang, params: Record<string, unknown> = {}): string {
  return messages[code][lang].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * The texts @rjsf/core renders itself (button titles, labels of generated fields…) in the UI
 * language. The Indonesian table is typed against rjsf's `TranslatableString`, so a string added by an
 * rjsf upgrade fails type checking until it is translated; English is rjsf's own.
 */
import { englishStringTranslator, replaceStringParameters, TranslatableString } from '@rjsf/utils';
import type { Lang } from '../../shared/i18n/dictionary';

const INDONESIAN: Record<TranslatableString, string> = {
  [TranslatableString.ArrayItemTitle]: 'Butir',
  [TranslatableString.MissingItems]: 'Definisi butir tidak ada',
  [TranslatableString.EmptyArray]: 'Belum ada butir. Gunakan tombol di bawah untuk menambah.',
  [TranslatableString.YesLabel]: 'Ya',
  [TranslatableString.NoLabel]: 'Tidak',
  [TranslatableString.CloseLabel]: 'Tutup',
  [TranslatableString.ErrorsLabel]: 'Kesalahan',
  [TranslatableString.NewStringDefault]: 'Nilai baru',
  [TranslatableString.AddButton]: 'Tambah',
  [TranslatableString.AddItemButton]: 'Tambah butir',
  [TranslatableString.CopyButton]: 'Salin',
  [TranslatableString.ExpandButton]: 'Buka siklus',
  [TranslatableString.MoveDownButton]: 'Pindah ke bawah',
  [TranslatableString.MoveUpButton]: 'Pindah ke atas',
  [TranslatableString.RemoveButton]: 'Hapus',
  [TranslatableString.NowLabel]: 'Sekarang',
  [TranslatableString.ClearLabel]: 'Kosongkan',
  [TranslatableString.AriaDateLabel]: 'Pilih tanggal',
  [TranslatableString.PreviewLabel]: 'Pratinjau',
  [TranslatableString.DecrementAriaLabel]: 'Kurangi 1',
  [TranslatableString.IncrementAriaLabel]: 'Tambah 1',
  [TranslatableString.OptionalObjectAdd]: 'Tambah data untuk isian opsional',
  [TranslatableString.OptionalObjectRemove]: 'Hapus data isian opsional',
  [TranslatableString.OptionalObjectEmptyMsg]: 'Tidak ada data untuk isian opsional',
  [TranslatableString.Type]: 'Jenis',
  [TranslatableString.Value]: 'Nilai',
  [TranslatableString.ClearButton]: 'kosongkan isian',
  [TranslatableString.UnknownFieldType]: 'Jenis isian tidak dikenal: %1',
  [TranslatableString.OptionPrefix]: 'Pilihan %1',
  [TranslatableString.TitleOptionPrefix]: '%1 pilihan %2',
  [TranslatableString.KeyLabel]: 'Kunci %1',
  [TranslatableString.DeprecatedLabel]: '%1 (usang)',
  [TranslatableString.CycleDetected]:
    'Rujukan melingkar ($ref) ditemukan pada isian "%1". Anda dapat membukanya sampai batas siklus berikutnya',
  [TranslatableString.InvalidObjectField]: 'Konfigurasi isian objek "%1" tidak valid: _%2_.',
  [TranslatableString.UnsupportedField]: 'Skema isian tidak didukung.',
  [TranslatableString.UnsupportedFieldWithId]: 'Skema isian `%1` tidak didukung.',
  [TranslatableString.UnsupportedFieldWithReason]: 'Skema isian tidak didukung: _%1_.',
  [TranslatableString.UnsupportedFieldWithIdAndReason]: 'Skema isian `%1` tidak didukung: _%2_.',
  [TranslatableString.FilesInfo]: '**%1** (%2, %3 bita)',
};

/** rjsf's `translateString` for `lang`. */
export function rjsfTranslator(lang: Lang): (key: TranslatableString, params?: string[]) => string {
  if (lang === 'en') return englishStringTranslator;
  return (key, params) => replaceStringParameters(INDONESIAN[key], params);
}

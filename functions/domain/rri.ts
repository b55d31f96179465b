/**
 * The RRI (Instrumen Risiko Residivisme Indonesia, version 02) part A score and category, computed
 * from the answers of the `asesmen-risiko` form, never typed by hand. Weights and cut-offs follow
 * DOMAIN.md §3 [unverified against the official guide].
 */

export interface RriAnswers {
  ditahanUsia16?: boolean;
  pernahDipenjara?: boolean;
  jumlahPasal?: number;
  pelanggaranSyarat?: boolean;
  jumlahPutusanSebelumnya?: number;
  pelanggaranTatib?: boolean;
  diskorsSekolah?: boolean;
  keluargaDipidana?: boolean;
  penyalahgunaanZat?: 'tidak' | 'alkohol' | 'narkoba' | 'keduanya';
  menganggur12Bulan?: boolean;
}

export type RriCategory = 'rendah' | 'sedang' | 'tinggi' | 'sangat tinggi';

export const RRI_MAX_SCORE = 17;

const SUBSTANCE: Record<NonNullable<RriAnswers['penyalahgunaanZat']>, number> = {
  tidak: 0,
  alkohol: 1,
  narkoba: 2,
  keduanya: 3,
};

const yes = (answer: boolean | undefined, points: number) => (answer === true ? points : 0);

/** Part A score, 0–17. Unanswered items count 0. */
export function rriScore(answers: RriAnswers): number {
  const priors = answers.jumlahPutusanSebelumnya ?? 0;
  return (
    yes(answers.ditahanUsia16, 3) +
    yes(answers.pernahDipenjara, 1) +
    ((answers.jumlahPasal ?? 0) >= 3 ? 1 : 0) +
    yes(answers.pelanggaranSyarat, 1) +
    (priors >= 3 ? 4 : priors >= 1 ? 2 : 0) +
    yes(answers.pelanggaranTatib, 1) +
    yes(answers.diskorsSekolah, 1) +
    yes(answers.keluargaDipidana, 1) +
    (answers.penyalahgunaanZat ? SUBSTANCE[answers.penyalahgunaanZat] : 0) +
    yes(answers.menganggur12Bulan, 1)
  );
}

/** Category for a part A score: rendah 0–6, sedang 7–11, tinggi 12–15, sangat tinggi 16–17. */
export function rriCategory(score: number): RriCategory {
  if (score >= 16) return 'sangat tinggi';
  if (score >= 12) return 'tinggi';
  if (score >= 7) return 'sedang';
  return 'rendah';
}

/** RRI part A (forms/asesmen-risiko.json, bagianA) answered with nothing that scores: tests add the items they need. */
export const NO_RISK = {
  ditahanUsia16: false,
  pernahDipenjara: false,
  jumlahPasal: 1,
  pelanggaranSyarat: false,
  jumlahPutusanSebelumnya: 0,
  pelanggaranTatib: false,
  diskorsSekolah: false,
  keluargaDipidana: false,
  penyalahgunaanZat: 'tidak',
  menganggur12Bulan: false,
} as const;

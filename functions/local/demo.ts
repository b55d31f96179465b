/**
 * Fictional content for a laptop: a referral directory and a handful of cases in several stages, so
 * a person trying Kawal sees a caseload at once. Every name here is invented; nothing is seeded twice.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCase } from '../cases/case-files';
import { type ServiceInput, saveService } from '../cases/services';
import { submit } from '../cases/submissions';
import { decideApproval, transition } from '../cases/transitions';
import { SYSTEM_USER, type User } from '../platform/claims';
import { listServices } from '../store/services-repo';

export const DEMO_SERVICES: (ServiceInput & { id: string })[] = [
  {
    id: 'puskesmas-contoh',
    name: 'Puskesmas Contoh Sejahtera',
    type: 'medis',
    address: 'Jl. Contoh Sehat No. 1, Kota Contoh',
    contact: '0000-000-001',
    hours: 'Senin–Sabtu 07.30–14.00',
    notes: 'Data fiktif untuk percobaan.',
  },
  {
    id: 'rsj-contoh',
    name: 'Rumah Sakit Jiwa Contoh',
    type: 'kesehatan-jiwa',
    address: 'Jl. Contoh Tenang No. 2, Kota Contoh',
    contact: '0000-000-002',
    hours: 'Senin–Jumat 08.00–15.00',
    notes: 'Data fiktif untuk percobaan.',
  },
  {
    id: 'ipwl-contoh',
    name: 'IPWL Rehabilitasi Contoh',
    type: 'rehabilitasi-napza',
    address: 'Jl. Contoh Pulih No. 3, Kota Contoh',
    contact: '0000-000-003',
    hours: 'Setiap hari 08.00–20.00',
    notes: 'Institusi penerima wajib lapor (fiktif).',
  },
  {
    id: 'konseling-keluarga-contoh',
    name: 'Layanan Konseling Keluarga Contoh',
    type: 'perkawinan-keluarga',
    address: 'Jl. Contoh Rukun No. 4',
    contact: '0000-000-004',
    hours: 'Selasa–Sabtu 09.00–16.00',
    notes: 'Data fiktif untuk percobaan.',
  },
  {
    id: 'psikolog-contoh',
    name: 'Biro Psikologi Contoh',
    type: 'konseling-individu',
    address: 'Jl. Contoh Bijak No. 5',
    contact: '0000-000-005',
    hours: 'Senin–Jumat 09.00–17.00',
    notes: 'Data fiktif untuk percobaan.',
  },
  {
    id: 'lpka-mentor-contoh',
    name: 'Program Pendampingan Remaja Contoh',
    type: 'remaja',
    address: 'Jl. Contoh Muda No. 6',
    contact: '0000-000-006',
    hours: 'Sabtu 09.00–12.00',
    notes: 'Data fiktif untuk percobaan.',
  },
  {
    id: 'upt-ppa-contoh',
    name: 'UPTD PPA Kota Contoh',
    type: 'anak',
    address: 'Jl. Contoh Aman No. 7',
    contact: '0000-000-007',
    hours: '24 jam (hotline fiktif)',
    notes: 'Data fiktif untuk percobaan.',
  },
  {
    id: 'panti-lansia-contoh',
    name: 'Panti Werdha Contoh',
    type: 'lansia',
    address: 'Jl. Contoh Teduh No. 8',
    contact: '0000-000-008',
    hours: 'Senin–Jumat 08.00–15.00',
    notes: 'Data fiktif untuk percobaan.',
  },
  {
    id: 'kdrt-contoh',
    name: 'Rumah Aman KDRT Contoh',
    type: 'kdrt',
    address: 'Alamat dirahasiakan (fiktif)',
    contact: '0000-000-009',
    hours: '24 jam',
    notes: 'Data fiktif untuk percobaan.',
  },
  {
    id: 'disabilitas-contoh',
    name: 'Pusat Layanan Disabilitas Contoh',
    type: 'disabilitas',
    address: 'Jl. Contoh Setara No. 10',
    contact: '0000-000-010',
    hours: 'Senin–Jumat 08.00–15.00',
    notes: 'Data fiktif untuk percobaan.',
  },
  {
    id: 'pkbm-contoh',
    name: 'PKBM Paket C Contoh',
    type: 'pendidikan',
    address: 'Jl. Contoh Pintar No. 11',
    contact: '0000-000-011',
    hours: 'Senin–Kamis 13.00–17.00',
    notes: 'Data fiktif untuk percobaan.',
  },
  {
    id: 'blk-contoh',
    name: 'Balai Latihan Kerja Contoh (kursus mengemudi)',
    type: 'pekerjaan',
    address: 'Jl. Contoh Terampil No. 12',
    contact: '0000-000-012',
    hours: 'Senin–Jumat 08.00–16.00',
    notes: 'Data fiktif untuk percobaan.',
  },
];

const person = (id: string, office: string): User => ({ id, name: id, roles: ['worker'], office });
const kabapas1: User = { id: 'kabapas1', name: 'kabapas1', roles: ['supervisor'], office: 'bapas-1' };
const kabapas2: User = { id: 'kabapas2', name: 'kabapas2', roles: ['supervisor'], office: 'bapas-2' };

interface DemoCase {
  worker: User;
  body: Parameters<typeof createCase>[1];
  /** In order: a form to submit, or a stage to move to. */
  steps: ({ form: string } | { to: string })[];
}

function example(root: string, formId: string): Record<string, unknown> {
  const form = JSON.parse(readFileSync(join(root, 'forms', `${formId}.json`), 'utf8')) as {
    example: Record<string, unknown>;
  };
  return form.example;
}

const REGISTRATION: Record<string, string> = {
  diversi: 'diversi',
  integrasi: 'pb',
  pembimbingan: 'pembimbingan',
};

/**
 * A form's example, made to fit the demo case: the intake form carries the client's own name, birth
 * date and registration type, and only the first adult case keeps the example's health condition.
 */
function demoData(root: string, formId: string, demo: DemoCase, index: number): unknown {
  const data = example(root, formId);
  if (formId !== 'identifikasi') return data;
  const { client, caseType } = demo.body;
  const child = client.birthDate > '2008-01-01';
  const identitas = {
    ...(data.identitas as Record<string, unknown>),
    nama: client.name,
    tanggalLahir: client.birthDate,
    jenisKelamin: client.sex,
  };
  const registrasi = {
    ...(data.registrasi as Record<string, unknown>),
    kategoriKlien: child ? 'anak' : 'dewasa',
    jenisRegistrasi: REGISTRATION[caseType] ?? 'pembimbingan',
  };
  const {
    kondisiKhusus: _condition,
    keteranganKondisiKhusus: _detail,
    ...needs
  } = data.kebutuhanAwal as Record<string, unknown>;
  const kebutuhanAwal = index === 1 ? data.kebutuhanAwal : { ...needs, penangananKhusus: false };
  return { ...data, identitas, registrasi, kebutuhanAwal };
}

const DEMO_CASES = (pk1: User, pk2: User): DemoCase[] => [
  {
    worker: pk1,
    body: {
      client: { name: 'Adi Contoh', birthDate: '2011-02-03', sex: 'laki-laki' },
      caseType: 'diversi',
      offence: { date: '2026-10-01', threatenedSentenceMonths: 36, repeat: false },
    },
    steps: [{ form: 'identifikasi' }],
  },
  {
    worker: pk1,
    body: {
      client: { name: 'Budi Contoh', birthDate: '1985-04-12', sex: 'laki-laki' },
      caseType: 'integrasi',
      sentence: { months: 60, startDate: '2023-03-01' },
    },
    steps: [
      { form: 'identifikasi' },
      { to: 'assessment' },
      { form: 'asesmen-risiko' },
      { form: 'litmas-integrasi-dewasa' },
    ],
  },
  {
    worker: pk1,
    body: {
      client: { name: 'Citra Contoh', birthDate: '1992-09-30', sex: 'perempuan' },
      caseType: 'pembimbingan',
    },
    steps: [
      { form: 'identifikasi' },
      { to: 'assessment' },
      { to: 'planning' },
      { form: 'rencana-layanan' },
      { to: 'intervention' },
      { to: 'monitoring' },
    ],
  },
  {
    worker: pk1,
    body: {
      client: { name: 'Dedi Contoh', birthDate: '1979-12-01', sex: 'laki-laki' },
      caseType: 'pembimbingan',
    },
    steps: [
      { form: 'identifikasi' },
      { to: 'assessment' },
      { to: 'planning' },
      { form: 'rencana-layanan' },
      { to: 'intervention' },
      { to: 'monitoring' },
      { form: 'catatan-pengawasan' },
      { to: 'accompaniment' },
    ],
  },
  {
    worker: pk2,
    body: {
      client: { name: 'Eka Contoh', birthDate: '1990-06-15', sex: 'perempuan' },
      caseType: 'integrasi',
      sentence: { months: 24, startDate: '2025-06-01' },
    },
    steps: [{ form: 'identifikasi' }, { to: 'assessment' }, { to: 'planning' }],
  },
  {
    worker: pk2,
    body: {
      client: { name: 'Fajar Contoh', birthDate: '2009-08-20', sex: 'laki-laki' },
      caseType: 'diversi',
      offence: { date: '2026-09-10', threatenedSentenceMonths: 48, repeat: false },
    },
    steps: [],
  },
];

/** Seeds the directory and the demo cases once: only when the directory is still empty. */
export async function seedDemo(root: string): Promise<{ services: number; cases: number }> {
  if ((await listServices(undefined, 1)).items.length > 0) return { services: 0, cases: 0 };
  for (const { id, ...service } of DEMO_SERVICES) await saveService(SYSTEM_USER, id, service, 0);
  let cases = 0;
  for (const [index, demo] of DEMO_CASES(person('pk1', 'bapas-1'), person('pk2', 'bapas-2')).entries()) {
    const opened = await createCase(demo.worker, demo.body);
    for (const step of demo.steps) {
      if ('to' in step) {
        const moved = await transition(demo.worker, opened.id, { to: step.to }, undefined, 'id');
        // A move that waits for the Kabapas' approval gets it.
        if (moved.pending) {
          const kabapas = demo.worker.office === 'bapas-1' ? kabapas1 : kabapas2;
          await decideApproval(kabapas, opened.id, 'current', { decision: 'approve' }, 'id');
        }
        continue;
      }
      const data = demoData(root, step.form, demo, index);
      await submit(
        demo.worker,
        opened.id,
        { formId: step.form, data, idempotencyKey: `demo-${opened.id}-${step.form}` },
        'id',
      );
    }
    cases++;
  }
  return { services: DEMO_SERVICES.length, cases };
}

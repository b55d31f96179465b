import { describe, expect, it } from 'vitest';
import { dataFields, dataFieldTitle } from '../../web/src/features/case/reason-data';
import { type CaseProcess, type CaseView, withProcess } from '../../web/src/shared/case-view';

const REASON = {
  id: 'meninggal',
  title: 'Klien meninggal dunia',
  data: {
    type: 'object',
    properties: {
      tanggal: { type: 'string', format: 'date', title: 'Tanggal meninggal' },
      nomorSK: { type: 'string', title: 'Nomor SK' },
      jumlah: { type: 'integer', title: 'Jumlah' },
      dikonfirmasi: { type: 'boolean', title: 'Dikonfirmasi keluarga' },
      sumber: { type: 'string', title: 'Sumber', enum: ['keluarga', 'rumah-sakit'] },
      status: {
        type: ['string', 'null'],
        title: 'Status',
        oneOf: [
          { const: 'final', title: 'Final' },
          { const: 'sementara', title: 'Sementara' },
        ],
      },
      tanpaJudul: { type: 'string' },
      rusak: 'bukan skema',
    },
    required: ['tanggal', 'sumber'],
  },
};

describe('the inputs of a termination reason’s data schema', () => {
  it('maps each property to an input by its type, with titles and what is required', () => {
    expect(
      dataFields(REASON).map(({ name, kind, required, title }) => ({ name, kind, required, title })),
    ).toEqual([
      { name: 'tanggal', kind: 'date', required: true, title: 'Tanggal meninggal' },
      { name: 'nomorSK', kind: 'text', required: false, title: 'Nomor SK' },
      { name: 'jumlah', kind: 'number', required: false, title: 'Jumlah' },
      { name: 'dikonfirmasi', kind: 'boolean', required: false, title: 'Dikonfirmasi keluarga' },
      { name: 'sumber', kind: 'choice', required: true, title: 'Sumber' },
      { name: 'status', kind: 'choice', required: false, title: 'Status' },
      { name: 'tanpaJudul', kind: 'text', required: false, title: 'tanpaJudul' },
    ]);
    const status = dataFields(REASON).find((field) => field.name === 'status');
    expect(status?.choices).toEqual([
      { value: 'final', label: 'Final' },
      { value: 'sementara', label: 'Sementara' },
    ]);
  });

  it('has no inputs for a reason without data', () => {
    expect(dataFields({ id: 'anak-dewasa', title: 'Anak telah berusia 18 tahun' })).toEqual([]);
    expect(dataFields(undefined)).toEqual([]);
  });

  it('names a field a rule says is missing by its title, the first reason declaring it first', () => {
    const other = { id: 'lain', title: 'Lain', data: { properties: { nomorSK: { title: 'SK lain' } } } };
    expect(dataFieldTitle([REASON, other], 'nomorSK')).toBe('Nomor SK');
    expect(dataFieldTitle([other, REASON], 'nomorSK')).toBe('SK lain');
    expect(dataFieldTitle([REASON], 'tidakAda')).toBeUndefined();
    expect(dataFieldTitle([REASON], 3)).toBeUndefined();
  });
});

describe('the case after a change answered with its head only', () => {
  const process: CaseProcess = {
    title: 'Integrasi',
    version: 1,
    stages: [
      { id: 'monitoring', title: 'Pengawasan' },
      { id: 'terminated', title: 'Terminasi' },
    ],
    stageTitle: 'Pengawasan',
    forms: ['catatan-pengawasan'],
    moves: [{ to: 'terminated', title: 'Terminasi', approval: false }],
    termination: { reasons: [] },
  };
  const before = { caseType: 'integrasi', stage: 'monitoring', process } as unknown as CaseView;
  const head = (stage: string) => ({ caseType: 'integrasi', stage }) as unknown as CaseView;

  it('keeps the process while the stage is the same', () => {
    expect(withProcess(before, head('monitoring'))).toEqual({
      view: { ...head('monitoring'), process },
      stale: false,
    });
  });

  it('drops what depends on the stage after a move and asks for a fresh read', () => {
    const { view, stale } = withProcess(before, head('terminated'));
    expect(stale).toBe(true);
    expect(view.process).toMatchObject({ stageTitle: 'Terminasi', forms: [], moves: [] });
  });

  it('takes the process a change brings', () => {
    const fresh = { ...head('terminated'), process: { ...process, stageTitle: 'Terminasi' } };
    expect(withProcess(before, fresh)).toEqual({ view: fresh, stale: false });
  });
});

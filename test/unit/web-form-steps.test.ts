/**
 * How a long form is cut into steps and where a field stands in the form's order
 * (`web/src/features/forms/steps.ts`), on the default forms and on small ones made for the rule.
 */
import { describe, expect, it } from 'vitest';
import { readDefaultForms } from '../../functions/cases/content-packs';
import { comparePositions, formPosition, planSteps, stepSchema } from '../../web/src/features/forms/steps';

const forms = readDefaultForms(new URL('../../forms', import.meta.url).pathname);
const form = (id: string) => {
  const found = forms.find((item) => item.id === id);
  if (!found) throw new Error(`${id} is missing`);
  return found;
};
const planOf = (id: string) => planSteps(form(id).schema, form(id).uiSchema as Record<string, unknown>);

describe('steps of the default forms', () => {
  it('cuts the adult litmas into its 14 parts, in the order the form shows them', () => {
    const plan = planOf('litmas-integrasi-dewasa');
    expect(plan?.steps.map((step) => step.title)).toEqual([
      'Kepala surat dan dasar litmas',
      'Data Pembimbing Kemasyarakatan (PK) penyusun litmas',
      'A. Identitas klien',
      'B. Identitas orang tua / suami-istri / penjamin',
      'I. Riwayat hidup klien',
      'II. Kondisi sosial ekonomi keluarga / penjamin',
      'III. Kondisi lingkungan sosial dan budaya',
      'IV. Riwayat tindak pidana',
      'V. Tanggapan terhadap program integrasi',
      'VI. Evaluasi perkembangan pembinaan',
      'VII. Hasil asesmen risiko dan kebutuhan',
      'VIII. Analisis',
      'IX. Kesimpulan dan rekomendasi',
      'Pengesahan',
    ]);
    expect(plan?.stepOf.get('identitasKlien')).toBe(2);
  });

  it('keeps the small forms on one page, the risk assessment too (its conditional parts do not count)', () => {
    for (const id of ['asesmen-risiko', 'catatan-pengawasan', 'terminasi', 'sidang-tpp', 'rujukan']) {
      expect(planOf(id), id).toBeUndefined();
    }
    expect(planOf('identifikasi')?.steps).toHaveLength(9);
  });

  it('renders a step of the litmas from its own part of the schema', () => {
    const litmas = form('litmas-integrasi-dewasa');
    const own = stepSchema(litmas.schema, ['dataPk']);
    expect(Object.keys((own?.properties as object) ?? {})).toEqual(['dataPk']);
    expect(own?.required).toEqual(['dataPk']);
    // A root with conditions renders whole: a condition may reach across steps.
    expect(stepSchema(form('asesmen-risiko').schema, ['identitas'])).toBeUndefined();
  });
});

describe('steps of a form made for the rule', () => {
  const long = (extra: Record<string, unknown> = {}) => {
    const section = (prefix: string) => ({
      type: 'object',
      title: `Bagian ${prefix}`,
      properties: Object.fromEntries(
        Array.from({ length: 10 }, (_, i) => [`${prefix}${i}`, { type: 'string', title: `${prefix}${i}` }]),
      ),
    });
    return {
      type: 'object',
      properties: {
        a: section('a'),
        catatan: { type: 'string', title: 'Catatan' },
        tanggal: { type: 'string', format: 'date', title: 'Tanggal' },
        b: section('b'),
        c: section('c'),
        ...extra,
      },
    };
  };

  it('gathers the loose fields between parts into a step of their own', () => {
    const plan = planSteps(long(), {});
    expect(plan?.steps.map((step) => [step.fields, step.title ?? null, step.section])).toEqual([
      [['a'], 'Bagian a', true],
      [['catatan', 'tanggal'], null, false],
      [['b'], 'Bagian b', true],
      [['c'], 'Bagian c', true],
    ]);
  });

  it('follows ui:order, and ui:groups where the uiSchema declares them', () => {
    const ordered = planSteps(long(), { 'ui:order': ['c', '*'] });
    expect(ordered?.steps[0]?.fields).toEqual(['c']);
    const grouped = planSteps(long(), {
      'ui:groups': [
        { title: 'Awal', fields: ['a', 'catatan'] },
        { title: 'Akhir', fields: ['b', 'c'] },
      ],
    });
    expect(grouped?.steps.map((step) => [step.title, step.fields])).toEqual([
      ['Awal', ['a', 'catatan']],
      ['Tanggal', ['tanggal']],
      ['Akhir', ['b', 'c']],
    ]);
  });

  it('sorts fields (and so errors) in the order a person meets them', () => {
    const schema = long();
    const uiSchema = { 'ui:order': ['b', '*'], b: { 'ui:order': ['b9', '*'] } };
    const paths = [['a', 'a0'], ['b', 'b0'], ['b', 'b9'], ['catatan'], ['b']];
    const sorted = [...paths].sort((x, y) =>
      comparePositions(formPosition(x, schema, uiSchema), formPosition(y, schema, uiSchema)),
    );
    expect(sorted).toEqual([['b'], ['b', 'b9'], ['b', 'b0'], ['a', 'a0'], ['catatan']]);
  });
});

/** The wiring view's model, connecting a fact, a new fact from a form field, and the packs screen's reading of a pack. */
import { describe, expect, it } from 'vitest';
import type { CaseTypeContent } from '../../functions/domain/case-type';
import type { RulesetDocument, Wiring } from '../../web/src/features/studio/case-types/api';
import {
  connectFact,
  leafConditions,
  newFactNameProblem,
  pathToPointer,
  sourceIn,
  suggestedFactName,
  unreadFacts,
  wiringModel,
} from '../../web/src/features/studio/case-types/wiring-model';
import type { Pack } from '../../web/src/features/studio/packs/api';
import {
  changeCounts,
  describePackPointer,
  itemDocument,
  packRows,
  parsePack,
} from '../../web/src/features/studio/packs/pack-model';

const CONTENT: CaseTypeContent = {
  stages: [
    { id: 'intake', title: 'Identifikasi' },
    { id: 'terminated', title: 'Terminasi' },
  ],
  moves: [{ from: 'intake', to: 'terminated' }],
  facts: [
    { name: 'rriScore', type: 'number', source: { form: 'asesmen-risiko', pointer: '/skorA' } },
    { name: 'ageYears', type: 'number', source: { expression: '$yearsBetween($lahir, $today)' } },
    { name: 'kantor', type: 'string', source: { case: '/office' } },
  ],
  termination: {
    reasonFact: 'alasanTerminasi',
    reasons: [
      {
        id: 'meninggal',
        title: 'Klien meninggal dunia',
        data: { type: 'object', properties: { tanggalMeninggal: { type: 'string', format: 'date' } } },
      },
    ],
  },
};

const RULESET: RulesetDocument = {
  id: 'peninjauan',
  title: 'Peninjauan',
  kind: 'revocation',
  facts: [
    { name: 'rriScore', type: 'number', description: 'Skor RRI' },
    { name: 'meresahkan', type: 'boolean', description: 'Perilaku meresahkan menurut catatan' },
  ],
  rules: [
    {
      name: 'Risiko tinggi',
      conditions: { all: [{ fact: 'rriScore', operator: 'greaterThanInclusive', value: 7 }] },
    },
    {
      name: 'Meresahkan',
      conditions: {
        any: [
          { fact: 'meresahkan', operator: 'equal', value: true },
          {
            not: {
              fact: 'form:catatan',
              path: "$.pelanggaran['tindak pidana']",
              operator: 'equal',
              value: 'tidak',
            },
          },
        ],
      },
    },
    { conditions: { all: [{ fact: 'kantor', operator: 'equal', value: { fact: 'rriScore' } }] } },
  ],
};

const WIRING: Wiring = {
  caseType: 'uji',
  version: 2,
  rulesets: [
    {
      id: 'peninjauan',
      title: 'Peninjauan',
      kind: 'revocation',
      facts: [
        {
          name: 'rriScore',
          type: 'number',
          source: { kind: 'form', form: 'asesmen-risiko', pointer: '/skorA' },
        },
        { name: 'meresahkan', type: 'boolean', source: null },
      ],
    },
  ],
};

describe('the wiring model', () => {
  it('lists every leaf condition of nested all / any / not', () => {
    const rule = RULESET.rules?.[1];
    expect(leafConditions(rule?.conditions).map((leaf) => leaf.fact)).toEqual(['meresahkan', 'form:catatan']);
  });

  it('turns a rule path into the pointer of the field', () => {
    expect(pathToPointer('$.pelanggaran.meresahkan')).toBe('/pelanggaran/meresahkan');
    expect(pathToPointer("$.a['b c'][0]")).toBe('/a/b c/0');
    expect(pathToPointer('$')).toBe('');
    expect(pathToPointer(undefined)).toBe('');
  });

  it('finds where the content provides a fact, as the server does', () => {
    expect(sourceIn(CONTENT, 'rriScore')).toEqual({
      kind: 'form',
      form: 'asesmen-risiko',
      pointer: '/skorA',
    });
    expect(sourceIn(CONTENT, 'ageYears')).toEqual({
      kind: 'expression',
      expression: '$yearsBetween($lahir, $today)',
    });
    expect(sourceIn(CONTENT, 'kantor')).toEqual({ kind: 'case', pointer: '/office' });
    expect(sourceIn(CONTENT, 'alasanTerminasi')).toEqual({ kind: 'termination', reason: '*' });
    expect(sourceIn(CONTENT, 'tanggalMeninggal')).toEqual({ kind: 'termination', reason: 'meninggal' });
    expect(sourceIn(CONTENT, 'meresahkan')).toBeNull();
  });

  it('marks a fact nothing provides as unconnected, with the rules that read it', () => {
    const [model] = wiringModel(WIRING, new Map([[RULESET.id, RULESET]]), CONTENT);
    expect(model?.unconnected).toBe(1);
    expect(model?.facts.map((fact) => [fact.name, fact.status, fact.rules])).toEqual([
      ['rriScore', 'connected', ['Risiko tinggi', '#3']],
      ['meresahkan', 'unconnected', ['Meresahkan']],
    ]);
    expect(model?.facts[1]?.description).toBe('Perilaku meresahkan menurut catatan');
    expect(model?.direct).toEqual([
      { form: 'catatan', pointer: '/pelanggaran/tindak pidana', rules: ['Meresahkan'] },
    ]);
  });

  it('shows a fact connected in the draft as such, and one the draft drops', () => {
    const connected = connectFact(
      CONTENT,
      { name: 'meresahkan', type: 'boolean', description: 'Perilaku meresahkan' },
      'catatan',
      '/pelanggaran/meresahkan',
    );
    expect(connected.facts?.at(-1)).toEqual({
      name: 'meresahkan',
      type: 'boolean',
      description: 'Perilaku meresahkan',
      source: { form: 'catatan', pointer: '/pelanggaran/meresahkan' },
    });
    expect(CONTENT.facts).toHaveLength(3);
    const [after] = wiringModel(WIRING, new Map([[RULESET.id, RULESET]]), connected);
    expect(after?.facts.find((fact) => fact.name === 'meresahkan')).toMatchObject({
      status: 'draft',
      published: null,
      edited: { kind: 'form', form: 'catatan', pointer: '/pelanggaran/meresahkan' },
    });
    expect(after?.unconnected).toBe(0);
    const dropped = { ...connected, facts: connected.facts?.filter((fact) => fact.name !== 'rriScore') };
    const [without] = wiringModel(WIRING, new Map([[RULESET.id, RULESET]]), dropped);
    expect(without?.facts.find((fact) => fact.name === 'rriScore')?.status).toBe('dropped');
    expect(without?.unconnected).toBe(1);
  });

  it('replaces an earlier declaration of the fact it connects', () => {
    const again = connectFact(CONTENT, { name: 'rriScore', type: 'number' }, 'asesmen-risiko', '/skorB');
    expect(again.facts?.filter((fact) => fact.name === 'rriScore')).toEqual([
      { name: 'rriScore', type: 'number', source: { form: 'asesmen-risiko', pointer: '/skorB' } },
    ]);
  });
});

const PACK: Pack = {
  format: 'kawal-pack/1',
  exportedAt: '2026-12-01T00:00:00.000Z',
  forms: [
    {
      id: 'rujukan',
      title: 'Rujukan Klien',
      description: '',
      content: { schema: {} },
      version: 1,
      versions: [],
    },
    {
      id: 'baru',
      title: 'Formulir baru',
      description: 'x',
      content: { schema: {} },
      version: 1,
      versions: [],
    },
  ],
  rulesets: [{ id: 'terminasi', title: 'Terminasi', description: '', content: {}, version: 2, versions: [] }],
  caseTypes: [
    {
      id: 'pemindahan',
      title: 'Pemindahan',
      description: '',
      content: { stages: [] },
      version: 1,
      versions: [],
    },
  ],
};

describe('a new fact from a form field', () => {
  it('lists the facts no ruleset the type runs reads, a new one as only in the draft', () => {
    expect(unreadFacts(WIRING, CONTENT, CONTENT).map((fact) => [fact.name, fact.status])).toEqual([
      ['ageYears', 'connected'],
      ['kantor', 'connected'],
    ]);
    const added = connectFact(
      CONTENT,
      { name: 'rumahDikunjungi', type: 'boolean', description: 'Kunjungan rumah' },
      'litmas',
      '/penjamin/rumahDikunjungi',
    );
    // Only in the draft: first.
    expect(unreadFacts(WIRING, added, CONTENT)[0]).toEqual({
      name: 'rumahDikunjungi',
      type: 'boolean',
      description: 'Kunjungan rumah',
      source: { kind: 'form', form: 'litmas', pointer: '/penjamin/rumahDikunjungi' },
      status: 'draft',
    });
    // Published, it is connected; once a ruleset declares it, it is listed with that ruleset instead.
    expect(unreadFacts(WIRING, added, added).map((fact) => [fact.name, fact.status])).toEqual([
      ['ageYears', 'connected'],
      ['kantor', 'connected'],
      ['rumahDikunjungi', 'connected'],
    ]);
    const read: Wiring = {
      ...WIRING,
      rulesets: [
        {
          id: 'kelayakan',
          title: 'Kelayakan',
          kind: 'eligibility',
          facts: [{ name: 'rumahDikunjungi', type: 'boolean', source: null }],
        },
      ],
    };
    expect(unreadFacts(read, added, added).map((fact) => fact.name)).not.toContain('rumahDikunjungi');
  });

  it('offers the field’s key as the name, and refuses a name that is taken, built in or malformed', () => {
    expect(suggestedFactName('/kondisiSosialPenjamin/rumahDikunjungi')).toBe('rumahDikunjungi');
    expect(suggestedFactName('/bagian/tindak pidana')).toBe('');
    expect(newFactNameProblem(CONTENT, 'rumahDikunjungi')).toBeUndefined();
    expect(newFactNameProblem(CONTENT, 'rriScore')).toBe('taken');
    // A termination reason's data already provides it.
    expect(newFactNameProblem(CONTENT, 'tanggalMeninggal')).toBe('taken');
    expect(newFactNameProblem(CONTENT, 'today')).toBe('builtin');
    expect(newFactNameProblem(CONTENT, 'rumah dikunjungi')).toBe('pattern');
    expect(newFactNameProblem(CONTENT, '')).toBe('pattern');
  });
});

describe('reading a pack', () => {
  it('refuses what is not a pack before sending anything', () => {
    expect(parsePack('{')).toEqual({ ok: false, problem: 'json' });
    expect(parsePack('{"format":"lain"}')).toEqual({ ok: false, problem: 'format' });
    expect(parsePack('{"format":"kawal-pack/1","forms":[]}')).toEqual({ ok: false, problem: 'empty' });
    expect(parsePack(JSON.stringify(PACK))).toEqual({ ok: true, pack: PACK });
  });

  it('joins the dry run to the items, changed first, then new, then the same', () => {
    const rows = packRows(PACK, [
      { kind: 'form', id: 'rujukan', change: 'same' },
      { kind: 'form', id: 'baru', change: 'new' },
      { kind: 'ruleset', id: 'terminasi', change: 'changed' },
      { kind: 'caseType', id: 'pemindahan', change: 'changed' },
    ]);
    expect(rows.map((row) => [row.kind, row.title, row.change])).toEqual([
      ['ruleset', 'Terminasi', 'changed'],
      ['caseType', 'Pemindahan', 'changed'],
      ['form', 'Formulir baru', 'new'],
      ['form', 'Rujukan Klien', 'same'],
    ]);
    expect(changeCounts(rows)).toEqual({ changed: 2, new: 1, same: 1 });
  });

  it('gives the document a draft would hold, and names a refused place by the item title', () => {
    expect(itemDocument(PACK.forms[1] as Pack['forms'][number])).toEqual({
      title: 'Formulir baru',
      description: 'x',
      schema: {},
    });
    expect(describePackPointer(PACK, '/caseTypes/0/content/stages/1/title')).toEqual({
      kind: 'caseType',
      title: 'Pemindahan',
      rest: 'stages › 1 › title',
    });
    expect(describePackPointer(PACK, '/format')).toEqual({ rest: '' });
  });
});

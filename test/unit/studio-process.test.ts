/** The case type screens' pure logic: the diagram's graph and layout, the process in words, structured edits. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CaseTypeContent } from '../../functions/domain/case-type';
import type { RulesetDocument } from '../../web/src/features/studio/case-types/api';
import { describeCaseTypePath, pointerSegments } from '../../web/src/features/studio/case-types/describe';
import {
  addMove,
  offeredIn,
  setDeadlineLength,
  setFormOffered,
  setStageTitle,
} from '../../web/src/features/studio/case-types/edit-model';
import { fieldTitles, formFields, typeFits } from '../../web/src/features/studio/case-types/form-fields';
import {
  ANY_STAGE,
  layoutProcess,
  processGraph,
  wrapText,
} from '../../web/src/features/studio/case-types/process-graph';
import {
  deadlineWords,
  lengthWords,
  listWords,
  namesFor,
  selectRulesets,
  stageDetails,
  triggerLines,
} from '../../web/src/features/studio/case-types/process-words';
import { type ProcessKey, processTexts } from '../../web/src/features/studio/case-types/texts';

const t = (key: ProcessKey, params?: Record<string, string | number>) => processTexts('id', key, params);

const read = <T>(path: string): T =>
  JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')) as T;
const pembimbingan = read<CaseTypeContent & { id: string }>('rules/case-types/pembimbingan.json');
const diversi = read<CaseTypeContent & { id: string }>('rules/case-types/diversi.json');
const catatan = read<{ title: string; schema: Record<string, unknown> }>('forms/catatan-pengawasan.json');

const FORMS = new Map([
  ['catatan-pengawasan', { title: catatan.title }],
  ['rencana-layanan', { title: 'Rencana Layanan' }],
  ['identifikasi', { title: 'Identifikasi' }],
  ['litmas-anak', { title: 'Litmas Anak' }],
]);

function ruleset(id: string, kind: string, caseTypes?: string[]): RulesetDocument {
  return { id, title: `Aturan ${id}`, kind, ...(caseTypes ? { caseTypes } : {}) };
}
const RULESETS = new Map(
  [
    ruleset('prioritas', 'priority'),
    ruleset('prioritas-perlindungan-anak', 'priority', ['perlindungan-anak']),
    ruleset('peninjauan-pencabutan', 'revocation'),
    ruleset('jadwal-pengawasan', 'schedule'),
    ruleset('terminasi', 'termination'),
    ruleset('diversi', 'eligibility'),
  ].map((r) => [r.id, r]),
);

describe('the process graph', () => {
  it('has one node per stage in order, and one "any open stage" node for the * moves', () => {
    const graph = processGraph(pembimbingan, ['Terminasi kasus']);
    expect(graph.nodes.filter((node) => !node.any).map((node) => node.title)).toEqual(
      pembimbingan.stages.map((stage) => stage.title),
    );
    expect(graph.nodes.filter((node) => node.any)).toHaveLength(1);
    expect(graph.nodes.find((node) => node.initial)?.id).toBe('intake');
    expect(graph.nodes.find((node) => node.closed)?.id).toBe('terminated');
  });

  it('has one edge per move, with approval, roles and the closing rules', () => {
    const graph = processGraph(pembimbingan, ['Terminasi kasus']);
    expect(graph.edges).toHaveLength(pembimbingan.moves.length);
    expect(graph.edges.find((edge) => edge.from === 'planning' && edge.to === 'intervention')).toMatchObject({
      approval: true,
      gates: [],
    });
    expect(graph.edges.find((edge) => edge.from === ANY_STAGE)).toMatchObject({
      to: 'terminated',
      approval: false,
      gates: ['Terminasi kasus'],
    });
    expect(graph.edges.find((edge) => edge.from === 'terminated' && edge.to === 'intake')?.roles).toEqual([
      'supervisor',
    ]);
  });

  it('draws no "any" node without * moves, and skips moves naming undeclared stages', () => {
    const graph = processGraph({
      stages: [
        { id: 'a', title: 'A' },
        { id: 'terminated', title: 'Selesai' },
      ],
      moves: [
        { from: 'a', to: 'terminated' },
        { from: 'a', to: 'hilang' },
      ],
    });
    expect(graph.nodes.map((node) => node.id)).toEqual(['a', 'terminated']);
    expect(graph.edges).toHaveLength(1);
  });

  it('lays out every node and edge with finite coordinates, boxes apart, labels where asked', () => {
    const graph = processGraph(pembimbingan, ['Terminasi kasus']);
    const layout = layoutProcess(
      graph,
      (node) => (node.any ? 'Setiap tahap terbuka' : node.title),
      (edge) => (edge.approval ? ['perlu persetujuan Kabapas'] : []),
    );
    expect(layout.width).toBeGreaterThan(0);
    expect(layout.height).toBeGreaterThan(0);
    expect(layout.nodes).toHaveLength(graph.nodes.length);
    for (const node of layout.nodes) {
      expect(Number.isFinite(node.x) && Number.isFinite(node.y)).toBe(true);
      expect(node.x - node.width / 2).toBeGreaterThanOrEqual(0);
      expect(node.y + node.height / 2).toBeLessThanOrEqual(layout.height);
    }
    for (const [i, a] of layout.nodes.entries())
      for (const b of layout.nodes.slice(i + 1)) {
        const apart =
          Math.abs(a.x - b.x) >= (a.width + b.width) / 2 || Math.abs(a.y - b.y) >= (a.height + b.height) / 2;
        expect(apart, `${a.id} and ${b.id} overlap`).toBe(true);
      }
    expect(layout.edges.every((edge) => edge.points.length >= 2)).toBe(true);
    const labelled = layout.edges.filter((edge) => edge.label);
    expect(labelled.map((edge) => `${edge.from}>${edge.to}`)).toEqual(['planning>intervention']);
    expect(labelled[0]?.label?.lines).toEqual(['perlu persetujuan Kabapas']);
  });

  it('puts the stages down in their declared order, the closing stage last, and points moves back at their target', () => {
    const layout = layoutProcess(
      processGraph(pembimbingan),
      (node) => node.title,
      () => [],
    );
    const y = (id: string) => layout.nodes.find((node) => node.id === id)?.y ?? Number.NaN;
    const path = [
      'intake',
      'assessment',
      'planning',
      'intervention',
      'monitoring',
      'accompaniment',
      'terminated',
    ];
    for (const [i, stage] of path.slice(1).entries())
      expect(y(stage), `${stage} below ${path[i]}`).toBeGreaterThan(y(path[i] ?? ''));
    const reopen = layout.edges.find((edge) => edge.from === 'terminated' && edge.to === 'intake');
    const intake = layout.nodes.find((node) => node.id === 'intake');
    const end = reopen?.points.at(-1);
    if (!end || !intake) throw new Error('missing');
    expect(Math.abs(end.y - intake.y)).toBeLessThanOrEqual(intake.height / 2 + 1);
  });

  it('wraps titles at spaces, and cuts a word longer than a line', () => {
    expect(wrapText('Pemeriksaan seluruh berkas klien', 12)).toEqual([
      'Pemeriksaan',
      'seluruh',
      'berkas klien',
    ]);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('', 4)).toEqual(['']);
  });
});

describe('the process in words', () => {
  const names = namesFor(pembimbingan, FORMS, RULESETS, (form, pointer) =>
    form === 'catatan-pengawasan' ? fieldTitles(catatan.schema, pointer).join(' › ') : pointer,
  );

  it('says a deadline length with its unit', () => {
    expect(lengthWords({ workingDays: 7 }, t)).toBe('7 hari kerja');
    expect(lengthWords({ hours: 72 }, t)).toBe('72 jam');
    expect(lengthWords({ months: 6 }, t)).toBe('6 bulan');
    expect(lengthWords({ calendarDays: 1 }, t)).toBe('1 hari kalender');
    expect(processTexts('en', 'length.workingDays.one', { n: 1 })).toBe('1 working day');
  });

  it('says from when a deadline runs, what meets it and where it holds', () => {
    const byId = (id: string) => {
      const found = pembimbingan.deadlines?.find((deadline) => deadline.id === id);
      if (!found) throw new Error(id);
      return deadlineWords(found, pembimbingan, names, t);
    };
    expect(byId('pelimpahan-bimbingan')).toMatchObject({
      when: '10 hari kerja sejak pelimpahan ke kantor lain diajukan',
      metBy: 'Dipenuhi bila kantor tujuan menerima pelimpahan.',
      repeats: false,
    });
    expect(byId('laporan-pengawasan')).toMatchObject({
      when: '1 bulan sejak kasus masuk tahap Pengawasan dan Pendampingan',
      metBy: `Dipenuhi bila ${catatan.title} dikirim.`,
      repeats: true,
      onlyIn: 'Hanya berlaku selama tahap Pengawasan dan Pendampingan.',
      setByRules: true,
    });
    expect(byId('tinjau-pencabutan').when).toBe('3 hari kerja sejak tanda «Peninjauan pencabutan» muncul');
    expect(byId('pengiriman-berkas-pindah').when).toBe(
      '10 hari kerja sejak kasus diterminasi dengan alasan Klien pindah (pelimpahan ke Bapas lain)',
    );
    expect(byId('pemeriksaan-berkas').when).toBe('6 bulan sejak kasus dibuka');
  });

  it('counts from a date field by its title', () => {
    const deadline = diversi.deadlines?.find((candidate) => candidate.id === 'litmas-diversi');
    if (!deadline) throw new Error('litmas-diversi');
    const words = deadlineWords(
      deadline,
      diversi,
      {
        ...names,
        field: (_form, pointer) => (pointer === '/tanggalPenting/waktuDiterima' ? 'Waktu diterima' : '?'),
      },
      t,
    );
    expect(words.when).toBe('72 jam sejak tanggal «Waktu diterima» pada Identifikasi');
  });

  it('picks rulesets per kind as the server does: those naming the type, else those naming none; then by id', () => {
    expect(selectRulesets({ kinds: ['priority'] }, 'pembimbingan', RULESETS)).toEqual(['prioritas']);
    expect(selectRulesets({ kinds: ['priority'] }, 'perlindungan-anak', RULESETS)).toEqual([
      'prioritas-perlindungan-anak',
    ]);
    expect(
      selectRulesets({ kinds: ['revocation'], ids: ['diversi', 'hilang'] }, 'diversi', RULESETS),
    ).toEqual(['peninjauan-pencabutan', 'diversi']);
  });

  it('groups the triggers by moment, with ruleset titles', () => {
    const lines = triggerLines(pembimbingan, 'pembimbingan', RULESETS, names, t);
    expect(lines.find((line) => line.when === 'Saat kasus dibuka')?.rulesets).toEqual(['Aturan prioritas']);
    expect(lines.find((line) => line.when === 'Setiap hari')?.rulesets).toEqual([
      'Aturan prioritas',
      'Aturan peninjauan-pencabutan',
      'Aturan jadwal-pengawasan',
    ]);
    expect(listWords(['A', 'B', 'C'], t)).toBe('A, B dan C');
  });

  it('says what belongs to a stage: its forms, its deadlines and where a case goes next', () => {
    const monitoring = stageDetails(pembimbingan, 'monitoring');
    expect(monitoring.forms).toContain('catatan-pengawasan');
    expect(monitoring.forms).not.toContain('identifikasi');
    expect(monitoring.deadlines.map((deadline) => deadline.id)).toEqual(['laporan-pengawasan']);
    expect(monitoring.movesTo.map((move) => move.to)).toEqual(['accompaniment', 'planning', 'terminated']);
    const intake = stageDetails(pembimbingan, 'intake');
    expect(intake.deadlines.map((deadline) => deadline.id)).toEqual(['pemeriksaan-berkas']);
    const closed = stageDetails(pembimbingan, 'terminated');
    expect(closed.forms).toEqual([]);
    expect(closed.deadlines.map((deadline) => deadline.id)).toEqual(['pengiriman-berkas-pindah']);
  });

  it('names a place in the document by titles', () => {
    const doc = { ...pembimbingan, title: 'Pembimbingan' };
    expect(describeCaseTypePath(doc, pointerSegments('/stages/1/title'), t)).toBe('Tahap «Asesmen» › Judul');
    expect(describeCaseTypePath(doc, pointerSegments('/deadlines/0/length/months'), t)).toBe(
      'Tenggat «Pemeriksaan seluruh berkas klien» › length › months',
    );
    expect(describeCaseTypePath(doc, pointerSegments('/moves/2'), t)).toBe(
      'Perpindahan Perencanaan → Intervensi',
    );
    expect(describeCaseTypePath(doc, pointerSegments('/termination/reasons/0/data'), t)).toBe(
      'Alasan terminasi «Klien meninggal dunia» › data',
    );
    expect(describeCaseTypePath(doc, pointerSegments(''), t)).toBe('Seluruh dokumen');
    expect(pointerSegments('/a~1b/0')).toEqual(['a/b', 0]);
  });
});

describe('structured edits', () => {
  it('renames a stage and changes a deadline without touching the input', () => {
    const renamed = setStageTitle(pembimbingan, 'monitoring', 'Pengawasan lapangan');
    expect(renamed.stages.find((stage) => stage.id === 'monitoring')?.title).toBe('Pengawasan lapangan');
    expect(pembimbingan.stages.find((stage) => stage.id === 'monitoring')?.title).toBe('Pengawasan');
    const longer = setDeadlineLength(pembimbingan, 'pelimpahan-bimbingan', 'calendarDays', 14);
    expect(longer.deadlines?.find((deadline) => deadline.id === 'pelimpahan-bimbingan')?.length).toEqual({
      calendarDays: 14,
    });
  });

  it('offers a form in a stage, stops offering it, and drops an entry left with no stage', () => {
    expect(offeredIn(pembimbingan, 'terminasi', 'intake')).toBe(true); // no stages: every open stage
    const narrowed = setFormOffered(pembimbingan, 'terminasi', 'intake', false);
    expect(narrowed.forms?.find((entry) => entry.form === 'terminasi')?.stages).toEqual([
      'assessment',
      'planning',
      'intervention',
      'monitoring',
      'accompaniment',
    ]);
    const added = setFormOffered(pembimbingan, 'pengaduan', 'monitoring', true);
    expect(added.forms?.at(-1)).toEqual({ form: 'pengaduan', stages: ['monitoring'] });
    const removed = setFormOffered(added, 'pengaduan', 'monitoring', false);
    expect(removed.forms?.some((entry) => entry.form === 'pengaduan')).toBe(false);
    const widened = setFormOffered(pembimbingan, 'identifikasi', 'planning', true);
    expect(widened.forms?.find((entry) => entry.form === 'identifikasi')?.stages).toEqual([
      'intake',
      'assessment',
      'planning',
    ]);
  });

  it('adds a move, replacing one between the same stages', () => {
    const added = addMove(pembimbingan, {
      from: 'assessment',
      to: 'intake',
      approval: false,
      supervisorOnly: true,
    });
    expect(added.moves.at(-1)).toEqual({ from: 'assessment', to: 'intake', roles: ['supervisor'] });
    const replaced = addMove(added, {
      from: 'assessment',
      to: 'intake',
      approval: true,
      supervisorOnly: false,
    });
    expect(replaced.moves.filter((move) => move.from === 'assessment' && move.to === 'intake')).toEqual([
      { from: 'assessment', to: 'intake', approval: true },
    ]);
    expect(replaced.moves).toHaveLength(pembimbingan.moves.length + 1);
  });
});

describe('form fields by title', () => {
  it('lists the fields with their titles, pointers and fact types, walking into groups', () => {
    const fields = formFields(catatan.schema);
    const disturb = fields.find((field) => field.pointer === '/pelanggaran/meresahkanMasyarakat');
    expect(disturb?.titles).toEqual([
      'Pelanggaran dan perubahan keadaan',
      'Perilaku klien menimbulkan keresahan masyarakat',
    ]);
    expect(disturb?.type).toBe('boolean');
    expect(fields.find((field) => field.pointer === '/tanggal')?.type).toBe('date');
    expect(fields.some((field) => field.pointer === '/pelanggaran')).toBe(false);
    expect(
      formFields(catatan.schema, { groups: true }).some((field) => field.pointer === '/pelanggaran'),
    ).toBe(true);
    expect(fieldTitles(catatan.schema, '/pelanggaran/meresahkanMasyarakat').join(' › ')).toBe(
      'Pelanggaran dan perubahan keadaan › Perilaku klien menimbulkan keresahan masyarakat',
    );
  });

  it('finds fields in conditional parts and behind local references', () => {
    const schema = {
      type: 'object',
      definitions: { tanggal: { type: 'string', format: 'date', title: 'Tanggal' } },
      properties: { ada: { type: 'boolean', title: 'Ada' } },
      if: { properties: { ada: { const: true } } },
      then: { properties: { kapan: { $ref: '#/definitions/tanggal' } } },
      allOf: [{ properties: { jumlah: { type: 'integer', title: 'Jumlah' } } }],
    };
    expect(formFields(schema).map((field) => [field.pointer, field.type])).toEqual([
      ['/ada', 'boolean'],
      ['/jumlah', 'number'],
      ['/kapan', 'date'],
    ]);
  });

  it('fits field types to fact types as the server checks them', () => {
    expect(typeFits('string', 'date')).toBe(true);
    expect(typeFits('date', 'string')).toBe(false);
    expect(typeFits('number', 'unknown')).toBe(true);
    expect(typeFits('boolean', 'number')).toBe(false);
  });
});

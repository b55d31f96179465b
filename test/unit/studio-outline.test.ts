/**
 * The forms editor's outline and its way back into the form's JSON: reading, writing back without
 * changing what was not edited (every default form), and each edit an administrator makes.
 */
import { describe, expect, it } from 'vitest';
import { readDefaultForms } from '../../functions/cases/content-packs';
import { formDefinitionProblems } from '../../functions/validation/form-definition';
import {
  addNode,
  applyOutline,
  type FormDoc,
  freeKey,
  keyFromTitle,
  moveIntoSection,
  moveNode,
  moveOutOfSection,
  newNode,
  nodeAt,
  nodePathOf,
  type Outline,
  OutlineError,
  outlineOf,
  removeNode,
  renameNode,
  reuseEqual,
  sameJson,
  titlesAlong,
  updateNode,
} from '../../web/src/features/studio/forms/outline';

const ROOT = new URL('../../', import.meta.url).pathname;
const forms = readDefaultForms(`${ROOT}forms`).map((form): [string, FormDoc] => [
  form.id,
  {
    title: form.title,
    description: form.description ?? '',
    schema: form.schema,
    uiSchema: form.uiSchema ?? {},
  },
]);
const litmas = forms.find(([id]) => id === 'litmas-integrasi-dewasa')?.[1] as FormDoc;

/** A deep copy, so a test that changes a document by mistake cannot hide it. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const frozen = (doc: FormDoc): FormDoc => deepFreeze(copy(doc));
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const edit = (doc: FormDoc, change: (outline: Outline) => Outline) =>
  applyOutline(doc, change(outlineOf(doc)));

describe('the outline of every default form', () => {
  it.each(forms)('%s comes back unchanged when nothing is edited (key order included)', (_id, doc) => {
    const before = frozen(doc);
    const after = applyOutline(before, outlineOf(before));
    expect(after).toBe(before);
    expect(JSON.stringify(after)).toBe(JSON.stringify(doc));
  });

  it.each(forms)('%s comes back unchanged when every entry is written back as it was read', (_id, doc) => {
    const before = frozen(doc);
    // A copy of the outline whose entries are new objects with the same values and sources.
    const outline: Outline = JSON.parse(JSON.stringify(outlineOf(before)));
    expect(JSON.stringify(applyOutline(before, outline))).toBe(JSON.stringify(doc));
  });

  it.each(forms)(
    '%s: moving an entry down and up again, and renaming there and back, is no change',
    (_id, doc) => {
      const before = frozen(doc);
      const first = outlineOf(before).children.find((node) => node.kind === 'section');
      if (!first) throw new Error('a form without sections');
      const field = first.children.find((node) => node.kind !== 'conditional' && node.kind !== 'section');
      if (!field || first.children.length < 2) return;
      const path = [first.key, field.key];
      const down = moveNode(outlineOf(before), path, field === first.children.at(-1) ? -1 : 1);
      const back = moveNode(down, path, field === first.children.at(-1) ? 1 : -1);
      expect(JSON.stringify(applyOutline(before, back))).toBe(JSON.stringify(doc));
      const renamed = applyOutline(before, renameNode(outlineOf(before), path, 'namaSementara'));
      const again = applyOutline(
        renamed,
        renameNode(outlineOf(renamed), [first.key, 'namaSementara'], field.key),
      );
      expect(again).toEqual(doc);
    },
  );

  it('reads sections, fields, choices, yes/no, bounds, help, sensitivity and calculations', () => {
    const outline = outlineOf(litmas);
    expect(outline.children.map((node) => node.key)).toEqual(litmas.uiSchema['ui:order']);
    const pendahuluan = nodeAt(outline, ['pendahuluan']);
    expect(pendahuluan).toMatchObject({
      kind: 'section',
      title: 'Kepala surat dan dasar litmas',
      required: true,
    });
    expect(nodeAt(outline, ['pendahuluan', 'jenisLitmas'])).toMatchObject({
      kind: 'choice',
      required: true,
      options: expect.arrayContaining([{ value: 'pb', title: 'Pembebasan Bersyarat (PB)' }]),
    });
    expect(nodeAt(outline, ['pendahuluan', 'nomorSuratPermintaan'])).toMatchObject({
      kind: 'text',
      minLength: 1,
      maxLength: 200,
    });
    expect(nodeAt(outline, ['pendahuluan', 'tanggalSuratPermintaan'])).toMatchObject({
      kind: 'date',
      required: false,
    });
    expect(nodeAt(outline, ['pendahuluan', 'dasarHukum'])).toMatchObject({ kind: 'longText' });
    expect(nodeAt(outline, ['pendahuluan', 'pasal'])).toMatchObject({ kind: 'list' });
    expect(nodeAt(outline, ['pendahuluan', 'instansiPeminta'])?.help).toBe(
      'Misalnya Lapas Kelas IIA ... atau Rutan ...',
    );
    const all = JSON.stringify(outline);
    expect(all).toContain('"kind":"yesNo"');
    expect(all).toContain('"sensitive":true');
    expect(all).toContain('"calculate"');
    // A field the section declares only in an if/then part is listed where ui:order puts it.
    expect(nodeAt(outline, ['evaluasiPembinaan', 'tanggalRegisterFTerakhir'])).toMatchObject({
      kind: 'conditional',
    });
  });
});

describe('editing the outline', () => {
  const base = frozen(litmas);

  it('adds a field to a section: schema, required, ui:order and help, nothing else', () => {
    const field = {
      ...newNode('text', 'nomorTeleponPenjamin', 'Nomor telepon penjamin'),
      required: true,
      help: 'Nomor yang dapat dihubungi.',
    };
    const after = edit(base, (outline) => addNode(outline, ['pendahuluan'], field, 2));
    const section = after.schema.properties as Record<string, Record<string, unknown>>;
    expect(section.pendahuluan?.properties).toMatchObject({
      nomorTeleponPenjamin: { type: 'string', title: 'Nomor telepon penjamin', maxLength: 500 },
    });
    expect(section.pendahuluan?.required).toEqual([
      'jenisLitmas',
      'nomorSuratPermintaan',
      'instansiPeminta',
      'nomorTeleponPenjamin',
    ]);
    const ui = after.uiSchema.pendahuluan as Record<string, unknown>;
    expect((ui['ui:order'] as string[]).slice(0, 4)).toEqual([
      'jenisLitmas',
      'nomorSuratPermintaan',
      'nomorTeleponPenjamin',
      'tanggalSuratPermintaan',
    ]);
    expect(ui.nomorTeleponPenjamin).toEqual({ 'ui:help': 'Nomor yang dapat dihubungi.' });
    // Other sections are the very same objects.
    expect(section.dataPk).toBe((base.schema.properties as Record<string, unknown>).dataPk);
    expect(formDefinitionProblems(after, 'id')).toEqual([]);
    // And removing it again gives the form back.
    expect(edit(after, (outline) => removeNode(outline, ['pendahuluan', 'nomorTeleponPenjamin']))).toEqual(
      litmas,
    );
  });

  it('changes title, help, required, bounds, sensitivity and calculation of a field', () => {
    const path = ['pendahuluan', 'nomorRegister'];
    const after = edit(base, (outline) =>
      updateNode(outline, path, {
        title: 'Nomor register',
        help: 'Dari buku register.',
        required: true,
        minLength: 3,
        maxLength: undefined,
        sensitive: true,
        calculate: '$string(1)',
      }),
    );
    const section = (after.schema.properties as Record<string, Record<string, unknown>>).pendahuluan ?? {};
    expect((section.properties as Record<string, unknown>).nomorRegister).toEqual({
      type: 'string',
      title: 'Nomor register',
      minLength: 3,
      'x-sensitive': true,
      'x-calculate': '$string(1)',
      readOnly: true,
    });
    expect(section.required).toContain('nomorRegister');
    expect((after.uiSchema.pendahuluan as Record<string, unknown>).nomorRegister).toEqual({
      'ui:help': 'Dari buku register.',
    });
    // Clearing the calculation makes the field editable again.
    const cleared = edit(after, (outline) => updateNode(outline, path, { calculate: undefined }));
    const field = (cleared.schema.properties as Record<string, Record<string, Record<string, unknown>>>)
      .pendahuluan?.properties?.nomorRegister;
    expect(field).not.toHaveProperty('readOnly');
    expect(field).not.toHaveProperty('x-calculate');
  });

  it('turns a text into a choice with titled options, the way the default forms write choices', () => {
    const path = ['pendahuluan', 'perkara'];
    const after = edit(base, (outline) =>
      updateNode(outline, path, {
        kind: 'choice',
        options: [
          { value: 'pencurian', title: 'Pencurian' },
          { value: 'narkotika', title: 'Narkotika' },
        ],
      }),
    );
    const field = (after.schema.properties as Record<string, Record<string, Record<string, unknown>>>)
      .pendahuluan?.properties?.perkara;
    expect(field).toEqual({
      type: 'string',
      title: 'Perkara (tindak pidana)',
      oneOf: [
        { const: 'pencurian', title: 'Pencurian' },
        { const: 'narkotika', title: 'Narkotika' },
      ],
    });
    expect((after.uiSchema.pendahuluan as Record<string, Record<string, unknown>>).perkara).toMatchObject({
      'ui:widget': 'radio',
    });
    const back = nodeAt(outlineOf(after), path);
    expect(back?.kind).toBe('choice');
  });

  it('turns fields into numbers, dates, yes/no and long text', () => {
    const path = ['pendahuluan', 'nomorRegister'];
    const field = (doc: FormDoc) =>
      (doc.schema.properties as Record<string, Record<string, Record<string, unknown>>>).pendahuluan
        ?.properties?.nomorRegister;
    const ui = (doc: FormDoc) => (doc.uiSchema.pendahuluan as Record<string, unknown>).nomorRegister;
    const number = edit(base, (o) => updateNode(o, path, { kind: 'integer', minimum: 0, maximum: 10 }));
    expect(field(number)).toEqual({
      type: 'integer',
      title: 'Nomor register litmas / klien',
      minimum: 0,
      maximum: 10,
    });
    const date = edit(number, (o) => updateNode(o, path, { kind: 'date' }));
    expect(field(date)).toEqual({ type: 'string', title: 'Nomor register litmas / klien', format: 'date' });
    const yesNo = edit(date, (o) => updateNode(o, path, { kind: 'yesNo' }));
    expect(field(yesNo)).toMatchObject({
      type: 'boolean',
      oneOf: [
        { const: true, title: 'Ya' },
        { const: false, title: 'Tidak' },
      ],
    });
    expect(ui(yesNo)).toEqual({ 'ui:widget': 'radio', 'ui:options': { inline: true } });
    const long = edit(yesNo, (o) => updateNode(o, path, { kind: 'longText' }));
    expect(field(long)).toEqual({ type: 'string', title: 'Nomor register litmas / klien' });
    expect(ui(long)).toEqual({ 'ui:widget': 'textarea', 'ui:options': { rows: 4 } });
    expect(nodeAt(outlineOf(long), path)?.kind).toBe('longText');
  });

  it('renames a key in place: properties, required, ui:order and the field ui follow', () => {
    const after = edit(base, (outline) =>
      renameNode(outline, ['pendahuluan', 'instansiPeminta'], 'instansi'),
    );
    const section = (after.schema.properties as Record<string, Record<string, unknown>>).pendahuluan ?? {};
    expect(Object.keys(section.properties as object).slice(2, 5)).toEqual([
      'tanggalSuratPermintaan',
      'instansi',
      'nomorRegister',
    ]);
    expect(section.required).toEqual(['jenisLitmas', 'nomorSuratPermintaan', 'instansi']);
    const ui = after.uiSchema.pendahuluan as Record<string, unknown>;
    expect(ui['ui:order']).toContain('instansi');
    expect(ui.instansi).toEqual({ 'ui:help': 'Misalnya Lapas Kelas IIA ... atau Rutan ...' });
    expect(ui).not.toHaveProperty('instansiPeminta');
  });

  it('refuses a key that is taken or not a plain name', () => {
    const outline = outlineOf(base);
    const problem = (change: () => unknown) => {
      try {
        change();
      } catch (error) {
        return error instanceof OutlineError ? error.problem : error;
      }
      return undefined;
    };
    expect(problem(() => renameNode(outline, ['pendahuluan', 'perkara'], 'pasal'))).toBe('keyTaken');
    expect(problem(() => renameNode(outline, ['pendahuluan', 'perkara'], 'nama klien'))).toBe('badKey');
    expect(problem(() => addNode(outline, [], newNode('text', '1a', 'x')))).toBe('badKey');
    expect(problem(() => moveIntoSection(outline, ['pendahuluan']))).toBe('noSection');
    expect(problem(() => moveNode(outline, ['pendahuluan'], -1))).toBe('notMovable');
  });

  it('moves a field into the section above and out again', () => {
    // `identitasKlien` follows `dataPk`: moving a field of identitasKlien out, then into dataPk.
    const out = edit(base, (outline) => moveOutOfSection(outline, ['pendahuluan', 'perkara']));
    const root = outlineOf(out).children.map((node) => node.key);
    expect(root.slice(0, 3)).toEqual(['pendahuluan', 'perkara', 'dataPk']);
    expect(Object.keys(out.schema.properties as object)).toContain('perkara');
    expect((out.uiSchema as Record<string, unknown>).perkara).toEqual({
      'ui:help': 'Misalnya "Pencurian dengan pemberatan".',
    });
    const into = edit(out, (outline) => moveIntoSection(outline, ['perkara']));
    const section = nodeAt(outlineOf(into), ['pendahuluan']);
    expect(section?.children.at(-1)?.key).toBe('perkara');
    expect(Object.keys(into.schema.properties as object)).not.toContain('perkara');
    expect(into.uiSchema).not.toHaveProperty('perkara');
    expect(formDefinitionProblems(into, 'id')).toEqual([]);
  });

  it('adds a section with fields to a form that has none', () => {
    const empty: FormDoc = {
      title: 'Baru',
      description: '',
      schema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: {} },
      uiSchema: {},
    };
    let doc = edit(empty, (outline) => addNode(outline, [], newNode('section', 'identitas', 'Identitas')));
    doc = edit(doc, (outline) =>
      addNode(outline, ['identitas'], { ...newNode('yesNo', 'setuju', 'Setuju'), required: true }),
    );
    expect(doc.schema).toEqual({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: {
        identitas: {
          type: 'object',
          title: 'Identitas',
          properties: {
            setuju: {
              type: 'boolean',
              title: 'Setuju',
              oneOf: [
                { const: true, title: 'Ya' },
                { const: false, title: 'Tidak' },
              ],
            },
          },
          required: ['setuju'],
        },
      },
    });
    expect(doc.uiSchema).toEqual({
      identitas: { 'ui:order': ['setuju'], setuju: { 'ui:widget': 'radio', 'ui:options': { inline: true } } },
    });
    expect(formDefinitionProblems(doc, 'id')).toEqual([]);
  });
});

describe('places and names', () => {
  const outline = outlineOf(litmas);

  it('finds the entry a problem of the server points at', () => {
    expect(nodePathOf(outline, '/schema/properties/pendahuluan/properties/perkara/maxLength')).toEqual([
      'pendahuluan',
      'perkara',
    ]);
    expect(nodePathOf(outline, '/uiSchema/pendahuluan/dasarHukum/ui:options')).toEqual([
      'pendahuluan',
      'dasarHukum',
    ]);
    expect(
      nodePathOf(
        outline,
        '/schema/properties/evaluasiPembinaan/allOf/0/then/properties/tanggalRegisterFTerakhir/format',
      ),
    ).toEqual(['evaluasiPembinaan', 'tanggalRegisterFTerakhir']);
    expect(nodePathOf(outline, '/schema/type')).toEqual([]);
    expect(nodePathOf(outline, '/title')).toBeUndefined();
  });

  it('names a place by titles, and makes keys from titles', () => {
    expect(titlesAlong(outline, ['pendahuluan', 'perkara'])).toEqual([
      'Kepala surat dan dasar litmas',
      'Perkara (tindak pidana)',
    ]);
    expect(keyFromTitle('Nomor telepon penjamin (jika ada)')).toBe('nomorTeleponPenjaminJikaAda');
    expect(keyFromTitle('2. Pekerjaan suami/istri')).toBe('pekerjaanSuamiIstri');
    expect(keyFromTitle('Āsal daerah')).toBe('asalDaerah');
    expect(freeKey(outline.children, 'pendahuluan')).toBe('pendahuluan2');
  });
});

describe('JSON typed anew', () => {
  it('shares every unchanged part with the draft before, so only the edited path is new', () => {
    const before = frozen(litmas);
    const typed = copy(litmas);
    const pendahuluan = (
      typed.schema.properties as Record<string, Record<string, Record<string, Record<string, unknown>>>>
    ).pendahuluan;
    if (!pendahuluan?.properties?.perkara) throw new Error('no perkara');
    pendahuluan.properties.perkara.title = 'Perkara';
    const shared = reuseEqual(typed.schema, before.schema);
    const properties = (doc: Record<string, unknown>) =>
      doc.properties as Record<string, Record<string, unknown>>;
    expect(shared).not.toBe(before.schema);
    expect(properties(shared).dataPk).toBe(properties(before.schema).dataPk);
    expect(properties(shared).pendahuluan).not.toBe(properties(before.schema).pendahuluan);
    expect(JSON.stringify(shared)).toBe(JSON.stringify(typed.schema));
    expect(reuseEqual(copy(litmas.schema), before.schema)).toBe(before.schema);
  });

  it('tells equal documents from different ones, key order included', () => {
    expect(sameJson(copy(litmas), litmas)).toBe(true);
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { a: 1, b: [1, { c: 3 }] })).toBe(false);
    expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(sameJson([1, 2], { 0: 1, 1: 2 })).toBe(false);
  });
});

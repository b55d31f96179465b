/**
 * The visual outline of a form and its way back into the form's JSON: sections (object properties)
 * holding fields, each with the few things an administrator sets (title, help, required, type, the
 * options of a choice, bounds, the sensitive flag, a calculation). The schema and uiSchema stay the
 * truth: `outlineOf` reads the outline from them, the edits below change the outline, and
 * `applyOutline` writes it back, changing only what the outline changed. Everything else in the
 * documents (conditional parts, patterns, formats, widgets, keys the outline does not know) stays as
 * it was, and `applyOutline(doc, outlineOf(doc))` gives the same documents, key order included.
 *
 * Order: a container with `ui:order` (every default form has one) keeps its `properties` in their
 * order and shows its fields in `ui:order`'s, where fields declared only in an `if`/`then` part
 * appear too (as conditional entries: moved in the outline, edited in JSON); without `ui:order` the
 * order of `properties` is the order shown.
 */

type Json = Record<string, unknown>;

export interface FormDoc {
  title: string;
  description: string;
  schema: Json;
  uiSchema: Json;
}

/** What an outline entry is. The first seven are the types an administrator can pick for a field. */
export const FIELD_TYPES = ['text', 'longText', 'number', 'integer', 'date', 'yesNo', 'choice'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export type NodeKind = FieldType | 'section' | 'list' | 'other' | 'conditional';

export interface ChoiceOption {
  value: string;
  /** The label shown; absent when the value is shown as it is (an `enum`). */
  title?: string;
}

/** What the outline edits of one entry. Absent values are absent in the schema. */
export interface NodeValues {
  kind: NodeKind;
  title?: string;
  description?: string;
  /** `ui:help`. */
  help?: string;
  required: boolean;
  /** `x-sensitive`. */
  sensitive?: boolean;
  /** `x-calculate` (JSONata). */
  calculate?: string;
  /** The options of a choice (`oneOf` of `{const, title}`, or `enum`). */
  options?: ChoiceOption[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

export interface OutlineNode extends NodeValues {
  key: string;
  /** Where the entry is in the documents it was read from (property keys from the root); absent when new. */
  from?: string[];
  /** `ui:order` did not list it (it is shown where `"*"` stands). */
  unlisted?: boolean;
  /** A section's entries; empty for anything else. */
  children: OutlineNode[];
}

export interface Outline {
  children: OutlineNode[];
}

/** Why an edit of the outline was refused. */
export type OutlineProblem = 'badKey' | 'keyTaken' | 'noSection' | 'notMovable' | 'notFound';

export class OutlineError extends Error {
  constructor(readonly problem: OutlineProblem) {
    super(problem);
    this.name = 'OutlineError';
  }
}

/** A property key the rules and reports can name: a letter, then letters, digits or `_`. */
export const KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

const YES_NO = [
  { const: true, title: 'Ya' },
  { const: false, title: 'Tidak' },
];

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;

/** An own property, never one from the prototype chain (keys such as `constructor`). */
const own = (object: Json | undefined, key: string): unknown =>
  object && Object.hasOwn(object, key) ? object[key] : undefined;

function setOwn(object: Json, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

// ————— reading —————

function choiceOptions(schema: Json): ChoiceOption[] | undefined {
  const oneOf = schema.oneOf;
  if (Array.isArray(oneOf) && oneOf.length > 0) {
    const options: ChoiceOption[] = [];
    for (const item of oneOf) {
      if (!isRecord(item) || typeof item.const !== 'string') return undefined;
      const title = text(item.title);
      options.push(title === undefined ? { value: item.const } : { value: item.const, title });
    }
    return options;
  }
  if (oneOf === undefined && Array.isArray(schema.enum) && schema.enum.length > 0) {
    const values = strings(schema.enum);
    if (values?.length !== schema.enum.length) return undefined;
    return values.map((value) => ({ value }));
  }
  return undefined;
}

function kindOf(schema: Json, ui: Json | undefined): NodeKind {
  const type = schema.type;
  if (type === 'object' || (type === undefined && isRecord(schema.properties))) return 'section';
  if (type === 'array') return 'list';
  if (type === 'boolean') return 'yesNo';
  if (type === 'number') return 'number';
  if (type === 'integer') return 'integer';
  if (type === 'string') {
    if (choiceOptions(schema)) return 'choice';
    if (schema.format === 'date') return 'date';
    if (own(ui, 'ui:widget') === 'textarea') return 'longText';
    return 'text';
  }
  return 'other';
}

function valuesOf(schema: Json, ui: Json | undefined, required: boolean): NodeValues {
  const kind = kindOf(schema, ui);
  const values: NodeValues = { kind, required };
  const title = text(schema.title);
  if (title !== undefined) values.title = title;
  const description = text(schema.description);
  if (description !== undefined) values.description = description;
  const help = text(own(ui, 'ui:help'));
  if (help !== undefined) values.help = help;
  if (typeof schema['x-sensitive'] === 'boolean') values.sensitive = schema['x-sensitive'];
  const calculate = text(schema['x-calculate']);
  if (calculate !== undefined) values.calculate = calculate;
  if (kind === 'choice') values.options = choiceOptions(schema) ?? [];
  for (const bound of ['minimum', 'maximum', 'minLength', 'maxLength'] as const) {
    const value = num(schema[bound]);
    if (value !== undefined) values[bound] = value;
  }
  return values;
}

/** The declaration of a field that only an `if`/`then` part of `container` declares (for its title). */
function conditionalDeclaration(container: Json, key: string): Json | undefined {
  const branches: unknown[] = [container.then, container.else];
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const list = container[keyword];
    if (Array.isArray(list))
      for (const item of list) if (isRecord(item)) branches.push(item.then, item.else, item);
  }
  for (const branch of branches) {
    if (!isRecord(branch) || !isRecord(branch.properties)) continue;
    const declared = own(branch.properties, key);
    if (isRecord(declared)) return declared;
  }
  return undefined;
}

/**
 * Entries read before, by their declaration and ui objects (and place): an edit replaces only the
 * objects on its way to the root, so an unchanged entry is the same object again and the outline's
 * view can skip it.
 */
const readBefore = new WeakMap<Json, WeakMap<Json, Map<string, OutlineNode>>>();
const NO_UI: Json = {};

function remembered(
  declared: Json,
  ui: Json | undefined,
  place: string,
  read: () => OutlineNode,
): OutlineNode {
  let byUi = readBefore.get(declared);
  if (!byUi) {
    byUi = new WeakMap();
    readBefore.set(declared, byUi);
  }
  let byPlace = byUi.get(ui ?? NO_UI);
  if (!byPlace) {
    byPlace = new Map();
    byUi.set(ui ?? NO_UI, byPlace);
  }
  let node = byPlace.get(place);
  if (!node) {
    node = read();
    byPlace.set(place, node);
  }
  return node;
}

function childrenOf(container: Json, ui: Json | undefined, path: string[]): OutlineNode[] {
  const properties = isRecord(container.properties) ? container.properties : {};
  const keys = Object.keys(properties);
  const required = new Set(strings(container.required) ?? []);
  const order = Array.isArray(own(ui, 'ui:order')) ? [...new Set(strings(own(ui, 'ui:order')))] : undefined;
  const sequence = order ? [...order, ...keys.filter((key) => !order.includes(key))] : keys;
  const listed = new Set(order ?? keys);
  return sequence.map((key): OutlineNode => {
    const at = [...path, key];
    const declared = own(properties, key);
    const fieldUi = own(ui, key);
    if (!isRecord(declared)) {
      const conditional = key === '*' ? undefined : conditionalDeclaration(container, key);
      const title = text(conditional?.title);
      return {
        key,
        kind: 'conditional',
        required: required.has(key),
        ...(title === undefined ? {} : { title }),
        from: at,
        children: [],
      };
    }
    const uiOfField = isRecord(fieldUi) ? fieldUi : undefined;
    const place = `${JSON.stringify(at)}|${required.has(key)}|${listed.has(key)}`;
    return remembered(declared, uiOfField, place, () => {
      const values = valuesOf(declared, uiOfField, required.has(key));
      return {
        key,
        ...values,
        from: at,
        ...(listed.has(key) ? {} : { unlisted: true }),
        children: values.kind === 'section' ? childrenOf(declared, uiOfField, at) : [],
      };
    });
  });
}

/** The outline of a form's schema and uiSchema. */
export function outlineOf(doc: Pick<FormDoc, 'schema' | 'uiSchema'>): Outline {
  return { children: childrenOf(doc.schema, doc.uiSchema, []) };
}

// ————— writing —————

interface Located {
  schema: Json;
  ui: Json | undefined;
  required: boolean;
}

/** The declaration at `path` (property keys from the root) in `doc`. */
function locate(doc: Pick<FormDoc, 'schema' | 'uiSchema'>, path: readonly string[]): Located | undefined {
  let schema: Json = doc.schema;
  let ui: Json | undefined = doc.uiSchema;
  let required = false;
  for (const key of path) {
    const properties = isRecord(schema.properties) ? schema.properties : undefined;
    const next = own(properties, key);
    if (!isRecord(next)) return undefined;
    required = (strings(schema.required) ?? []).includes(key);
    const nextUi = own(ui, key);
    schema = next;
    ui = isRecord(nextUi) ? nextUi : undefined;
  }
  return { schema, ui, required };
}

const sameOptions = (a: ChoiceOption[] | undefined, b: ChoiceOption[] | undefined) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function setOrDelete(object: Json, key: string, value: unknown): void {
  if (value === undefined) delete object[key];
  else setOwn(object, key, value);
}

/** Keywords that belong to one type only: dropped when a field changes type. */
const TYPED_KEYWORDS = [
  'format',
  'oneOf',
  'enum',
  'const',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
];

/** The schema and ui of a field turned into `kind` (what is not typed, such as the title, is kept). */
function convert(schema: Json, ui: Json, kind: FieldType): void {
  for (const keyword of TYPED_KEYWORDS) delete schema[keyword];
  const widget = own(ui, 'ui:widget');
  if (widget === 'textarea' || widget === 'radio' || widget === 'updown') delete ui['ui:widget'];
  const options = own(ui, 'ui:options');
  if (isRecord(options)) {
    const rest = { ...options };
    delete rest.rows;
    delete rest.inline;
    setOrDelete(ui, 'ui:options', Object.keys(rest).length > 0 ? rest : undefined);
  }
  switch (kind) {
    case 'text':
      schema.type = 'string';
      break;
    case 'longText':
      schema.type = 'string';
      ui['ui:widget'] = 'textarea';
      ui['ui:options'] = { ...(isRecord(ui['ui:options']) ? ui['ui:options'] : {}), rows: 4 };
      break;
    case 'number':
      schema.type = 'number';
      break;
    case 'integer':
      schema.type = 'integer';
      break;
    case 'date':
      schema.type = 'string';
      schema.format = 'date';
      break;
    case 'yesNo':
      schema.type = 'boolean';
      schema.oneOf = YES_NO.map((option) => ({ ...option }));
      ui['ui:widget'] = 'radio';
      ui['ui:options'] = { ...(isRecord(ui['ui:options']) ? ui['ui:options'] : {}), inline: true };
      break;
    case 'choice':
      schema.type = 'string';
      ui['ui:widget'] = 'radio';
      break;
  }
}

const isFieldType = (kind: NodeKind): kind is FieldType => (FIELD_TYPES as readonly string[]).includes(kind);

/**
 * `schema` and `ui` with the differences between `before` (what they say now) and `after` written
 * in; the same objects when there are none.
 */
function writeValues(
  schema: Json,
  ui: Json | undefined,
  before: NodeValues,
  after: NodeValues,
): { schema: Json; ui: Json | undefined; changed: boolean } {
  const out = { ...schema };
  const outUi: Json = { ...(ui ?? {}) };
  let changed = false;
  let uiChanged = false;
  if (after.kind !== before.kind && isFieldType(after.kind) && isFieldType(before.kind)) {
    convert(out, outUi, after.kind);
    changed = uiChanged = true;
    before = { ...valuesOf(out, outUi, before.required) };
  }
  for (const key of ['title', 'description'] as const) {
    if (after[key] !== before[key]) {
      setOrDelete(out, key, after[key]);
      changed = true;
    }
  }
  if (after.help !== before.help) {
    setOrDelete(outUi, 'ui:help', after.help);
    changed = uiChanged = true;
  }
  if (after.sensitive !== before.sensitive) {
    setOrDelete(out, 'x-sensitive', after.sensitive ? true : after.sensitive === false ? false : undefined);
    changed = true;
  }
  if (after.calculate !== before.calculate) {
    const calculate = after.calculate?.trim() ? after.calculate : undefined;
    setOrDelete(out, 'x-calculate', calculate);
    // A calculated field is read-only: what a person types there is replaced anyway.
    if (calculate !== undefined) out.readOnly = true;
    else if (before.calculate !== undefined && out.readOnly === true) delete out.readOnly;
    changed = true;
  }
  if (after.kind === 'choice' && !sameOptions(after.options, before.options)) {
    const options = after.options ?? [];
    const asEnum =
      Array.isArray(schema.enum) && schema.oneOf === undefined && options.every((o) => o.title === undefined);
    if (asEnum) out.enum = options.map((option) => option.value);
    else {
      delete out.enum;
      out.oneOf = options.map((option) => ({ const: option.value, title: option.title ?? option.value }));
    }
    changed = true;
  }
  for (const bound of ['minimum', 'maximum', 'minLength', 'maxLength'] as const) {
    if (after[bound] !== before[bound]) {
      setOrDelete(out, bound, after[bound]);
      changed = true;
    }
  }
  if (!changed) return { schema, ui, changed: false };
  const nextUi = uiChanged ? (Object.keys(outUi).length > 0 || ui ? outUi : undefined) : ui;
  return { schema: out, ui: nextUi, changed: true };
}

/** The declaration a new entry starts from. */
function startOf(node: OutlineNode): { schema: Json; ui: Json | undefined } {
  const schema: Json = {};
  const ui: Json = {};
  if (node.kind === 'section') {
    schema.type = 'object';
    if (node.title !== undefined) schema.title = node.title;
    schema.properties = {};
    ui['ui:order'] = [];
    return { schema, ui };
  }
  schema.type = 'string';
  if (node.title !== undefined) schema.title = node.title;
  if (isFieldType(node.kind)) convert(schema, ui, node.kind);
  if (node.kind === 'text') schema.maxLength = 500;
  if (node.kind === 'longText') schema.maxLength = 5000;
  if (node.kind === 'choice') schema.oneOf = [];
  return { schema, ui: Object.keys(ui).length > 0 ? ui : undefined };
}

const samePath = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  a !== undefined && b !== undefined && a.length === b.length && a.every((key, i) => key === b[i]);

const sameStrings = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, i) => item === b[i]);

interface Built {
  schema: Json;
  ui: Json | undefined;
  changed: boolean;
}

/**
 * A container (the root or a section) rebuilt from its outline entries. `origin` is where the
 * container was in `doc` (undefined for a new section); entries whose `from` lies directly under it
 * stay in place in `properties`, the others (new or moved here) come after them.
 */
function buildContainer(
  doc: FormDoc,
  schema: Json,
  ui: Json | undefined,
  origin: readonly string[] | undefined,
  children: readonly OutlineNode[],
): Built {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const originalKeys = Object.keys(properties);
  const staying = new Map<string, OutlineNode>();
  for (const child of children) {
    if (child.kind === 'conditional' || !origin || !child.from) continue;
    const parent = child.from.slice(0, -1);
    const key = child.from[child.from.length - 1];
    if (key !== undefined && samePath(parent, origin) && Object.hasOwn(properties, key))
      staying.set(key, child);
  }
  let changed = false;

  const builtChildren = new Map<OutlineNode, Built>();
  for (const child of children) {
    if (child.kind === 'conditional') continue;
    const built = buildNode(doc, child);
    builtChildren.set(child, built);
    if (built.changed) changed = true;
  }

  // properties: those that stay keep their place (a renamed one too), new and moved-in ones follow.
  const hasOrder = Array.isArray(own(ui, 'ui:order'));
  const nextProperties: Json = {};
  const emitted = new Set<OutlineNode>();
  const emit = (node: OutlineNode) => {
    const built = builtChildren.get(node);
    if (!built || emitted.has(node)) return;
    emitted.add(node);
    setOwn(nextProperties, node.key, built.schema);
  };
  if (hasOrder) {
    for (const key of originalKeys) {
      const node = staying.get(key);
      if (node) emit(node);
    }
  }
  for (const child of children) emit(child);
  const nextKeys = Object.keys(nextProperties);
  if (!sameStrings(nextKeys, originalKeys)) changed = true;

  // required: the entries that stay keep their place in the list, newly required ones follow.
  const originalRequired = strings(schema.required) ?? [];
  const nextRequired: string[] = [];
  for (const key of originalRequired) {
    if (!Object.hasOwn(properties, key)) {
      nextRequired.push(key);
      continue;
    }
    const node = staying.get(key);
    if (node?.required) nextRequired.push(node.key);
  }
  for (const child of children) {
    if (child.kind !== 'conditional' && child.required && !nextRequired.includes(child.key))
      nextRequired.push(child.key);
  }
  const requiredChanged = !sameStrings(nextRequired, originalRequired);

  // uiSchema: each field's ui under its (new) key, in place; the container's own ui keys kept.
  const nextUi: Json = {};
  let uiChanged = false;
  for (const [key, value] of Object.entries(ui ?? {})) {
    if (key === 'ui:order' || !Object.hasOwn(properties, key)) {
      setOwn(nextUi, key, value);
      continue;
    }
    const node = staying.get(key);
    if (!node) {
      uiChanged = true;
      continue;
    }
    const built = builtChildren.get(node);
    if (node.key !== key || built?.ui !== value) uiChanged = true;
    if (built?.ui !== undefined) setOwn(nextUi, node.key, built.ui);
  }
  for (const child of children) {
    if (child.kind === 'conditional' || Object.hasOwn(nextUi, child.key)) continue;
    const built = builtChildren.get(child);
    if (built?.ui !== undefined) {
      setOwn(nextUi, child.key, built.ui);
      uiChanged = true;
    }
  }
  const originalOrder = own(ui, 'ui:order');
  if (Array.isArray(originalOrder)) {
    const star = children.some((child) => child.key === '*' && child.kind === 'conditional');
    const order = children.filter((child) => !(star && child.unlisted)).map((child) => child.key);
    if (!sameStrings(order, originalOrder)) {
      nextUi['ui:order'] = order;
      uiChanged = true;
    }
  }

  if (!changed && !requiredChanged && !uiChanged) return { schema, ui, changed: false };
  const nextSchema: Json = { ...schema, properties: nextProperties };
  if (requiredChanged) {
    if (nextRequired.length > 0) nextSchema.required = nextRequired;
    else delete nextSchema.required;
  }
  return {
    schema: nextSchema,
    ui: uiChanged ? (Object.keys(nextUi).length > 0 || ui ? nextUi : undefined) : ui,
    changed: true,
  };
}

/** One entry rebuilt: its own values written, and a section's entries rebuilt inside it. */
function buildNode(doc: FormDoc, node: OutlineNode): Built {
  const located = node.from ? locate(doc, node.from) : undefined;
  const start = located ?? { ...startOf(node), required: node.required };
  let { schema, ui } = start;
  let changed = !located;
  if (node.kind === 'section') {
    const inner = buildContainer(doc, schema, ui, located ? node.from : undefined, node.children);
    ({ schema, ui } = inner);
    if (inner.changed) changed = true;
  }
  const before = valuesOf(schema, ui, node.required);
  const written = writeValues(schema, ui, before, node);
  if (written.changed) changed = true;
  return { schema: written.schema, ui: written.ui, changed };
}

/**
 * The form's documents with the outline written into them: only what the outline changed changes
 * (an untouched part keeps its objects), so `applyOutline(doc, outlineOf(doc))` is `doc`.
 */
export function applyOutline(doc: FormDoc, outline: Outline): FormDoc {
  const built = buildContainer(doc, doc.schema, doc.uiSchema, [], outline.children);
  if (!built.changed) return doc;
  return { ...doc, schema: built.schema, uiSchema: built.ui ?? {} };
}

// ————— edits of the outline (each answers a new outline; the argument is not changed) —————

export type NodePath = readonly string[];

/** The entry at `path` (keys of the outline from the root). */
export function nodeAt(outline: Outline, path: NodePath): OutlineNode | undefined {
  let children = outline.children;
  let found: OutlineNode | undefined;
  for (const key of path) {
    found = children.find((child) => child.key === key);
    if (!found) return undefined;
    children = found.children;
  }
  return found;
}

/** `outline` with the children of the container at `path` replaced by `change(children)`. */
function withChildren(
  outline: Outline,
  path: NodePath,
  change: (children: OutlineNode[]) => OutlineNode[],
): Outline {
  const rebuild = (children: OutlineNode[], depth: number): OutlineNode[] => {
    if (depth === path.length) return change(children);
    const key = path[depth];
    const index = children.findIndex((child) => child.key === key);
    const target = children[index];
    if (target?.kind !== 'section') throw new OutlineError('notFound');
    const next = [...children];
    next[index] = { ...target, children: rebuild(target.children, depth + 1) };
    return next;
  };
  return { children: rebuild(outline.children, 0) };
}

function checkKey(siblings: readonly OutlineNode[], key: string, except?: OutlineNode): void {
  if (!KEY_PATTERN.test(key)) throw new OutlineError('badKey');
  if (siblings.some((sibling) => sibling !== except && sibling.key === key))
    throw new OutlineError('keyTaken');
}

const parentOf = (path: NodePath) => path.slice(0, -1);
const lastOf = (path: NodePath) => path[path.length - 1] ?? '';

/** A new entry of `kind`, not yet in any document. */
export function newNode(kind: FieldType | 'section', key: string, title: string): OutlineNode {
  const node: OutlineNode = { key, kind, required: false, children: [] };
  if (title.trim()) node.title = title.trim();
  if (kind === 'choice') node.options = [{ value: 'pilihan-1', title: 'Pilihan 1' }];
  if (kind === 'text') node.maxLength = 500;
  if (kind === 'longText') node.maxLength = 5000;
  return node;
}

/** Adds `node` to the container at `parent` (the root: []), at `index` or last. */
export function addNode(outline: Outline, parent: NodePath, node: OutlineNode, index?: number): Outline {
  return withChildren(outline, parent, (children) => {
    checkKey(children, node.key);
    const next = [...children];
    next.splice(index ?? next.length, 0, node);
    return next;
  });
}

export function removeNode(outline: Outline, path: NodePath): Outline {
  const key = lastOf(path);
  return withChildren(outline, parentOf(path), (children) => {
    if (!children.some((child) => child.key === key)) throw new OutlineError('notFound');
    return children.filter((child) => child.key !== key);
  });
}

/** Changes the values of the entry at `path` (its kind only between field types). */
export function updateNode(outline: Outline, path: NodePath, patch: Partial<NodeValues>): Outline {
  const key = lastOf(path);
  return withChildren(outline, parentOf(path), (children) =>
    children.map((child) => {
      if (child.key !== key) return child;
      const next: OutlineNode = { ...child };
      for (const [name, value] of Object.entries(patch) as [keyof NodeValues, unknown][]) {
        if (value === undefined) delete next[name];
        else Object.assign(next, { [name]: value });
      }
      if (!isFieldType(child.kind) || !isFieldType(next.kind)) next.kind = child.kind;
      if (next.kind !== child.kind) {
        // Bounds of another type mean nothing for the new one (the schema drops them too).
        if (next.kind !== 'number' && next.kind !== 'integer') {
          delete next.minimum;
          delete next.maximum;
        }
        if (next.kind !== 'text' && next.kind !== 'longText') {
          delete next.minLength;
          delete next.maxLength;
        }
      }
      if (next.kind !== 'choice') delete next.options;
      else next.options ??= [{ value: 'pilihan-1', title: 'Pilihan 1' }];
      return next;
    }),
  );
}

/** Gives the entry at `path` a new key (its place stays). */
export function renameNode(outline: Outline, path: NodePath, key: string): Outline {
  const old = lastOf(path);
  return withChildren(outline, parentOf(path), (children) => {
    const node = children.find((child) => child.key === old);
    if (!node) throw new OutlineError('notFound');
    if (node.kind === 'conditional') throw new OutlineError('notMovable');
    if (key === old) return children;
    checkKey(children, key, node);
    return children.map((child) => (child === node ? { ...child, key } : child));
  });
}

/** Moves the entry one place up (-1) or down (+1) among its siblings. */
export function moveNode(outline: Outline, path: NodePath, step: -1 | 1): Outline {
  const key = lastOf(path);
  return withChildren(outline, parentOf(path), (children) => {
    const index = children.findIndex((child) => child.key === key);
    const target = index + step;
    const node = children[index];
    const other = children[target];
    if (!node || !other) throw new OutlineError('notMovable');
    const next = [...children];
    next[index] = other;
    next[target] = node;
    return next;
  });
}

/** Moves the entry into the section just above it, as that section's last entry. */
export function moveIntoSection(outline: Outline, path: NodePath): Outline {
  const key = lastOf(path);
  const siblings = parentOf(path).length === 0 ? outline.children : nodeAt(outline, parentOf(path))?.children;
  const index = siblings?.findIndex((child) => child.key === key) ?? -1;
  const node = siblings?.[index];
  if (!node) throw new OutlineError('notFound');
  if (node.kind === 'conditional') throw new OutlineError('notMovable');
  const section = [...(siblings ?? [])].slice(0, index).reverse()[0];
  if (section?.kind !== 'section') throw new OutlineError('noSection');
  checkKey(section.children, node.key);
  const removed = removeNode(outline, path);
  return addNode(removed, [...parentOf(path), section.key], node);
}

/** Moves the entry out of its section, to just after that section. */
export function moveOutOfSection(outline: Outline, path: NodePath): Outline {
  if (path.length < 2) throw new OutlineError('notMovable');
  const node = nodeAt(outline, path);
  if (!node) throw new OutlineError('notFound');
  if (node.kind === 'conditional') throw new OutlineError('notMovable');
  const section = parentOf(path);
  const grand = parentOf(section);
  const aunts = grand.length === 0 ? outline.children : (nodeAt(outline, grand)?.children ?? []);
  checkKey(aunts, node.key);
  const index = aunts.findIndex((child) => child.key === lastOf(section));
  return addNode(removeNode(outline, path), grand, node, index + 1);
}

// ————— from pointers and titles —————

/** Unescapes one JSON Pointer segment. */
const unescapeSegment = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * The outline entry a problem's JSON Pointer into the draft body (`/schema/properties/a/…`,
 * `/uiSchema/a/…`) is about: the deepest entry the pointer passes through; [] for the form as a
 * whole; undefined when it points at neither document.
 */
export function nodePathOf(outline: Outline, pointer: string): string[] | undefined {
  const segments = pointer.split('/').slice(1).map(unescapeSegment);
  const document = segments.shift();
  if (document !== 'schema' && document !== 'uiSchema') return undefined;
  const path: string[] = [];
  let children = outline.children;
  let index = 0;
  while (index < segments.length) {
    let key: string | undefined;
    if (document === 'schema') {
      if (segments[index] !== 'properties') {
        // A field declared in a conditional part of its section: the conditional entry.
        const at = segments.indexOf('properties', index);
        const candidate = at >= 0 ? segments[at + 1] : undefined;
        const conditional = children.find((child) => child.kind === 'conditional' && child.key === candidate);
        if (conditional && ['allOf', 'anyOf', 'oneOf', 'then', 'else'].includes(segments[index] ?? ''))
          path.push(conditional.key);
        break;
      }
      key = segments[index + 1];
      index += 2;
    } else {
      key = segments[index];
      index += 1;
    }
    const child = children.find((node) => node.key === key);
    if (!child) break;
    path.push(child.key);
    children = child.children;
  }
  return path;
}

/** The path in the outline in words: each entry by its title (its key when it has none). */
export function titlesAlong(outline: Outline, path: NodePath): string[] {
  const words: string[] = [];
  let children = outline.children;
  for (const key of path) {
    const node = children.find((child) => child.key === key);
    words.push(node?.title || key);
    if (!node) break;
    children = node.children;
  }
  return words;
}

/** A property key made from a title: `Nomor telepon penjamin` → `nomorTeleponPenjamin`. */
export function keyFromTitle(title: string): string {
  const words = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const camel = words
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join('')
    .replace(/^[0-9]+/, '');
  return (camel.charAt(0).toLowerCase() + camel.slice(1)).slice(0, 64);
}

/** The first free key among `base`, `base2`, `base3`… in a container. */
export function freeKey(siblings: readonly OutlineNode[], base: string): string {
  const taken = new Set(siblings.map((sibling) => sibling.key));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

/** The children of the container at `path` (the root: []). */
export function childrenAt(outline: Outline, path: NodePath): OutlineNode[] {
  return path.length === 0 ? outline.children : (nodeAt(outline, path)?.children ?? []);
}

/** A new form's documents: an empty draft-07 object form. */
export function emptyForm(title: string): FormDoc {
  return {
    title,
    description: '',
    schema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: {} },
    uiSchema: { 'ui:order': [] },
  };
}

/** Whether two JSON values are equal, key order included (shared parts are equal at once). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => sameJson(item, b[index]));
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every((key, index) => keysB[index] === key && sameJson((a as Json)[key], (b as Json)[key]))
  );
}

/**
 * `next` with every part equal to the same part of `previous` replaced by that part (the whole of
 * `previous` when nothing differs). JSON typed anew then shares what did not change with the draft
 * before, as an outline edit does, so comparing and redrawing skip it.
 */
export function reuseEqual<T>(next: T, previous: unknown): T {
  if (Object.is(next, previous)) return previous as T;
  if (Array.isArray(next)) {
    if (!Array.isArray(previous)) return next;
    let same = next.length === previous.length;
    const out = next.map((item: unknown, index) => {
      const kept = reuseEqual(item, previous[index]);
      if (kept !== previous[index]) same = false;
      return kept;
    });
    return (same ? previous : out) as T;
  }
  if (isRecord(next)) {
    if (!isRecord(previous)) return next;
    const keys = Object.keys(next);
    const before = Object.keys(previous);
    let same = keys.length === before.length && keys.every((key, index) => before[index] === key);
    const out: Json = {};
    for (const key of keys) {
      const old = own(previous, key);
      const kept = reuseEqual(next[key], old);
      if (kept !== old) same = false;
      setOwn(out, key, kept);
    }
    return (same ? previous : out) as T;
  }
  return next;
}

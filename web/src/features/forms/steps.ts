/**
 * How a long form is cut into steps, and where each field stands in the form's order. Pure: read
 * from the form's schema and uiSchema once per form version, so nothing here runs while typing.
 *
 * Each top-level object of the schema is a step, titled with its title; top-level fields standing
 * between them are gathered into a step of their own. A uiSchema may group top-level properties
 * itself: `"ui:groups": [{"title": "…", "fields": ["a", "b"]}]` at its root. A form gets steps when it
 * declares two groups or more, or when it has at least MIN_STEPS steps and MIN_INPUTS inputs always
 * shown (parts that conditions open are not counted); a smaller form stays on one page.
 */
import { getUiOptions, orderProperties, type UiSchema } from '@rjsf/utils';

export const MIN_STEPS = 3;
export const MIN_INPUTS = 30;

export interface Step {
  /** The top-level properties shown on this step, in form order. */
  fields: string[];
  /** The step's own title; undefined for a run of loose fields or an untitled part. */
  title: string | undefined;
  /** A step that is exactly one top-level object: the step heading stands for the object's title. */
  section: boolean;
}

export interface StepPlan {
  steps: Step[];
  /** The step of each top-level property. */
  stepOf: ReadonlyMap<string, number>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The top-level properties a form can show: its `properties`, and those that conditions at the root
 * (`allOf`, `if`/`then`/`else`, `dependencies`…) may add, each with the first schema found for it.
 */
export function rootProperties(schema: unknown): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  const visit = (node: unknown, depth: number) => {
    if (!isRecord(node) || depth > 4) return;
    if (isRecord(node.properties)) {
      for (const [name, child] of Object.entries(node.properties)) {
        if (!found.has(name)) found.set(name, isRecord(child) ? child : {});
      }
    }
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = node[key];
      if (Array.isArray(list)) for (const item of list) visit(item, depth + 1);
    }
    visit(node.then, depth + 1);
    visit(node.else, depth + 1);
    if (isRecord(node.dependencies))
      for (const item of Object.values(node.dependencies)) visit(item, depth + 1);
    if (isRecord(node.dependentSchemas))
      for (const item of Object.values(node.dependentSchemas)) visit(item, depth + 1);
  };
  visit(schema, 0);
  return found;
}

/** `orderProperties` that never throws: names the order leaves out follow, in schema order. */
export function ordered(names: string[], order: unknown): string[] {
  if (!Array.isArray(order)) return names;
  const listed = order.filter((name): name is string => typeof name === 'string');
  try {
    return orderProperties(names, listed.includes('*') ? listed : [...listed, '*']);
  } catch {
    return names;
  }
}

/** A section: an object with properties of its own (its title becomes the step's). */
function isSection(schema: Record<string, unknown>): boolean {
  return (schema.type === 'object' || schema.type === undefined) && isRecord(schema.properties);
}

/** How many inputs a schema shows (a list counts as one). */
export function inputCount(schema: unknown, depth = 0): number {
  if (!isRecord(schema) || depth > 20) return 0;
  if (isSection(schema)) {
    return Object.values(schema.properties as Record<string, unknown>).reduce<number>(
      (sum, child) => sum + inputCount(child, depth + 1),
      0,
    );
  }
  return 1;
}

/** The title a form shows for a property: its `ui:title`, else the schema's `title`. */
export function titleOf(schema: Record<string, unknown> | undefined, uiSchema: unknown): string | undefined {
  const uiTitle = getUiOptions(isRecord(uiSchema) ? (uiSchema as UiSchema) : undefined).title;
  if (typeof uiTitle === 'string' && uiTitle.trim() !== '') return uiTitle;
  return typeof schema?.title === 'string' && schema.title.trim() !== '' ? schema.title : undefined;
}

interface Group {
  title: string | undefined;
  fields: string[];
}

function groupsOf(uiSchema: Record<string, unknown>): Group[] {
  const declared = uiSchema['ui:groups'];
  if (!Array.isArray(declared)) return [];
  return declared.filter(isRecord).map((group) => ({
    title: typeof group.title === 'string' && group.title.trim() !== '' ? group.title : undefined,
    fields: Array.isArray(group.fields)
      ? group.fields.filter((name): name is string => typeof name === 'string')
      : [],
  }));
}

/** The steps of a form, or undefined when it stays on one page. */
export function planSteps(schema: unknown, uiSchema: Record<string, unknown>): StepPlan | undefined {
  const properties = rootProperties(schema);
  const names = ordered([...properties.keys()], uiSchema['ui:order']);
  const groups = groupsOf(uiSchema).filter((group) => group.fields.some((name) => properties.has(name)));
  const groupOf = new Map<string, number>();
  groups.forEach((group, index) => {
    for (const name of group.fields) if (!groupOf.has(name)) groupOf.set(name, index);
  });

  const steps: Step[] = [];
  const placed = new Set<number>();
  let loose: string[] = [];
  const closeLoose = () => {
    if (loose.length === 0) return;
    const only = loose.length === 1 ? loose[0] : undefined;
    steps.push({
      fields: loose,
      title: only === undefined ? undefined : titleOf(properties.get(only), uiSchema[only]),
      section: false,
    });
    loose = [];
  };
  for (const name of names) {
    const group = groupOf.get(name);
    if (group !== undefined) {
      if (placed.has(group)) continue;
      placed.add(group);
      closeLoose();
      const declared = new Set(groups[group]?.fields ?? []);
      steps.push({
        fields: names.filter((other) => declared.has(other) && groupOf.get(other) === group),
        title: groups[group]?.title,
        section: false,
      });
    } else if (isSection(properties.get(name) ?? {})) {
      closeLoose();
      steps.push({ fields: [name], title: titleOf(properties.get(name), uiSchema[name]), section: true });
    } else {
      loose.push(name);
    }
  }
  closeLoose();

  // Counted over the fields always shown: parts that conditions open do not make a form long.
  const stepped = groups.length >= 2 || (steps.length >= MIN_STEPS && inputCount(schema) >= MIN_INPUTS);
  if (!stepped) return undefined;
  const stepOf = new Map<string, number>();
  steps.forEach((step, index) => {
    for (const name of step.fields) stepOf.set(name, index);
  });
  return { steps, stepOf };
}

/**
 * Where a field stands in the form: the position of each segment of its path among its siblings as
 * the form shows them (`ui:order`), array items by index. Compared element by element, it sorts
 * fields (and their errors) in the order a person meets them.
 */
export function formPosition(segments: readonly string[], schema: unknown, uiSchema: unknown): number[] {
  const position: number[] = [];
  let node: unknown = schema;
  let ui: unknown = uiSchema;
  for (const segment of segments) {
    if (/^\d+$/.test(segment) && isRecord(node) && node.items !== undefined) {
      position.push(Number(segment));
      node = Array.isArray(node.items) ? node.items[Number(segment)] : node.items;
      ui = isRecord(ui) ? ui.items : undefined;
      continue;
    }
    const siblings = ordered([...rootProperties(node).keys()], isRecord(ui) ? ui['ui:order'] : undefined);
    const index = siblings.indexOf(segment);
    position.push(index === -1 ? siblings.length : index);
    node = rootProperties(node).get(segment);
    ui = isRecord(ui) && Object.hasOwn(ui, segment) ? ui[segment] : undefined;
  }
  return position;
}

/** Compares two form positions: earlier fields first, a container before what it holds. */
export function comparePositions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/** Root keywords a step's own schema can do without: none of them adds, removes or conditions a field. */
const PLAIN_ROOT = new Set([
  '$schema',
  '$id',
  '$comment',
  'type',
  'title',
  'description',
  'properties',
  'required',
  'definitions',
  '$defs',
  'additionalProperties',
  'examples',
  // Texts only (the form's translations): they never change which fields a step holds.
  'x-translations',
]);

/**
 * The schema rjsf renders for one step: the root with only the step's properties (and the
 * definitions they may refer to), so the work per key is the step's, not the whole form's. Undefined
 * when the root has conditions or other keywords that may reach across steps: then the whole schema
 * is rendered and the step shows its part of it. Validation always uses the whole schema.
 */
export function stepSchema(
  schema: Record<string, unknown>,
  fields: readonly string[],
): Record<string, unknown> | undefined {
  if (Object.keys(schema).some((key) => !PLAIN_ROOT.has(key)) || !isRecord(schema.properties))
    return undefined;
  const own = schema.properties;
  const properties: Record<string, unknown> = {};
  for (const name of fields) {
    if (Object.hasOwn(own, name)) {
      Object.defineProperty(properties, name, {
        value: own[name],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  const required = Array.isArray(schema.required)
    ? schema.required.filter((name) => fields.includes(name))
    : [];
  const kept = Object.fromEntries(
    ['$schema', '$id', 'type', 'title', 'description', 'definitions', '$defs']
      .filter((key) => schema[key] !== undefined)
      .map((key) => [key, schema[key]]),
  );
  return { ...kept, properties, ...(required.length > 0 ? { required } : {}) };
}

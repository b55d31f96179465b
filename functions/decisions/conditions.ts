/** Walking a rule's condition tree without recursion, so a hostile 1,000-deep tree cannot hurt. */
import type { LeafCondition } from './ruleset';

export const MAX_DEPTH = 16;
export const BOOLEANS = ['all', 'any', 'not'] as const;

export interface Visit {
  node: unknown;
  /** JSON Pointer of the node inside the ruleset, e.g. /rules/0/conditions/all/1. */
  pointer: string;
  depth: number;
}

/** Every node of a condition tree, depth-first, stopping below MAX_DEPTH (reported by the caller). */
export function* walkConditions(root: unknown, pointer: string): Generator<Visit> {
  const stack: Visit[] = [{ node: root, pointer, depth: 1 }];
  while (stack.length > 0) {
    const visit = stack.pop() as Visit;
    yield visit;
    if (visit.depth > MAX_DEPTH || !visit.node || typeof visit.node !== 'object') continue;
    const node = visit.node as Record<string, unknown>;
    const children: Visit[] = [];
    for (const key of ['all', 'any'] as const) {
      const list = node[key];
      if (Array.isArray(list)) {
        list.forEach((item, i) => {
          children.push({ node: item, pointer: `${visit.pointer}/${key}/${i}`, depth: visit.depth + 1 });
        });
      }
    }
    if (node.not && typeof node.not === 'object' && !Array.isArray(node.not)) {
      children.push({ node: node.not, pointer: `${visit.pointer}/not`, depth: visit.depth + 1 });
    }
    stack.push(...children.reverse());
  }
}

export function isLeaf(node: unknown): node is LeafCondition {
  return Boolean(node && typeof node === 'object' && 'fact' in node);
}

/** The leaves of a (checked) condition tree with their pointers, in order. */
export function leavesOf(conditions: unknown, pointer: string): { leaf: LeafCondition; pointer: string }[] {
  const out: { leaf: LeafCondition; pointer: string }[] = [];
  for (const visit of walkConditions(conditions, pointer)) {
    if (isLeaf(visit.node)) out.push({ leaf: visit.node, pointer: visit.pointer });
  }
  return out;
}

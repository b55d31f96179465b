/**
 * The stages and moves of a case type as a graph, and its layout (dagre) for the diagram. Pure: the
 * diagram component draws what `layoutProcess` answers, and the unit tests read it directly.
 *
 * A move `from: "*"` (every open stage) is drawn once, from a box standing for "any open stage",
 * instead of as one arrow from each stage.
 */
import dagre from '@dagrejs/dagre';
import { type CaseTypeContent, CLOSED_STAGE } from '../../../../../functions/domain/case-type';

/** The node standing for "any open stage" (`from: "*"`). */
export const ANY_STAGE = '*';

export interface ProcessNode {
  id: string;
  title: string;
  /** Where a new case opens. */
  initial: boolean;
  /** The closing stage. */
  closed: boolean;
  /** The "any open stage" box. */
  any: boolean;
}

export interface ProcessEdge {
  from: string;
  to: string;
  /** A worker's move waits for a supervisor's approval. */
  approval: boolean;
  /** Who may make it; absent = workers and supervisors. */
  roles?: readonly string[];
  /** The rulesets that must allow it (closing a case), by title. */
  gates: string[];
}

export interface ProcessGraph {
  nodes: ProcessNode[];
  edges: ProcessEdge[];
}

/**
 * The graph of a case type: one node per stage (in declared order), the "any open stage" node when a
 * move starts from `*`, and one edge per declared move. Moves into the closing stage carry the titles
 * of the rulesets that decide whether a case may close (`gateTitles`).
 */
export function processGraph(content: CaseTypeContent, gateTitles: readonly string[] = []): ProcessGraph {
  const stages = content.stages ?? [];
  const known = new Set(stages.map((stage) => stage.id));
  const nodes: ProcessNode[] = stages.map((stage, i) => ({
    id: stage.id,
    title: stage.title,
    initial: i === 0,
    closed: stage.id === CLOSED_STAGE,
    any: false,
  }));
  const moves = content.moves ?? [];
  if (moves.some((move) => move.from === ANY_STAGE))
    nodes.push({ id: ANY_STAGE, title: '', initial: false, closed: false, any: true });
  const edges: ProcessEdge[] = moves
    // A move naming an undeclared stage is refused on save; the diagram draws what it can.
    .filter((move) => (move.from === ANY_STAGE || known.has(move.from)) && known.has(move.to))
    .map((move) => ({
      from: move.from,
      to: move.to,
      approval: move.approval === true,
      ...(move.roles ? { roles: move.roles } : {}),
      gates: move.to === CLOSED_STAGE && content.termination?.rulesets ? [...gateTitles] : [],
    }));
  return { nodes, edges };
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LaidOutNode extends ProcessNode, Box {
  /** The title broken into lines that fit the box. */
  lines: string[];
}

export interface LaidOutEdge extends ProcessEdge {
  points: { x: number; y: number }[];
  /** Where the label sits (its centre), when the edge has one. */
  label?: { x: number; y: number; lines: string[] };
}

export interface ProcessLayout {
  width: number;
  height: number;
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
}

const CHAR_WIDTH = 7.2;
const LINE_HEIGHT = 18;
const NODE_PADDING = 14;
const LABEL_CHARS = 28;
const NODE_CHARS = 22;

/** Breaks a text into lines of at most `max` characters, at spaces where it can. */
export function wrapText(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
    while (line.length > max) {
      lines.push(line.slice(0, max));
      line = line.slice(max);
    }
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/**
 * Lays the graph out top to bottom with dagre. `nodeTitle` names a node (the "any open stage" box has
 * no title of its own), `edgeLabel` gives the label lines of an edge (none: no label).
 */
export function layoutProcess(
  graph: ProcessGraph,
  nodeTitle: (node: ProcessNode) => string,
  edgeLabel: (edge: ProcessEdge) => string[],
): ProcessLayout {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 56, edgesep: 18, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  const lines = new Map<string, string[]>();
  for (const node of graph.nodes) {
    const wrapped = wrapText(nodeTitle(node), NODE_CHARS);
    lines.set(node.id, wrapped);
    const longest = Math.max(...wrapped.map((line) => line.length));
    g.setNode(node.id, {
      width: Math.max(110, Math.ceil(longest * CHAR_WIDTH) + 2 * NODE_PADDING),
      height: wrapped.length * LINE_HEIGHT + 2 * NODE_PADDING,
    });
  }
  const labels = graph.edges.map((edge) => edgeLabel(edge).flatMap((text) => wrapText(text, LABEL_CHARS)));
  // Stages go down in their declared order: a move back (reopening, returning to planning) is laid
  // out as if it went forward and drawn reversed, so the closing stage stays at the bottom.
  const order = new Map(graph.nodes.filter((node) => !node.any).map((node, i) => [node.id, i]));
  const rank = (id: string) => (id === ANY_STAGE ? -1 : (order.get(id) ?? 0));
  const backward = graph.edges.map((edge) => rank(edge.from) > rank(edge.to));
  graph.edges.forEach((edge, i) => {
    const label = labels[i] ?? [];
    const longest = Math.max(0, ...label.map((line) => line.length));
    g.setEdge(
      backward[i] ? edge.to : edge.from,
      backward[i] ? edge.from : edge.to,
      label.length > 0
        ? { width: Math.ceil(longest * CHAR_WIDTH * 0.9) + 8, height: label.length * 15 + 4, labelpos: 'c' }
        : {},
      String(i),
    );
  });
  // Each stage at least one rank below the one declared before it (an unseen edge where no move says
  // so), so the process reads top to bottom as declared and the closing stage comes last.
  const stages = graph.nodes.filter((node) => !node.any);
  stages.slice(1).forEach((node, i) => {
    const before = stages[i];
    if (before && !g.hasEdge(before.id, node.id)) g.setEdge(before.id, node.id, { weight: 0 }, `order-${i}`);
  });
  dagre.layout(g);
  const nodes: LaidOutNode[] = graph.nodes.map((node) => {
    const box = g.node(node.id);
    return {
      ...node,
      x: box.x,
      y: box.y,
      width: box.width,
      height: box.height,
      lines: lines.get(node.id) ?? [''],
    };
  });
  const edges: LaidOutEdge[] = graph.edges.map((edge, i) => {
    const laid = backward[i]
      ? g.edge({ v: edge.to, w: edge.from, name: String(i) })
      : g.edge({ v: edge.from, w: edge.to, name: String(i) });
    const label = labels[i] ?? [];
    const points = ((laid?.points ?? []) as { x: number; y: number }[]).map(({ x, y }) => ({ x, y }));
    return {
      ...edge,
      points: backward[i] ? points.reverse() : points,
      ...(label.length > 0 && laid && typeof laid.x === 'number' && typeof laid.y === 'number'
        ? { label: { x: laid.x, y: laid.y, lines: label } }
        : {}),
    };
  });
  const size = g.graph();
  return { width: Math.ceil(size.width ?? 0), height: Math.ceil(size.height ?? 0), nodes, edges };
}

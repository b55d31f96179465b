/**
 * The stages and moves of a case type drawn as a diagram (laid out by dagre): stage titles in boxes,
 * moves as arrows labelled with what they need (a supervisor's approval, supervisors only, rulesets
 * deciding a closing). The same moves follow as a table, which is what screen readers and keyboard
 * users read; the drawing is one image with a summary.
 */
import { useId, useMemo } from 'react';
import { useTexts } from '../../../shared/i18n/language';
import type { CaseTypeContent } from './api';
import { ANY_STAGE, layoutProcess, type ProcessEdge, processGraph } from './process-graph';
import { listWords, type Names } from './process-words';
import { processTexts } from './texts';

export function ProcessDiagram({
  content,
  names,
  gateTitles,
}: {
  content: CaseTypeContent;
  names: Names;
  /** The rulesets that decide whether a case may close, by title. */
  gateTitles: readonly string[];
}) {
  const { t } = useTexts(processTexts);
  const ids = useId();
  const graph = useMemo(() => processGraph(content, gateTitles), [content, gateTitles]);
  const edgeLabel = useMemo(
    () =>
      (edge: ProcessEdge): string[] => [
        ...(edge.approval ? [t('move.approval')] : []),
        ...(edge.roles?.length === 1 && edge.roles[0] === 'supervisor' ? [t('move.supervisorOnly')] : []),
        ...(edge.roles?.length === 1 && edge.roles[0] === 'worker' ? [t('move.workerOnly')] : []),
        ...(edge.gates.length > 0 ? [t('move.gate', { rulesets: listWords(edge.gates, t) })] : []),
      ],
    [t],
  );
  const layout = useMemo(
    () => layoutProcess(graph, (node) => (node.any ? t('diagram.anyStage') : node.title), edgeLabel),
    [graph, edgeLabel, t],
  );
  const stageName = (id: string) => (id === ANY_STAGE ? t('diagram.anyStage') : names.stage(id));

  return (
    <section className="process-diagram" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('diagram.title')}</h2>
      <div className="process-diagram-canvas">
        <svg
          role="img"
          aria-labelledby={`${ids}-summary`}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          width={layout.width}
          style={{ maxWidth: '100%', height: 'auto' }}
        >
          <title id={`${ids}-summary`}>
            {t('diagram.summary', { stages: content.stages.length, moves: graph.edges.length })}
          </title>
          <defs>
            <marker
              id={`${ids}-arrow`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" className="process-arrowhead" />
            </marker>
          </defs>
          {layout.edges.map((edge, i) => (
            <g
              // biome-ignore lint/suspicious/noArrayIndexKey: moves are unique per pair, the index is stable
              key={i}
              className={`process-move${edge.approval ? ' process-move-approval' : ''}${edge.roles ? ' process-move-restricted' : ''}`}
              data-move={`${edge.from}>${edge.to}`}
            >
              <path
                d={edge.points.map((p, n) => `${n === 0 ? 'M' : 'L'} ${p.x} ${p.y}`).join(' ')}
                markerEnd={`url(#${ids}-arrow)`}
              />
              {edge.label ? (
                <text x={edge.label.x} y={edge.label.y - ((edge.label.lines.length - 1) * 15) / 2}>
                  {edge.label.lines.map((line, n) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: lines of one label
                    <tspan key={n} x={edge.label?.x} dy={n === 0 ? 4 : 15}>
                      {line}
                    </tspan>
                  ))}
                </text>
              ) : null}
            </g>
          ))}
          {layout.nodes.map((node) => (
            <g
              key={node.id}
              className={`process-stage${node.closed ? ' process-stage-closed' : ''}${node.initial ? ' process-stage-initial' : ''}${node.any ? ' process-stage-any' : ''}`}
              data-stage={node.any ? undefined : node.id}
            >
              <rect
                x={node.x - node.width / 2}
                y={node.y - node.height / 2}
                width={node.width}
                height={node.height}
                rx="8"
              />
              <text x={node.x} y={node.y - ((node.lines.length - 1) * 18) / 2}>
                {node.lines.map((line, n) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: lines of one title
                  <tspan key={n} x={node.x} dy={n === 0 ? 5 : 18}>
                    {line}
                  </tspan>
                ))}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <div className="table-wrap">
        <table className="table process-moves">
          <caption>{t('moves.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('moves.from')}</th>
              <th scope="col">{t('moves.to')}</th>
              <th scope="col">{t('moves.needs')}</th>
            </tr>
          </thead>
          <tbody>
            {graph.edges.map((edge) => {
              const needs = edgeLabel(edge);
              return (
                <tr key={`${edge.from}>${edge.to}`}>
                  <th scope="row">{stageName(edge.from)}</th>
                  <td>{stageName(edge.to)}</td>
                  <td>{needs.length > 0 ? needs.join('; ') : t('moves.free')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

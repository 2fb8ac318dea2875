import React, { memo } from 'react';
import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import type { CanvasNode } from './model';

/**
 * Nodes keep a bounded height so a node showing a problem never grows over the node below it and its output port:
 * one problem is shown (clamped), the rest are counted; hovering shows them all, the property panel lists them too.
 */
const MAX_PROBLEMS_SHOWN = 1;

export type LayerFlowNode = Node<{ layer: CanvasNode }, 'layer'>;

/** One layer: type, name, key parameters, output shape, parameter count and the designer's problems. */
function LayerNodeView({ data, selected }: NodeProps<LayerFlowNode>) {
  const n = data.layer;
  const ports = Array.from({ length: n.inputPorts }, (_, i) => i);
  const hasProblems = n.problems.length > 0;
  return (
    <div
      className={`nw-node cat-${n.category}${hasProblems ? ' has-problems' : ''}${selected ? ' is-selected' : ''}${n.diff ? ` diff-${n.diff}` : ''}${n.frozen ? ' is-frozen' : ''}${n.editors ? ' has-editors' : ''}`}
      data-diff={n.diff ?? undefined}
      data-frozen={n.frozen ? 'true' : undefined}
      data-editors={n.editors ?? undefined}
      data-testid={`node-${n.id}`}
      data-node-id={n.id}
    >
      {ports.map((p) => (
        <Handle
          key={p}
          type="target"
          position={Position.Top}
          id={`in-${p}`}
          className="nw-handle nw-handle-in"
          data-port={p}
          style={{ left: `${((p + 1) * 100) / (ports.length + 1)}%` }}
          title={ports.length > 1 ? `input ${p}` : 'input'}
        >
          {ports.length > 1 && <span className="nw-port-label">{p}</span>}
        </Handle>
      ))}
      {n.editors && (
        <span className="nw-node-editors" data-testid="node-editors" title={`selected by ${n.editors}`}>
          {n.editors}
        </span>
      )}
      <div className="nw-node-head">
        <span className="nw-node-type">{n.type}</span>
        <span className="nw-node-id">{n.id}</span>
        {n.frozen && (
          <span className="nw-node-frozen" data-testid="frozen-badge" title="frozen: fine-tuning keeps these weights"
            aria-label="frozen">❄</span>
        )}
      </div>
      {n.summary && <div className="nw-node-summary">{n.summary}</div>}
      <div className="nw-node-stats">
        <span className="nw-node-shape" data-testid="output-shape" title="output shape (without the batch dimension)">
          {n.outputShape ? `→ ${n.outputShape}` : '→ ?'}
        </span>
        <span className="nw-node-params" data-testid="param-count">{n.paramsText}</span>
      </div>
      {hasProblems && (
        <ul
          className="nw-node-problems"
          data-testid="node-problems"
          title={n.problems.map((p) => (p.hint ? `${p.message}\nFix: ${p.hint}` : p.message)).join('\n\n')}
        >
          {n.problems.slice(0, MAX_PROBLEMS_SHOWN).map((p, i) => (
            <li key={i}>
              <span className="nw-problem-message">{p.message}</span>
              {p.hint && <span className="nw-problem-hint">{p.hint}</span>}
            </li>
          ))}
          {n.problems.length > MAX_PROBLEMS_SHOWN && (
            <li className="nw-problem-more">
              +{n.problems.length - MAX_PROBLEMS_SHOWN} more: select the layer to see all
            </li>
          )}
        </ul>
      )}
      {n.hasOutput && (
        <Handle type="source" position={Position.Bottom} id="out" className="nw-handle nw-handle-out" title="output" />
      )}
    </div>
  );
}

export const LayerNode = memo(LayerNodeView);

export type GroupFlowNode = Node<{ label: string }, 'netGroup'>;

/** A GAN network's frame, drawn behind its layers. */
function GroupNodeView({ data }: NodeProps<GroupFlowNode>) {
  return (
    <div className="nw-group" data-testid={`group-${data.label.toLowerCase()}`}>
      <span className="nw-group-label">{data.label}</span>
    </div>
  );
}

export const GroupNode = memo(GroupNodeView);

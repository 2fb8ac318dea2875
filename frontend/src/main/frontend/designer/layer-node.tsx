import React, { createContext, memo, useContext } from 'react';
import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import type { CanvasNode } from './model';

/**
 * Nodes keep a bounded height so a node showing a problem never grows over the node below it and its output port:
 * one problem is shown (clamped), the rest are counted; hovering shows them all, the property panel lists them too.
 */
const MAX_PROBLEMS_SHOWN = 1;

export type LayerFlowNode = Node<{ layer: CanvasNode }, 'layer' | 'blockFrame'>;

/** Expands (true) or collapses (false) a block instance in place; given by the canvas, which sends the command. */
export const BlockToggle = createContext<(id: string, open: boolean) => void>(() => {});

/** The expand/collapse switch of a block instance (kept out of dragging, so a click never moves the node). */
function ToggleButton({ id, open }: { id: string; open: boolean }) {
  const toggle = useContext(BlockToggle);
  return (
    <button type="button" className="nw-block-toggle nodrag" data-testid={open ? 'block-collapse' : 'block-expand'}
      title={open ? 'Collapse the block into one node' : 'Expand the block in place to see its layers (read only)'}
      onClick={(e) => {
        e.stopPropagation();
        toggle(id, !open);
      }}>{open ? '▾ collapse' : '▸ expand'}</button>
  );
}

/** One layer: type, name, key parameters, output shape, parameter count and the designer's problems. */
function LayerNodeView({ data, selected }: NodeProps<LayerFlowNode>) {
  const n = data.layer;
  const ports = Array.from({ length: n.inputPorts }, (_, i) => i);
  const hasProblems = n.problems.length > 0;
  const inner = !!n.block?.parent;
  return (
    <div
      className={`nw-node cat-${n.category}${hasProblems ? ' has-problems' : ''}${selected ? ' is-selected' : ''}${n.diff ? ` diff-${n.diff}` : ''}${n.frozen ? ' is-frozen' : ''}${n.editors ? ' has-editors' : ''}${inner ? ' is-inner' : ''}`}
      data-inner={inner ? 'true' : undefined}
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
      {n.block?.expandable && <ToggleButton id={n.id} open={false} />}
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

/**
 * An expanded block instance: a frame at the instance's place holding its inner layers (drawn by React Flow as the
 * frame's children). Outer connections keep their ports on the frame's edge; inside, the frame's input ports feed
 * the inner layers and the block's output layer leads to the frame's output.
 */
function BlockFrameView({ data, selected }: NodeProps<LayerFlowNode>) {
  const n = data.layer;
  const ports = Array.from({ length: n.inputPorts }, (_, i) => i);
  const where = (p: number) => ({ left: `${((p + 1) * 100) / (ports.length + 1)}%` });
  return (
    <div className={`nw-block-frame${selected ? ' is-selected' : ''}${n.problems.length > 0 ? ' has-problems' : ''}`}
      data-testid={`node-${n.id}`} data-node-id={n.id} data-expanded="true"
      title={n.problems.map((p) => p.message).join('\n') || undefined}>
      {ports.map((p) => (
        <React.Fragment key={p}>
          <Handle type="target" position={Position.Top} id={`in-${p}`} className="nw-handle nw-handle-in"
            data-port={p} style={where(p)} title={ports.length > 1 ? `input ${p}` : 'input'} />
          <Handle type="source" position={Position.Top} id={`port-${p}`} isConnectable={false}
            className="nw-frame-port" style={{ ...where(p), top: 40 }} />
        </React.Fragment>
      ))}
      <div className="nw-frame-head">
        <span className="nw-node-type">{n.type}</span>
        <span className="nw-node-id">{n.id}</span>
        <span className="nw-node-shape" data-testid="output-shape">{n.outputShape ? `→ ${n.outputShape}` : '→ ?'}</span>
        <span className="nw-node-params" data-testid="param-count">{n.paramsText}</span>
        <ToggleButton id={n.id} open />
      </div>
      <Handle type="target" position={Position.Bottom} id="result" isConnectable={false} className="nw-frame-port"
        style={{ bottom: 16 }} />
      {n.hasOutput && (
        <Handle type="source" position={Position.Bottom} id="out" className="nw-handle nw-handle-out" title="output" />
      )}
    </div>
  );
}

export const BlockFrame = memo(BlockFrameView);

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

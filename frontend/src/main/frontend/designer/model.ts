// The shapes the server sends (records in dev.netwright.frontend.designer.canvas) and the commands it accepts.

export interface CanvasProblem {
  message: string;
  hint: string;
}

export interface CanvasNode {
  id: string;
  type: string;
  category: string;
  summary: string;
  outputShape: string | null;
  params: number;
  paramsText: string;
  problems: CanvasProblem[];
  x: number;
  y: number;
  inputPorts: number;
  hasOutput: boolean;
  group: string | null;
  /** 'added' or 'changed' while a version diff is shown, else null */
  diff: string | null;
  /** fine-tuning keeps this layer's weights fixed */
  frozen: boolean;
  /** the other editors who have this layer selected (live co-editing), else null */
  editors: string | null;
  /** block instances and the layers inside an expanded one; null for an ordinary layer */
  block: BlockView | null;
}

/**
 * How a block instance, or a layer inside an expanded one, is drawn. Inner layers sit in their instance's frame
 * (parent; x and y are relative to it) and are read only: expanding is a view, it never changes the design.
 */
export interface BlockView {
  parent: string | null;
  expandable: boolean;
  expanded: boolean;
  width: number;
  height: number;
}

export interface CanvasEdge {
  id: string;
  source: string;
  /** 'out', or inside an expanded block the frame's input port 'port-<n>' */
  sourceHandle: string;
  target: string;
  /** 'in-<port>', or inside an expanded block the frame's output 'result' */
  targetHandle: string;
  port: number;
  /** a connection inside an expanded block: drawn, never edited */
  inner: boolean;
}

export interface CanvasGroup {
  id: string;
  label: string;
  nodeIds: string[];
}

export interface CanvasModel {
  revision: number;
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  groups: CanvasGroup[];
  selectIds: string[];
  selectSeq: number;
  fitSeq: number;
  /** viewers and diff previews: no palette, no dragging, no connecting, no deleting */
  readOnly: boolean;
}

export interface PaletteEntry {
  type: string;
  category: string;
  categoryLabel: string;
  description: string;
}

export type Command =
  | { kind: 'add'; type: string; x: number; y: number }
  | { kind: 'connect'; source: string; target: string; port: number }
  | { kind: 'move'; moves: { id: string; x: number; y: number }[] }
  | { kind: 'delete'; ids: string[]; edges: { source: string; target: string; port: number }[] }
  | { kind: 'select'; ids: string[] }
  | { kind: 'copy'; ids: string[] }
  | { kind: 'freeze'; id: string }
  | { kind: 'expand' | 'collapse' | 'ungroup' | 'editBlock'; id: string }
  | { kind: 'paste' | 'undo' | 'redo' | 'layout' | 'help' | 'templates' | 'unfreeze' };

export type Send = (command: Command) => void;

/** The drag-and-drop payload type of a palette item. */
export const LAYER_MIME = 'application/x-netwright-layer';

import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
  type OnBeforeDelete,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './design-canvas.css';
import { ReactAdapterElement, type RenderHooks } from 'Frontend/generated/flow/ReactAdapter';
import { BlockFrame, BlockToggle, GroupNode, LayerNode, type GroupFlowNode, type LayerFlowNode } from './layer-node';
import { Palette } from './palette';
import { RemeasureUnlocatedHandles } from './remeasure';
import { RoutedEdge } from './routed-edge';
import { LAYER_MIME, type CanvasModel, type CanvasNode, type PaletteEntry, type Send } from './model';

const nodeTypes = { layer: LayerNode, blockFrame: BlockFrame, netGroup: GroupNode };
const edgeTypes = { routed: RoutedEdge };

/**
 * The minimap sits beside the canvas (under the palette), so it covers nothing; fit-to-view leaves only the strip the
 * zoom buttons (bottom left) sit in, so a fitted design uses the whole canvas and stays readable. Top and bottom keep
 * room for the connections that leave a band's last layer and climb to the next band's head around the layers.
 */
const FIT_PADDING = { top: '36px', bottom: '36px', left: '56px', right: '24px' } as const;
const FIT_OPTIONS = { padding: FIT_PADDING, maxZoom: 1.1 };
const GROUP_PREFIX = 'group:';
const NODE_WIDTH = 200;
const NODE_HEIGHT = 90;

/** Drawn from the model (a layer, a block instance or a layer inside an expanded one), not a GAN frame. */
function isDrawnLayer(id: string) {
  return !id.startsWith(GROUP_PREFIX);
}

/**
 * Layers inside expanded blocks (ids {@code instance/inner}) are a view of the block, not layers of the design:
 * they are never moved, selected, deleted or connected.
 */
const innerIds = new Set<string>();

/** A node of the design itself: what gestures may select, move, delete and connect. */
function isLayer(id: string) {
  return isDrawnLayer(id) && !innerIds.has(id);
}

/** Keys typed into a text field belong to that field, not to the canvas shortcuts. */
function typingInField(e: KeyboardEvent) {
  const target = e.composedPath()[0] as HTMLElement | undefined;
  if (!target || !target.tagName) return false;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.isContentEditable;
}

/**
 * A layer drawn inside an expanded block: read only, and above its frame even when the frame is selected (React
 * Flow lifts a selected node by 1000 and does not always lift its children with it), deeper levels above shallower.
 */
function inner(parent: string, id: string) {
  // neither selectable nor draggable, React Flow would let clicks through (to the frame): the expand switch and
  // the problem tooltips need them
  return { parentId: parent, extent: 'parent' as const, draggable: false, selectable: false, connectable: false,
    deletable: false, zIndex: 1001 + id.split('/').length, style: { pointerEvents: 'all' as const } };
}

function sameLayer(a: CanvasNode, b: CanvasNode) {
  return JSON.stringify(a) === JSON.stringify(b);
}

interface AppProps {
  model: CanvasModel | null;
  palette: PaletteEntry[];
  send: Send;
}

/**
 * The canvas. It keeps only what is purely visual (selection, positions while dragging, measured sizes);
 * every change to the design is sent to the server, and what the server answers is what gets drawn.
 */
function DesignerCanvas({ model, palette, send }: AppProps) {
  const flow = useReactFlow();
  const pane = useRef<HTMLDivElement>(null);
  const [nodes, setNodes] = useState<LayerFlowNode[]>([]);
  const [edges, setEdges] = useState<Edge[]>([]);
  const nodesRef = useRef(nodes);
  nodesRef.current = nodes;
  const appliedSelectSeq = useRef<number>(-1);
  // the server starts at 0 and increases it to ask for a fit; 0 itself means none asked yet
  const appliedFitSeq = useRef<number>(0);
  const lastSelection = useRef('');
  const addCount = useRef(0);
  // the layer context menu (freeze for fine-tuning): where it opens and on which layer
  const [menu, setMenu] = useState<{ id: string; x: number; y: number } | null>(null);

  // Server state in, merged with what is purely local (selection, measured sizes).
  useEffect(() => {
    if (!model) return;
    const takeServerSelection = model.selectSeq !== appliedSelectSeq.current;
    appliedSelectSeq.current = model.selectSeq;
    const requested = new Set(model.selectIds);
    innerIds.clear();
    model.nodes.forEach((n) => n.block?.parent && innerIds.add(n.id));
    setNodes((previous) => {
      const old = new Map(previous.map((n) => [n.id, n]));
      return model.nodes.map((layer) => {
        const before = old.get(layer.id);
        const selected = takeServerSelection ? requested.has(layer.id) : (before?.selected ?? false);
        // unchanged layers keep their object so React skips redrawing them (matters for large designs)
        if (before && before.selected === selected && before.position.x === layer.x && before.position.y === layer.y
            && sameLayer(before.data.layer, layer)) {
          return before;
        }
        const view = layer.block;
        if (view?.expanded) {
          // an expanded instance: a frame of the size the server laid its inner layers out in
          return {
            id: layer.id,
            type: 'blockFrame',
            position: { x: layer.x, y: layer.y },
            data: { layer },
            selected,
            width: view.width,
            height: view.height,
            ...(view.parent ? inner(view.parent, layer.id) : {}),
            style: { width: view.width, height: view.height, pointerEvents: 'all' },
          } as LayerFlowNode;
        }
        return {
          id: layer.id,
          type: 'layer',
          position: { x: layer.x, y: layer.y },
          data: { layer },
          selected: view?.parent ? false : selected,
          measured: before?.measured,
          ...(view?.parent ? inner(view.parent, layer.id) : {}),
        } as LayerFlowNode;
      });
    });
    setEdges((previous) => {
      const selected = new Set(previous.filter((e) => e.selected).map((e) => e.id));
      return model.edges.map((e) => (e.inner ? {
        id: e.id,
        source: e.source,
        target: e.target,
        sourceHandle: e.sourceHandle,
        targetHandle: e.targetHandle,
        data: { port: e.port, inner: true },
        className: 'nw-inner-edge',
        selectable: false,
        deletable: false,
        focusable: false,
        zIndex: 1,
        markerEnd: { type: MarkerType.ArrowClosed, width: 12, height: 12 },
      } : {
        id: e.id,
        source: e.source,
        target: e.target,
        sourceHandle: e.sourceHandle,
        targetHandle: e.targetHandle,
        selected: selected.has(e.id),
        data: { port: e.port },
        type: 'routed',
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
      }));
    });
  }, [model]);

  // Fit the view when the server asks (new design, auto-layout), once the nodes have been measured.
  useEffect(() => {
    if (!model || model.fitSeq === appliedFitSeq.current) return;
    const seq = model.fitSeq;
    const expected = model.nodes.length;
    // nodes must be measured before fitView knows their extent; wait (briefly) until they are
    let tries = 0;
    const timer = window.setInterval(() => {
      const drawn = flow.getNodes().filter((n) => isDrawnLayer(n.id));
      const measured = drawn.length >= expected && drawn.every((n) => n.measured?.width);
      if (measured || ++tries > 20) {
        window.clearInterval(timer);
        // marked done only now: a re-run of this effect before the fit must not lose it
        appliedFitSeq.current = seq;
        flow.fitView({ ...FIT_OPTIONS, duration: 200 });
      }
    }, 50);
    return () => window.clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-run only for a new fit request
  }, [model?.fitSeq]);

  // GAN networks: a frame around each network's layers, recomputed as they move.
  const groupNodes = useMemo<GroupFlowNode[]>(() => {
    if (!model || model.groups.length === 0) return [];
    const byId = new Map(nodes.map((n) => [n.id, n]));
    return model.groups.flatMap((g) => {
      const members = g.nodeIds.map((id) => byId.get(id)).filter((n): n is LayerFlowNode => !!n);
      if (members.length === 0) return [];
      const left = Math.min(...members.map((n) => n.position.x)) - 30;
      const top = Math.min(...members.map((n) => n.position.y)) - 50;
      const right = Math.max(...members.map((n) => n.position.x + (n.measured?.width ?? NODE_WIDTH))) + 30;
      const bottom = Math.max(...members.map((n) => n.position.y + (n.measured?.height ?? NODE_HEIGHT))) + 30;
      return [{
        id: GROUP_PREFIX + g.id,
        type: 'netGroup',
        position: { x: left, y: top },
        data: { label: g.label },
        width: right - left,
        height: bottom - top,
        selectable: false,
        draggable: false,
        connectable: false,
        deletable: false,
        focusable: false,
        zIndex: -1,
      } as GroupFlowNode];
    });
  }, [model, nodes]);

  const allNodes = useMemo<Node[]>(() => [...groupNodes, ...nodes], [groupNodes, nodes]);

  const onNodesChange = useCallback((changes: NodeChange[]) => {
    // removals go to the server (onBeforeDelete); group frames are derived, never changed directly
    const local = changes.filter((c) => c.type !== 'remove' && !('id' in c && !isDrawnLayer(c.id)));
    setNodes((current) => applyNodeChanges(local, current as Node[]) as LayerFlowNode[]);
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    setEdges((current) => applyEdgeChanges(changes.filter((c) => c.type !== 'remove'), current));
  }, []);

  const onBeforeDelete: OnBeforeDelete = useCallback(async ({ nodes: doomed, edges: cut }) => {
    const ids = doomed.map((n) => n.id).filter(isLayer);
    const edgeRefs = cut.filter((e) => !e.data?.inner)
      .map((e) => ({ source: e.source, target: e.target, port: Number(e.data?.port ?? 0) }));
    if (ids.length > 0 || edgeRefs.length > 0) {
      send({ kind: 'delete', ids, edges: edgeRefs });
    }
    return false;
  }, [send]);

  const onConnect = useCallback((c: Connection) => {
    const port = c.targetHandle?.startsWith('in-') ? Number(c.targetHandle.slice(3)) : 0;
    send({ kind: 'connect', source: c.source, target: c.target, port });
  }, [send]);

  const onNodeDragStop = useCallback((_: unknown, __: Node, dragged: Node[]) => {
    const moves = dragged.filter((n) => isLayer(n.id)).map((n) => ({ id: n.id, x: n.position.x, y: n.position.y }));
    if (moves.length > 0) send({ kind: 'move', moves });
  }, [send]);

  const onSelectionChange = useCallback(({ nodes: chosen }: { nodes: Node[] }) => {
    const ids = chosen.map((n) => n.id).filter(isLayer).sort();
    const key = ids.join('\n');
    if (key !== lastSelection.current) {
      lastSelection.current = key;
      send({ kind: 'select', ids });
    }
  }, [send]);

  const onNodeContextMenu = useCallback((e: React.MouseEvent, node: Node) => {
    if (!isLayer(node.id) || model?.readOnly) return;
    e.preventDefault();
    const box = pane.current?.getBoundingClientRect();
    setMenu({ id: node.id, x: e.clientX - (box?.left ?? 0), y: e.clientY - (box?.top ?? 0) });
  }, [model?.readOnly]);

  const closeMenu = useCallback(() => setMenu(null), []);
  const toggleBlock = useCallback((id: string, open: boolean) => send({ kind: open ? 'expand' : 'collapse', id }),
    [send]);
  const menuIsBlock = !!menu && !!model?.nodes.find((n) => n.id === menu.id)?.block?.expandable;

  const addAt = useCallback((type: string, clientX: number, clientY: number) => {
    const p = flow.screenToFlowPosition({ x: clientX, y: clientY });
    send({ kind: 'add', type, x: Math.round(p.x - NODE_WIDTH / 2), y: Math.round(p.y - 20) });
  }, [flow, send]);

  const addInView = useCallback((type: string) => {
    const box = pane.current?.getBoundingClientRect();
    if (!box) return;
    const step = (addCount.current++ % 6) * 30;
    addAt(type, box.left + box.width / 2 + step, box.top + box.height / 3 + step);
  }, [addAt]);

  const onDragOver = useCallback((e: React.DragEvent) => {
    if (e.dataTransfer.types.includes(LAYER_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback((e: React.DragEvent) => {
    const type = e.dataTransfer.getData(LAYER_MIME);
    if (!type) return;
    e.preventDefault();
    addAt(type, e.clientX, e.clientY);
  }, [addAt]);

  // Canvas shortcuts (the help panel lists them).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setMenu(null);
      if (typingInField(e) || e.defaultPrevented) return;
      if (document.querySelector('vaadin-dialog[opened], vaadin-dialog-overlay[opened]')) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const selectedIds = () => nodesRef.current.filter((n) => n.selected).map((n) => n.id);
      let handled = true;
      if (mod && key === 'z') send({ kind: e.shiftKey ? 'redo' : 'undo' });
      else if (mod && key === 'y') send({ kind: 'redo' });
      else if (mod && key === 'c') send({ kind: 'copy', ids: selectedIds() });
      else if (mod && key === 'v') send({ kind: 'paste' });
      else if (mod && key === 'a') setNodes((current) => current.map((n) => ({ ...n, selected: true })));
      else if (!mod && !e.altKey && e.key === '?') send({ kind: 'help' });
      else if (!mod && !e.altKey && key === 'l') send({ kind: 'layout' });
      else if (!mod && !e.altKey && key === 'f') flow.fitView({ ...FIT_OPTIONS, duration: 200 });
      else handled = false;
      if (handled) e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [send, flow]);

  const empty = !!model && model.nodes.length === 0;
  const readOnly = !!model && model.readOnly;

  return (
    <div className="nw-designer-root">
      <div className="nw-left">
        {!readOnly && <Palette entries={palette} onAdd={addInView} />}
        <div className="nw-minimap-dock" data-testid="minimap-dock">
          <MiniMap pannable zoomable nodeStrokeWidth={3} className="nw-minimap" style={{ width: 188, height: 120 }}
            bgColor="#fff" maskColor="rgba(226, 232, 240, 0.6)" maskStrokeColor="#94a3b8" maskStrokeWidth={1}
            nodeColor={(n) => (n.type === 'netGroup' ? 'transparent' : 'var(--nw-minimap-node, #94a3b8)')} />
        </div>
      </div>
      <div className="nw-flow" ref={pane} onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
        <BlockToggle.Provider value={toggleBlock}>
        <ReactFlow
          nodes={allNodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onBeforeDelete={onBeforeDelete}
          onConnect={onConnect}
          onNodeDragStop={onNodeDragStop}
          onSelectionChange={onSelectionChange}
          onNodeContextMenu={onNodeContextMenu}
          onPaneClick={closeMenu}
          onMoveStart={closeMenu}
          isValidConnection={(c) => c.source !== c.target && isLayer(c.source) && isLayer(c.target)}
          deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={['Shift', 'Control', 'Meta']}
          defaultViewport={{ x: 40, y: 40, zoom: 1 }}
          fitViewOptions={FIT_OPTIONS}
          minZoom={0.1}
          maxZoom={2.5}
          proOptions={{ hideAttribution: false }}
        >
          <Background variant={BackgroundVariant.Dots} gap={20} size={1} />
          <RemeasureUnlocatedHandles />
          {/* the fit button fits as the F key and a new design do (its own default padding would differ) */}
          <Controls showInteractive={false} fitViewOptions={FIT_OPTIONS} />
        </ReactFlow>
        </BlockToggle.Provider>
        {menu && (
          <div className="nw-context-menu" role="menu" data-testid="node-menu" style={{ left: menu.x, top: menu.y }}
            onContextMenu={(e) => e.preventDefault()}>
            <button type="button" role="menuitem" data-testid="menu-freeze" onClick={() => {
              send({ kind: 'freeze', id: menu.id });
              setMenu(null);
            }}>❄ Freeze up to here</button>
            <button type="button" role="menuitem" data-testid="menu-unfreeze" onClick={() => {
              send({ kind: 'unfreeze' });
              setMenu(null);
            }}>Unfreeze all</button>
            {menuIsBlock && (
              <>
                <button type="button" role="menuitem" data-testid="menu-ungroup" onClick={() => {
                  send({ kind: 'ungroup', id: menu.id });
                  setMenu(null);
                }}>Ungroup: replace by its layers</button>
                <button type="button" role="menuitem" data-testid="menu-edit-block" onClick={() => {
                  send({ kind: 'editBlock', id: menu.id });
                  setMenu(null);
                }}>Edit block…</button>
              </>
            )}
          </div>
        )}
        {empty && !readOnly && (
          <div className="nw-empty" data-testid="empty-state">
            <h3>Start your network</h3>
            <p>
              Drag an <b>Input</b> layer from the palette on the left onto the canvas, then the layers that follow it.
              Connect each layer's output <span className="nw-dot" /> (bottom) to the next layer's input{' '}
              <span className="nw-dot" /> (top). Shapes, parameter counts and problems appear on every layer as you build.
            </p>
            <div className="nw-empty-actions">
              <button type="button" onClick={() => send({ kind: 'templates' })}>Start from a template</button>
              <button type="button" className="secondary" onClick={() => send({ kind: 'help' })}>Keyboard shortcuts</button>
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

class DesignCanvasElement extends ReactAdapterElement {
  protected override render(hooks: RenderHooks): React.ReactElement | null {
    const [model] = hooks.useState<CanvasModel | null>('model');
    const [palette] = hooks.useState<PaletteEntry[]>('palette');
    const dispatch = hooks.useCustomEvent<string>('nw-command');
    const send = useCallback<Send>((command) => {
      dispatch(JSON.stringify(command));
    }, [dispatch]);
    return (
      <ReactFlowProvider>
        <DesignerCanvas model={model ?? null} palette={palette ?? []} send={send} />
      </ReactFlowProvider>
    );
  }
}

customElements.define('nw-design-canvas', DesignCanvasElement);

import { useEffect } from 'react';
import { useStore, useUpdateNodeInternals, type ReactFlowState } from '@xyflow/react';

type FlowNode = ReturnType<ReactFlowState['nodeLookup']['get']>;

/** Whether React Flow knows where {@code handle} of {@code node} is; nodes not measured yet are its own business. */
function located(node: FlowNode, type: 'source' | 'target', handle: string | null | undefined) {
  if (!node || node.hidden || !node.measured.width) return true;
  const bounds = node.internals.handleBounds?.[type];
  return !!bounds && (!handle ? bounds.length > 0 : bounds.some((h) => h.id === handle));
}

/**
 * The layers React Flow has drawn at their size but lost, or never had, the handle positions of: one string, so the
 * canvas re-renders only when the set changes (the selector runs on every store change, drags included).
 */
function unlocated(s: ReactFlowState): string {
  const ids = new Set<string>();
  for (const e of s.edgeLookup.values()) {
    const source = s.nodeLookup.get(e.source);
    const target = s.nodeLookup.get(e.target);
    if (!located(source, 'source', e.sourceHandle)) ids.add(e.source);
    if (!located(target, 'target', e.targetHandle)) ids.add(e.target);
  }
  return [...ids].sort().join('\n');
}

/**
 * React Flow draws a connection only where it knows both ends' handle positions, and it measures a node's handles
 * only when it first draws the node or the node changes size. A layer object the canvas replaces (a co-editor's
 * change arriving) while React Flow is still taking the layer's first measurement loses the handle positions but
 * keeps its size (xyflow#4888): the layer is drawn, its connections never are, on this canvas only. A port that
 * appears without the layer changing size (a merge layer's next free port) is not measured either. Such layers are
 * measured again, which draws their connections. A connection to a handle a layer really lacks asks once per change
 * of the set, so this never loops.
 */
export function RemeasureUnlocatedHandles() {
  const stale = useStore(unlocated);
  const updateNodeInternals = useUpdateNodeInternals();
  useEffect(() => {
    if (stale) updateNodeInternals(stale.split('\n'));
  }, [stale, updateNodeInternals]);
  return null;
}

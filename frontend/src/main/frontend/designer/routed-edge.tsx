import React, { memo, useMemo } from 'react';
import { BaseEdge, getBezierPath, useStore, type EdgeProps, type ReactFlowState } from '@xyflow/react';
import { route, roundedPath, type Box } from './edge-route';

/** The layers' boxes (canvas coordinates), kept as one string so edges redraw only when a box really changes. */
function boxesKey(s: ReactFlowState) {
  let key = '';
  for (const n of s.nodeLookup.values()) {
    if (n.type !== 'layer') continue;
    const p = n.internals.positionAbsolute;
    key += `${n.id}\t${Math.round(p.x)}\t${Math.round(p.y)}\t${Math.round(n.measured.width ?? 0)}\t${Math.round(n.measured.height ?? 0)}\n`;
  }
  return key;
}

function parse(key: string) {
  const boxes = new Map<string, Box>();
  for (const line of key.split('\n')) {
    if (!line) continue;
    const [id, x, y, w, h] = line.split('\t');
    boxes.set(id, { left: +x, top: +y, right: +x + +w, bottom: +y + +h });
  }
  return boxes;
}

/**
 * A connection that never runs behind a layer: the usual curve where it is clear, else an orthogonal path around the
 * layers in its way (a residual shortcut beside the layers it skips, the step from one band of a long chain up to
 * the head of the next).
 */
function RoutedEdgeView({ source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition,
  markerEnd, style, interactionWidth }: EdgeProps) {
  const key = useStore(boxesKey);
  const path = useMemo(() => {
    const boxes = parse(key);
    const others = [...boxes.entries()].filter(([id]) => id !== source && id !== target).map(([, b]) => b);
    const ends = [boxes.get(source), boxes.get(target)].filter((b): b is Box => !!b);
    const points = route({ x: sourceX, y: sourceY }, { x: targetX, y: targetY }, others, ends);
    if (points) return roundedPath(points);
    return getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition })[0];
  }, [key, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition]);
  return <BaseEdge path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />;
}

export const RoutedEdge = memo(RoutedEdgeView);

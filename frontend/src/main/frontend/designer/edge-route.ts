// Where a connection runs: a plain curve when nothing is in its way, else an orthogonal path around the layers.

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** How far a routed connection keeps from a layer it passes, and how far it runs straight out of and into a port. */
const CLEARANCE = 14;
const STUB = 22;
const CORNER = 10;

/** Whether the segment a-b enters the box's inside (Liang-Barsky clipping; running along an edge does not count). */
function hitsBox(a: Point, b: Point, box: Box) {
  let u0 = 0;
  let u1 = 1;
  const clip = (p: number, q: number) => {
    if (p === 0) return q > 0;
    const r = q / p;
    if (p < 0) {
      if (r > u1) return false;
      if (r > u0) u0 = r;
    } else {
      if (r < u0) return false;
      if (r < u1) u1 = r;
    }
    return true;
  };
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  return clip(-dx, a.x - box.left) && clip(dx, box.right - a.x) && clip(-dy, a.y - box.top) && clip(dy, box.bottom - a.y)
      && (u1 > u0 || (dx === 0 && dy === 0));
}

function hits(points: Point[], boxes: Box[]) {
  let count = 0;
  for (let i = 1; i < points.length; i++) {
    for (const box of boxes) if (hitsBox(points[i - 1], points[i], box)) count++;
  }
  return count;
}

/** The curve React Flow draws from a bottom port to a top port, as the points it passes. */
function curvePoints(s: Point, t: Point): Point[] {
  const offset = 0.5 * (t.y - s.y); // React Flow's control distance for a port below its target
  const c1 = { x: s.x, y: s.y + offset };
  const c2 = { x: t.x, y: t.y - offset };
  const out: Point[] = [];
  for (let i = 0; i <= 24; i++) {
    const u = i / 24;
    const v = 1 - u;
    out.push({
      x: v * v * v * s.x + 3 * v * v * u * c1.x + 3 * v * u * u * c2.x + u * u * u * t.x,
      y: v * v * v * s.y + 3 * v * v * u * c1.y + 3 * v * u * u * c2.y + u * u * u * t.y,
    });
  }
  return out;
}

function length(points: Point[]) {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += Math.abs(points[i].x - points[i - 1].x) + Math.abs(points[i].y - points[i - 1].y);
  return total;
}

/**
 * The path of a connection from a source's output port (bottom) to a target's input port (top). {@code others} are
 * the layers it must not run behind; {@code ends} the source's and target's own boxes, which only the first and last
 * straight pieces may touch. Returns null when the ordinary curve is clear.
 */
export function route(s: Point, t: Point, others: Box[], ends: Box[]): Point[] | null {
  const blocked = others.map((b) => ({
    left: b.left - CLEARANCE, top: b.top - CLEARANCE, right: b.right + CLEARANCE, bottom: b.bottom + CLEARANCE,
  }));
  if (t.y > s.y + 2 * STUB && hits(curvePoints(s, t), others) === 0) return null;
  const y1 = s.y + STUB;
  const y2 = t.y - STUB;
  // lanes: beside every layer in the way, and straight under the source or above the target
  const lanes = new Set<number>([s.x, t.x]);
  for (const b of [...blocked, ...ends]) {
    lanes.add(b.left - CLEARANCE);
    lanes.add(b.right + CLEARANCE);
  }
  const all = [...blocked, ...ends.map((b) => ({ left: b.left - 2, top: b.top - 2, right: b.right + 2, bottom: b.bottom + 2 }))];
  // A lane costs its length plus a penalty per layer it runs through, so no lane costs less than its length: lanes
  // are tried shortest first (ties in the order they were found) and the search stops at the first lane not shorter
  // than the best cost so far. That picks what trying every lane in order would, without testing each lane against
  // every layer (with hundreds of layers, every connection did that for hundreds of lanes).
  const candidates = [...lanes].map((x, order) => {
    const points = [s, { x: s.x, y: y1 }, { x, y: y1 }, { x, y: y2 }, { x: t.x, y: y2 }, t];
    return { points, order, length: length(points) };
  }).sort((a, b) => a.length - b.length || a.order - b.order);
  let best: Point[] | null = null;
  let bestCost = Infinity;
  for (const { points, length: shortest } of candidates) {
    if (shortest >= bestCost) break;
    // the stubs out of and into the ports may touch their own layer; the rest may touch none
    const middle = points.slice(1, points.length - 1);
    const cost = hits(middle, all) * 100000 + hits([points[0], points[1]], blocked) * 100000
        + hits([points[4], points[5]], blocked) * 100000 + shortest;
    if (cost < bestCost) {
      bestCost = cost;
      best = points;
    }
  }
  return best;
}

/** An SVG path through the points with rounded corners; also where a label would sit (the middle piece). */
export function roundedPath(points: Point[]): string {
  const clean = points.filter((p, i) => i === 0 || Math.abs(p.x - points[i - 1].x) + Math.abs(p.y - points[i - 1].y) > 0.5);
  let d = `M ${clean[0].x},${clean[0].y}`;
  for (let i = 1; i < clean.length - 1; i++) {
    const prev = clean[i - 1];
    const here = clean[i];
    const next = clean[i + 1];
    const inLen = Math.abs(here.x - prev.x) + Math.abs(here.y - prev.y);
    const outLen = Math.abs(next.x - here.x) + Math.abs(next.y - here.y);
    const r = Math.min(CORNER, inLen / 2, outLen / 2);
    const a = { x: here.x - (Math.sign(here.x - prev.x) * r), y: here.y - (Math.sign(here.y - prev.y) * r) };
    const b = { x: here.x + (Math.sign(next.x - here.x) * r), y: here.y + (Math.sign(next.y - here.y) * r) };
    d += ` L ${a.x},${a.y} Q ${here.x},${here.y} ${b.x},${b.y}`;
  }
  const last = clean[clean.length - 1];
  d += ` L ${last.x},${last.y}`;
  return d;
}

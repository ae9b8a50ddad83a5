import type { Point } from './layoutGraph'

/** A node's box on the canvas: its top-left corner and size. */
export type Box = { x: number; y: number; width: number; height: number }

/**
 * The line of a relation from one node's border to the other's (a straight line, or a curve whose
 * middle sits `bend` px to the side), and where its label goes: the middle of the line.
 */
export function relationPath(
  source: Box,
  target: Box,
  bend: number,
): { path: string; label: Point } {
  const from = centreOf(source)
  const to = centreOf(target)
  const length = Math.hypot(to.x - from.x, to.y - from.y) || 1
  const normal = { x: -(to.y - from.y) / length, y: (to.x - from.x) / length }
  // A quadratic curve passes halfway to its control point: twice the bend puts its middle there.
  const control = {
    x: (from.x + to.x) / 2 + normal.x * bend * 2,
    y: (from.y + to.y) / 2 + normal.y * bend * 2,
  }
  const start = borderPoint(source, control)
  const end = borderPoint(target, control)
  const label = {
    x: round(0.25 * start.x + 0.5 * control.x + 0.25 * end.x),
    y: round(0.25 * start.y + 0.5 * control.y + 0.25 * end.y),
  }
  const path =
    bend === 0
      ? `M ${round(start.x)},${round(start.y)} L ${round(end.x)},${round(end.y)}`
      : `M ${round(start.x)},${round(start.y)} Q ${round(control.x)},${round(control.y)} ${round(end.x)},${round(end.y)}`
  return { path, label }
}

/** Where the ray from the box's centre towards `towards` leaves the box. */
export function borderPoint(box: Box, towards: Point): Point {
  const centre = centreOf(box)
  const dx = towards.x - centre.x
  const dy = towards.y - centre.y
  if (dx === 0 && dy === 0) return centre
  const scale = Math.min(
    dx === 0 ? Infinity : box.width / 2 / Math.abs(dx),
    dy === 0 ? Infinity : box.height / 2 / Math.abs(dy),
  )
  return { x: centre.x + dx * scale, y: centre.y + dy * scale }
}

function centreOf(box: Box): Point {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}

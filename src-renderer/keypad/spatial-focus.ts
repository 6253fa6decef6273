import { assertNever } from '../../src-shared/assert-never';

/** The four arrow directions of a navigation keypad. */
export type Direction = 'up' | 'down' | 'left' | 'right';

/** A control's box in viewport coordinates (DOMRect has these). */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** Boxes that touch or overlap by less than this still count as "beyond" each other (borders, rounding). */
const EDGE_TOLERANCE_PX = 4;
/** Drifting sideways costs more than travelling further: a grid's next row beats a far diagonal. */
const SIDEWAYS_WEIGHT = 3;

const centerX = (b: Box) => (b.left + b.right) / 2;
const centerY = (b: Box) => (b.top + b.bottom) / 2;

/** Distance between two ranges on one axis; 0 when they overlap. */
function gap(aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  if (bStart > aEnd) return bStart - aEnd;
  if (aStart > bEnd) return aStart - bEnd;
  return 0;
}

/** Whether `c`'s centre lies strictly further in `direction` than `from`'s (the rule every pick keeps). */
export function isInDirection(from: Box, c: Box, direction: Direction): boolean {
  switch (direction) {
    case 'down':
      return centerY(c) > centerY(from);
    case 'up':
      return centerY(c) < centerY(from);
    case 'right':
      return centerX(c) > centerX(from);
    case 'left':
      return centerX(c) < centerX(from);
    default:
      return assertNever(direction);
  }
}

/** Whether `c` lies wholly past `from`'s edge in `direction` (a clean next row or column). */
function isBeyondEdge(from: Box, c: Box, direction: Direction): boolean {
  switch (direction) {
    case 'down':
      return c.top >= from.bottom - EDGE_TOLERANCE_PX;
    case 'up':
      return c.bottom <= from.top + EDGE_TOLERANCE_PX;
    case 'right':
      return c.left >= from.right - EDGE_TOLERANCE_PX;
    case 'left':
      return c.right <= from.left + EDGE_TOLERANCE_PX;
    default:
      return assertNever(direction);
  }
}

function score(from: Box, c: Box, direction: Direction): number {
  const vertical = direction === 'up' || direction === 'down';
  const travel = vertical ? Math.abs(centerY(c) - centerY(from)) : Math.abs(centerX(c) - centerX(from));
  const sideways = vertical ? gap(from.left, from.right, c.left, c.right) : gap(from.top, from.bottom, c.top, c.bottom);
  // Among equals, the one whose centre is nearer the line of travel (the column under a wide button).
  const offAxis = vertical ? Math.abs(centerX(c) - centerX(from)) : Math.abs(centerY(c) - centerY(from));
  return travel + SIDEWAYS_WEIGHT * sideways + offAxis / 100;
}

/**
 * The control an arrow key moves to: the nearest one in that direction, preferring those wholly
 * past the current one's edge (the next row of a grid, the next item of a list) over ones that
 * merely overlap it. Returns the index in `candidates`, or -1 when nothing lies that way.
 */
export function pickInDirection(from: Box, candidates: readonly Box[], direction: Direction): number {
  let best = -1;
  let bestKey: readonly [number, number] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  candidates.forEach((c, index) => {
    if (!isInDirection(from, c, direction)) return;
    // Rank 0 for a clean step past the edge, 1 for an overlapping neighbour: rank first, then distance.
    const key = [isBeyondEdge(from, c, direction) ? 0 : 1, score(from, c, direction)] as const;
    if (key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) {
      best = index;
      bestKey = key;
    }
  });
  return best;
}

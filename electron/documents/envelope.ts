import { INCH, PAGE_HEIGHT } from './pdf-doc';

/**
 * The window of a standard #10 window envelope (4 1/8" x 9 1/2"): 4 1/2" wide and
 * 1 1/8" high, 7/8" from the left edge. A US Letter sheet folded in thirds puts that
 * window over the area about 2" below the top of the page, so the recipient address
 * is printed there, inset 1/8" on each side so it stays visible when the sheet shifts
 * in the envelope.
 */
export const WINDOW = {
  x: 0.875 * INCH,
  y: 2 * INCH,
  width: 4.5 * INCH,
  height: 1.125 * INCH,
} as const;

const INSET = 0.125 * INCH;
const LINE_HEIGHT = 12.5;

export const ADDRESS_TEXT = {
  x: WINDOW.x + INSET,
  y: WINDOW.y + INSET - 2,
  width: WINDOW.width - 2 * INSET,
  height: WINDOW.height - 2 * INSET,
  lineHeight: LINE_HEIGHT,
  // five lines of 12.5 pt fill the inset window; a sixth would sit under the edge
  maxLines: Math.floor((WINDOW.height - 2 * INSET + 4) / LINE_HEIGHT),
} as const;

/** Where a letter sheet folds in thirds (from the top), for the small fold ticks. */
export const FOLD_MARKS = [PAGE_HEIGHT / 3, (2 * PAGE_HEIGHT) / 3] as const;

/**
 * The window of a #9 return envelope (3 7/8" x 8 7/8"), the one enclosed with a statement:
 * 4 1/2" by 1 1/8", 7/8" from the left and 5/8" above the bottom of the remittance stub
 * that goes in it, which is the bottom of the page. The remit-to address prints there.
 */
export const RETURN_WINDOW = {
  x: 0.875 * INCH,
  y: PAGE_HEIGHT - 0.625 * INCH - 1.125 * INCH,
  width: 4.5 * INCH,
  height: 1.125 * INCH,
} as const;

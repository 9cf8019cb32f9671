import { INCH, PAGE_HEIGHT, PAGE_WIDTH } from './pdf-doc';

/** A letter's page: one-inch margins, body type and the colours it prints in. */
export const LEFT = INCH;
export const WIDTH = PAGE_WIDTH - 2 * INCH;
export const BOTTOM = PAGE_HEIGHT - INCH;
export const MARGINS = { top: INCH, bottom: INCH, left: INCH, right: INCH };
export const BODY_SIZE = 11;
export const LINE_GAP = 2;
export const PARAGRAPH_GAP = 8;
export const INK = '#000000';
export const ACCENT = '#1f3a5f';
export const GREY = '#444444';

/** Starts a new page when what comes next (this tall) would run past the bottom margin. */
export function ensureRoom(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > BOTTOM) {
    doc.addPage();
    doc.y = MARGINS.top;
  }
}

import PDFDocument from 'pdfkit';
import type { IsoDate } from '../../shared/dates/iso-date';
import { FONT_FILES, parsedFont, type FontName } from './fonts';

/** US Letter in PostScript points (72 to the inch). */
export const PAGE_WIDTH = 612;
export const PAGE_HEIGHT = 792;
export const INCH = 72;

export interface Margins {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

export interface NewDocument {
  readonly doc: PDFKit.PDFDocument;
  /** Resolves with the finished file once `doc.end()` has been called. */
  readonly done: Promise<Buffer>;
}

/**
 * A document whose bytes depend only on its content and `date`: pdfkit derives the file
 * ID from the info dictionary, so pinning CreationDate and ModDate to the document date
 * is what makes two renders identical. Pages stay buffered so "Page X of N" can be
 * written once N is known.
 */
export function createDocument(options: {
  date: IsoDate;
  title: string;
  margins: Margins;
}): NewDocument {
  const stamp = new Date(`${options.date}T12:00:00Z`);
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: options.margins,
    bufferPages: true,
    autoFirstPage: false,
    // An empty default font keeps pdfkit from loading Helvetica, which would be
    // referenced in the file without being embedded.
    font: '',
    info: {
      Title: options.title,
      Producer: 'ClaimDesk',
      Creator: 'ClaimDesk',
      CreationDate: stamp,
      ModDate: stamp,
    },
    displayTitle: true,
  });
  for (const name of Object.keys(FONT_FILES) as FontName[]) {
    doc.registerFont(name, parsedFont(name));
  }
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

/** Writes outside the margins without pdfkit starting a new page for it. */
export function drawOutsideMargins(doc: PDFKit.PDFDocument, draw: () => void): void {
  const saved = { ...doc.page.margins };
  doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
  try {
    draw();
  } finally {
    doc.page.margins = saved;
  }
}

/**
 * Numbers the pages `first`..`first + count - 1` of the buffer as "Page X of N". A
 * one-page document gets no number.
 */
export function numberPages(
  doc: PDFKit.PDFDocument,
  first: number,
  count: number,
  draw: (page: number, of: number) => void,
): void {
  if (count < 2) return;
  for (let i = 0; i < count; i++) {
    doc.switchToPage(first + i);
    drawOutsideMargins(doc, () => draw(i + 1, count));
  }
}

export function pageCountOf(doc: PDFKit.PDFDocument): number {
  const range = doc.bufferedPageRange();
  return range.start + range.count;
}

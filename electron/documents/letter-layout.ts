import type { IsoDate } from '../../shared/dates/iso-date';
import { ADDRESS_TEXT, FOLD_MARKS } from './envelope';
import { fillTemplate, letterWarnings, type FilledBlock, type FilledLetter } from './fill';
import type { LetterData } from './letter-data';
import {
  ACCENT,
  BODY_SIZE,
  BOTTOM,
  GREY,
  INK,
  LEFT,
  LINE_GAP,
  MARGINS,
  PARAGRAPH_GAP,
  WIDTH,
  ensureRoom,
} from './letter-geometry';
import { drawDenialCodes, drawServiceLines } from './letter-tables';
import { INCH, PAGE_HEIGHT, PAGE_WIDTH, createDocument, numberPages, pageCountOf } from './pdf-doc';
import type { Template } from './template';

export interface RenderOptions {
  /** The letter date; also pins the PDF timestamps so output is repeatable. */
  readonly date: IsoDate;
}

export interface RenderedDocument {
  readonly pdf: Buffer;
  readonly pageCount: number;
  readonly warnings: readonly string[];
}

/** Fills the template and lays the letter out in one step. */
export function renderLetter(
  template: Template,
  data: LetterData,
  options: RenderOptions,
): Promise<RenderedDocument> {
  return renderFilledLetter(fillTemplate(template, data, options));
}

/**
 * Lays out a letter that was filled, and possibly edited by the representative, before.
 * Warnings are read again from the text that prints, so an edit that supplied a value
 * clears its warning.
 */
export async function renderFilledLetter(letter: FilledLetter): Promise<RenderedDocument> {
  const { doc, done } = createDocument({
    date: letter.date,
    title: letter.title,
    margins: MARGINS,
  });
  doc.addPage();
  drawLetterhead(doc, letter);
  drawAddressBlock(doc, letter);
  doc.x = LEFT;
  doc.y = drawReference(doc, letter, ADDRESS_TEXT.y + ADDRESS_TEXT.height + 20);
  const printed = letter.body.filter((b) => b.type !== 'omitted');
  // the closing and signature never stand alone on a page: the last paragraph goes with them
  const last = printed[printed.length - 1];
  for (const block of printed) {
    drawBlock(doc, block, block === last ? closingHeight(doc, letter) : 0);
  }
  const enclosures = enclosuresHeight(doc, letter.enclosures);
  // a short enclosure list goes with the signature rather than onto a page of its own
  ensureRoom(doc, signatureHeight(letter) + (enclosures <= ENCLOSURES_KEPT ? enclosures : 0));
  drawSignature(doc, letter);
  if (letter.enclosures.length > 0) drawEnclosures(doc, letter.enclosures);

  const pageCount = pageCountOf(doc);
  numberPages(doc, 0, pageCount, (page, of) => {
    doc.font('sans').fontSize(8.5).fillColor(GREY);
    doc.text(`Page ${page} of ${of}`, 0, PAGE_HEIGHT - 0.6 * INCH, {
      width: PAGE_WIDTH,
      align: 'center',
      lineBreak: false,
    });
    if (page > 1) drawContinuationHeader(doc, letter);
  });
  doc.end();
  return { pdf: await done, pageCount, warnings: letterWarnings(letter) };
}

function drawLetterhead(doc: PDFKit.PDFDocument, letter: FilledLetter): void {
  const top = 0.55 * INCH;
  doc.font('serifBold').fontSize(16).fillColor(ACCENT);
  doc.text(letter.letterhead.name, LEFT, top, { width: WIDTH, align: 'center' });
  doc.font('sans').fontSize(8.5).fillColor(GREY);
  for (const line of letter.letterhead.lines) {
    doc.text(line, LEFT, doc.y + 1, { width: WIDTH, align: 'center' });
  }
  const ruleY = doc.y + 6;
  doc
    .moveTo(LEFT, ruleY)
    .lineTo(LEFT + WIDTH, ruleY)
    .lineWidth(0.8)
    .strokeColor(ACCENT)
    .stroke();
  doc.font('serif').fontSize(BODY_SIZE).fillColor(INK);
  doc.text(letter.dateLine, LEFT, Math.max(ruleY + 12, ADDRESS_TEXT.y - 30), { width: WIDTH });
  // Tick marks where the page folds in thirds for the #10 envelope.
  for (const y of FOLD_MARKS) {
    doc.moveTo(12, y).lineTo(24, y).lineWidth(0.4).strokeColor('#999999').stroke();
  }
}

function drawAddressBlock(doc: PDFKit.PDFDocument, letter: FilledLetter): void {
  // Each line is shrunk rather than wrapped: a wrapped line could drop out of the window.
  let y = ADDRESS_TEXT.y;
  const lines = letter.recipient.slice(0, ADDRESS_TEXT.maxLines);
  for (const line of lines) {
    doc.font('serif').fontSize(BODY_SIZE);
    const natural = doc.widthOfString(line);
    const size =
      natural > ADDRESS_TEXT.width
        ? Math.max(7, (BODY_SIZE * ADDRESS_TEXT.width) / natural)
        : BODY_SIZE;
    doc.fontSize(size).fillColor(INK);
    doc.text(line, ADDRESS_TEXT.x, y, { width: ADDRESS_TEXT.width, lineBreak: false });
    y += ADDRESS_TEXT.lineHeight;
  }
}

function drawReference(doc: PDFKit.PDFDocument, letter: FilledLetter, top: number): number {
  const labelX = LEFT + 36;
  doc.font('serifBold').fontSize(BODY_SIZE).fillColor(INK);
  doc.text('RE:', LEFT, top, { width: 36, lineBreak: false });
  doc.text(letter.subject || letter.title, labelX, top, { width: WIDTH - 36 });
  let y = doc.y + 3;

  // Two columns of caption/value pairs keep a ten-identifier reference block short.
  const colWidth = (WIDTH - 36) / 2;
  const captionWidth = 98;
  for (let i = 0; i < letter.reference.length; i += 2) {
    let rowBottom = y;
    for (const [j, ref] of letter.reference.slice(i, i + 2).entries()) {
      const x = labelX + j * colWidth;
      doc.font('sans').fontSize(9).fillColor(GREY);
      doc.text(`${ref.caption}:`, x, y, { width: captionWidth, lineBreak: false });
      doc.font('sansBold').fontSize(9).fillColor(INK);
      doc.text(ref.value, x + captionWidth, y, { width: colWidth - captionWidth - 6 });
      rowBottom = Math.max(rowBottom, doc.y);
    }
    y = rowBottom + 2;
  }
  return y + 10;
}

/** Lines this short move whole to the next page rather than leave a word or two behind. */
const UNBROKEN_LINES = 6;

/**
 * Starts a new page before a block that would not fit, when it is short enough to move
 * whole (with `keepWith` points of what must follow it on the same page).
 */
function keepTogether(doc: PDFKit.PDFDocument, height: number, keepWith: number): void {
  const room = BOTTOM - doc.y;
  const pageRoom = BOTTOM - MARGINS.top;
  const short = height <= UNBROKEN_LINES * (BODY_SIZE + LINE_GAP) + 1;
  if (height + keepWith > room && (short || keepWith > 0) && height + keepWith <= pageRoom) {
    doc.addPage();
    doc.y = MARGINS.top;
  }
}

function drawBlock(doc: PDFKit.PDFDocument, block: FilledBlock, keepWith: number): void {
  doc.fillColor(INK);
  switch (block.type) {
    case 'paragraph': {
      doc.font('serif').fontSize(BODY_SIZE);
      const height = doc.heightOfString(block.text, { width: WIDTH, lineGap: LINE_GAP });
      keepTogether(doc, height, keepWith);
      doc.text(block.text, LEFT, doc.y, { width: WIDTH, lineGap: LINE_GAP });
      doc.y += PARAGRAPH_GAP;
      return;
    }
    case 'heading':
      // keep a heading with at least two lines of what follows it
      ensureRoom(doc, 3 * (BODY_SIZE + LINE_GAP) + PARAGRAPH_GAP);
      doc.font('serifBold').fontSize(BODY_SIZE);
      doc.text(block.text, LEFT, doc.y, { width: WIDTH });
      doc.y += 3;
      return;
    case 'list':
    case 'enclosures': {
      doc.font('serif').fontSize(BODY_SIZE);
      const height = block.items.reduce(
        (h, item) => h + doc.heightOfString(item, { width: WIDTH - 24, lineGap: LINE_GAP }) + 3,
        0,
      );
      keepTogether(doc, height, keepWith);
      drawList(doc, block.items);
      doc.y += PARAGRAPH_GAP - 3;
      return;
    }
    case 'serviceLines':
      drawServiceLines(doc, block);
      return;
    case 'denialCodes':
      drawDenialCodes(doc, block);
      return;
    case 'omitted':
      return;
  }
}

function drawList(doc: PDFKit.PDFDocument, items: readonly string[]): void {
  doc.font('serif').fontSize(BODY_SIZE);
  for (const item of items) {
    ensureRoom(doc, BODY_SIZE + LINE_GAP + 2);
    const y = doc.y;
    doc.text('\u2022', LEFT + 10, y, { width: 10, lineBreak: false });
    doc.text(item, LEFT + 24, y, { width: WIDTH - 24, lineGap: LINE_GAP });
    doc.y += 3;
  }
}

/** An enclosure list up to this tall is kept on the signature's page. */
const ENCLOSURES_KEPT = 10 * (BODY_SIZE + LINE_GAP + 3);

function enclosuresHeight(doc: PDFKit.PDFDocument, items: readonly string[]): number {
  if (items.length === 0) return 0;
  doc.font('serif').fontSize(BODY_SIZE);
  const list = items.reduce(
    (h, item) => h + doc.heightOfString(item, { width: WIDTH - 24, lineGap: LINE_GAP }) + 3,
    0,
  );
  return 14 + BODY_SIZE + LINE_GAP + 2 + list;
}

/** What must follow the last paragraph on its page: the signature, and a short enclosure list. */
function closingHeight(doc: PDFKit.PDFDocument, letter: FilledLetter): number {
  const enclosures = enclosuresHeight(doc, letter.enclosures);
  return signatureHeight(letter) + (enclosures <= ENCLOSURES_KEPT ? enclosures : 0);
}

/** The closing, the space to sign and the signature lines. */
function signatureHeight(letter: FilledLetter): number {
  return (BODY_SIZE + LINE_GAP + 1) * (2 + letter.signature.length) + 40;
}

function drawSignature(doc: PDFKit.PDFDocument, letter: FilledLetter): void {
  ensureRoom(doc, signatureHeight(letter));
  doc.font('serif').fontSize(BODY_SIZE).fillColor(INK);
  doc.text(letter.closing, LEFT, doc.y + 4, { width: WIDTH });
  const lineY = doc.y + 34;
  doc
    .moveTo(LEFT, lineY)
    .lineTo(LEFT + 200, lineY)
    .lineWidth(0.5)
    .strokeColor('#777777')
    .stroke();
  doc.y = lineY + 4;
  for (const [i, line] of letter.signature.entries()) {
    doc.font(i === 0 ? 'serifBold' : 'serif').fontSize(BODY_SIZE);
    doc.text(line, LEFT, doc.y, { width: WIDTH });
  }
}

function drawEnclosures(doc: PDFKit.PDFDocument, items: readonly string[]): void {
  doc.y += 14;
  ensureRoom(doc, 2 * (BODY_SIZE + LINE_GAP) + 4);
  doc.font('serifBold').fontSize(BODY_SIZE).fillColor(INK);
  doc.text(`Enclosures (${items.length}):`, LEFT, doc.y, { width: WIDTH });
  doc.y += 2;
  drawList(doc, items);
}

function drawContinuationHeader(doc: PDFKit.PDFDocument, letter: FilledLetter): void {
  const who = letter.recipient[0] ?? '';
  // a page that comes loose from the others still says which claim and member it is about
  const refs = letter.runningHead.join('  \u00b7  ');
  doc.font('sans').fontSize(8.5).fillColor(GREY);
  // one line, cut short with an ellipsis (the long payer name last): a second line would
  // run into the body
  doc.text([refs, letter.dateLine, who].filter(Boolean).join('  \u00b7  '), LEFT, 0.5 * INCH, {
    width: WIDTH,
    height: doc.currentLineHeight(true) * 1.5,
    ellipsis: true,
  });
}

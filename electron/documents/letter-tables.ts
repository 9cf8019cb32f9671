import { formatUsDate } from '../../shared/dates/iso-date';
import { cents, sumCents, type Cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import type { FilledBlock } from './fill';
import { BOTTOM, LEFT, MARGINS, PARAGRAPH_GAP, WIDTH, ensureRoom } from './letter-geometry';
import { drawTable, type Column, type TableRow, type TableStyle } from './table';

/** The tables a letter prints: its service lines with their figures, and the payer's codes. */

const TABLE_STYLE: TableStyle = {
  font: 'sans',
  boldFont: 'sansBold',
  size: 8.5,
  padding: 3,
  headerFill: '#e6e9ee',
  rule: '#b8bec8',
};

function newTablePage(doc: PDFKit.PDFDocument): () => number {
  return () => {
    doc.addPage();
    return MARGINS.top;
  };
}

/** A figure the posting did not put on this line prints as a dash, never as $0.00. */
function money(c: Cents | null | undefined): string {
  return c === null || c === undefined ? '\u2014' : formatCents(c);
}

function total(
  values: readonly (Cents | null | undefined)[],
  claimLevel: Cents | undefined,
): Cents {
  return sumCents([...values.map((v) => v ?? cents(0)), claimLevel ?? cents(0)]);
}

export function drawServiceLines(
  doc: PDFKit.PDFDocument,
  block: Extract<FilledBlock, { type: 'serviceLines' }>,
): void {
  const m = 52;
  const columns: Column[] = [
    { header: 'Date', width: 50 },
    { header: 'Code', width: 56 },
    { header: 'Description', width: WIDTH - 50 - 56 - 30 - 5 * m - 6 },
    { header: 'Units', width: 30, align: 'right' },
    { header: 'Billed', width: m, align: 'right' },
    { header: 'Paid', width: m, align: 'right' },
    { header: 'Contractual', width: m + 6, align: 'right' },
    { header: 'Patient share', width: m, align: 'right' },
    { header: 'Denied', width: m, align: 'right' },
  ];
  const rows: TableRow[] = block.rows.map((r) => ({
    ...(r.providers?.length ? { note: r.providers.join('; ') } : {}),
    cells: [
      formatUsDate(r.date),
      r.modifiers?.length ? `${r.code}-${r.modifiers.join('-')}` : r.code,
      r.description,
      r.units === undefined ? '' : String(r.units),
      formatCents(r.billed),
      money(r.paid),
      money(r.contractual),
      money(r.patient),
      money(r.denied),
    ],
  }));
  const c = block.claimLevel;
  if (c) {
    rows.push({
      cells: [
        '',
        '',
        'Claim level',
        '',
        '',
        formatCents(c.paid),
        formatCents(c.contractual),
        formatCents(c.patient),
        formatCents(c.denied),
      ],
    });
  }
  if (block.rows.length > 1 || c) {
    rows.push({
      cells: [
        '',
        '',
        'Total',
        '',
        formatCents(sumCents(block.rows.map((r) => r.billed))),
        formatCents(
          total(
            block.rows.map((r) => r.paid),
            c?.paid,
          ),
        ),
        formatCents(
          total(
            block.rows.map((r) => r.contractual),
            c?.contractual,
          ),
        ),
        formatCents(
          total(
            block.rows.map((r) => r.patient),
            c?.patient,
          ),
        ),
        formatCents(
          total(
            block.rows.map((r) => r.denied),
            c?.denied,
          ),
        ),
      ],
      bold: true,
    });
  }
  placeTable(doc, columns, rows);
}

export function drawDenialCodes(
  doc: PDFKit.PDFDocument,
  block: Extract<FilledBlock, { type: 'denialCodes' }>,
): void {
  const withAmounts = block.rows.some((r) => r.amount !== null);
  const columns: Column[] = [
    { header: 'Code', width: 58 },
    { header: 'Published wording', width: WIDTH - 58 - (withAmounts ? 70 : 0) },
    ...(withAmounts ? [{ header: 'Amount', width: 70, align: 'right' as const }] : []),
  ];
  const rows = block.rows.map((r) => ({
    cells: [
      r.code,
      r.wording,
      ...(withAmounts ? [r.amount === null ? '' : formatCents(r.amount)] : []),
    ],
  }));
  placeTable(doc, columns, rows);
}

function placeTable(
  doc: PDFKit.PDFDocument,
  columns: readonly Column[],
  rows: readonly TableRow[],
): void {
  // a header with fewer than two rows under it moves to the next page
  ensureRoom(doc, 48);
  const end = drawTable(
    doc,
    columns,
    rows,
    TABLE_STYLE,
    { x: LEFT, bottom: BOTTOM, newPage: newTablePage(doc) },
    doc.y + 2,
  );
  doc.x = LEFT;
  doc.y = end + PARAGRAPH_GAP + 2;
}

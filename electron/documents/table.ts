import type { FontName } from './fonts';

/**
 * Tables are drawn by hand: pdfkit's own doc.table() measured about a hundred times
 * slower, which a run of a thousand statements cannot afford.
 */
export interface Column {
  readonly header: string;
  readonly width: number;
  readonly align?: 'left' | 'right';
}

export interface TableStyle {
  readonly font: FontName;
  readonly boldFont: FontName;
  readonly size: number;
  readonly padding: number;
  readonly headerFill: string;
  readonly rule: string;
}

export interface TableRow {
  readonly cells: readonly string[];
  readonly bold?: boolean;
  /** A second, smaller line under the row that spans every column. */
  readonly note?: string;
}

export interface TableFrame {
  readonly x: number;
  /** Lowest y a row may reach before the table asks for a new page. */
  readonly bottom: number;
  /** Starts a new page and returns the y to continue at; absent means never break. */
  readonly newPage?: () => number;
}

export function tableWidth(columns: readonly Column[]): number {
  return columns.reduce((sum, c) => sum + c.width, 0);
}

export function drawTableHeader(
  doc: PDFKit.PDFDocument,
  columns: readonly Column[],
  style: TableStyle,
  x: number,
  y: number,
): number {
  doc.font(style.boldFont).fontSize(style.size);
  // a header too long for its column ("Patient share") wraps, and the row grows with it
  // rather than the second line running into the first row
  // one line measured the way the headers are, so a table whose headers fit keeps its height
  const line = doc.heightOfString('M', { width: 1000 });
  const tallest = Math.max(
    line,
    ...columns.map((col) =>
      doc.heightOfString(col.header, { width: col.width - style.padding * 2 }),
    ),
  );
  const height = style.size + style.padding * 2 + 2 + (tallest - line);
  doc.rect(x, y, tableWidth(columns), height).fill(style.headerFill);
  doc.fillColor('#000000').font(style.boldFont).fontSize(style.size);
  let cx = x;
  for (const col of columns) {
    doc.text(col.header, cx + style.padding, y + style.padding + 1, {
      width: col.width - style.padding * 2,
      align: col.align ?? 'left',
    });
    cx += col.width;
  }
  return y + height;
}

function rowMetrics(
  doc: PDFKit.PDFDocument,
  columns: readonly Column[],
  row: TableRow,
  style: TableStyle,
): { cells: number; total: number } {
  doc.font(row.bold ? style.boldFont : style.font).fontSize(style.size);
  let height = doc.currentLineHeight(true);
  columns.forEach((col, i) => {
    const text = row.cells[i] ?? '';
    // Only free text can wrap; skip measuring the short fixed cells for speed.
    if (text.length * style.size * 0.55 > col.width - style.padding * 2) {
      height = Math.max(height, doc.heightOfString(text, { width: col.width - style.padding * 2 }));
    }
  });
  const cells = height;
  if (row.note) {
    doc.fontSize(style.size - 1);
    height += doc.heightOfString(row.note, { width: tableWidth(columns) - style.padding * 4 }) + 1;
  }
  return { cells, total: height + style.padding * 2 };
}

/** Draws the header and rows; returns the y just below the last row. */
export function drawTable(
  doc: PDFKit.PDFDocument,
  columns: readonly Column[],
  rows: readonly TableRow[],
  style: TableStyle,
  frame: TableFrame,
  startY: number,
): number {
  const width = tableWidth(columns);
  let y = drawTableHeader(doc, columns, style, frame.x, startY);
  for (const row of rows) {
    const { cells, total: height } = rowMetrics(doc, columns, row, style);
    if (y + height > frame.bottom && frame.newPage) {
      y = drawTableHeader(doc, columns, style, frame.x, frame.newPage());
    }
    doc
      .fillColor('#000000')
      .font(row.bold ? style.boldFont : style.font)
      .fontSize(style.size);
    let cx = frame.x;
    columns.forEach((col, i) => {
      doc.text(row.cells[i] ?? '', cx + style.padding, y + style.padding, {
        width: col.width - style.padding * 2,
        align: col.align ?? 'left',
      });
      cx += col.width;
    });
    if (row.note) {
      const lineY = y + style.padding + cells + 1;
      doc
        .font(style.font)
        .fontSize(style.size - 1)
        .fillColor('#333333')
        .text(row.note, frame.x + style.padding * 3, lineY, {
          width: width - style.padding * 4,
        });
      doc.fillColor('#000000');
    }
    y += height;
    doc
      .moveTo(frame.x, y)
      .lineTo(frame.x + width, y)
      .lineWidth(0.5)
      .strokeColor(style.rule)
      .stroke();
  }
  return y;
}

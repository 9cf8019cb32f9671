import { formatUsDate } from '../../shared/dates/iso-date';
import { negate, type Cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { ADDRESS_TEXT, WINDOW } from './envelope';
import type { RenderedDocument } from './letter-layout';
import { shareFontSubsets } from './shared-subsets';
import {
  PAGE_HEIGHT,
  createDocument,
  drawOutsideMargins,
  numberPages,
  pageCountOf,
} from './pdf-doc';
import type { PatientShare, StatementData, StatementLine } from './statement-data';
import { statementText, type SectionText, type StatementText } from './statement-text';
import { drawTable, type Column, type TableRow, type TableStyle } from './table';
import type { Template } from './template';
import { shippedStatementTemplate } from './template-load';
import { drawStub, hasStub } from './statement-stub';
import {
  ACCENT,
  CONTENT,
  GREY,
  INK,
  M,
  RIGHT,
  RULE,
  SHADE,
  STUB_TOP,
  amountDue,
  labelValue,
} from './statement-style';

export const STATEMENT_MARGINS = { top: M, bottom: M, left: M, right: M };

const TABLE_STYLE: TableStyle = {
  font: 'sans',
  boldFont: 'sansBold',
  size: 8,
  padding: 3,
  headerFill: '#e1e6ed',
  rule: RULE,
};

const DETAIL_COLUMNS: Column[] = [
  { header: 'Date', width: 54 },
  { header: 'Description', width: CONTENT - 54 - 5 * 60 },
  { header: 'Charges', width: 60, align: 'right' },
  { header: 'Plan paid', width: 60, align: 'right' },
  { header: 'Adjustments', width: 60, align: 'right' },
  { header: 'You paid', width: 60, align: 'right' },
  { header: 'Balance', width: 60, align: 'right' },
];

export interface StatementOptions {
  /** A supervisor's edited wording; the shipped patient-statement template otherwise. */
  readonly template?: Template;
}

export async function renderStatement(
  data: StatementData,
  options: StatementOptions = {},
): Promise<RenderedDocument> {
  const { doc, done } = createDocument({
    date: data.statementDate,
    title: 'Patient statement',
    margins: STATEMENT_MARGINS,
  });
  // a run files thousands of these and prints them combined
  shareFontSubsets(doc);
  const { pageCount, warnings } = drawStatement(doc, data, options.template);
  doc.end();
  return { pdf: await done, pageCount, warnings };
}

/**
 * Draws one statement from a fresh page of `doc` and numbers its pages; used for a
 * single statement and for each statement of a batch.
 */
export function drawStatement(
  doc: PDFKit.PDFDocument,
  data: StatementData,
  template: Template = shippedStatementTemplate(),
): { pageCount: number; warnings: readonly string[] } {
  const text = statementText(template, data);
  const first = pageCountOf(doc);
  doc.addPage();
  drawHeader(doc, data, text);
  drawWindowAddress(doc, data);
  drawContactBox(doc, text);
  const summaryBottom = drawSummary(doc, data, text);
  const lowerTop = drawLowerBlock(doc, text, data.languageTaglines ?? []);
  // the stub reaches into the bottom margin, where pdfkit would otherwise start a page;
  // a statement that asks for nothing has none (no "amount enclosed" on a credit)
  if (hasStub(data)) drawOutsideMargins(doc, () => drawStub(doc, data));
  drawDetail(doc, data, summaryBottom + 14, lowerTop - 8);

  const pageCount = pageCountOf(doc) - first;
  numberPages(doc, first, pageCount, (page, of) => {
    doc.font('sans').fontSize(7.5).fillColor(GREY);
    doc.text(`Page ${page} of ${of}`, RIGHT - 100, 18, {
      width: 100,
      align: 'right',
      lineBreak: false,
    });
  });
  doc.switchToPage(first + pageCount - 1);
  return { pageCount, warnings: text.warnings };
}

function drawHeader(doc: PDFKit.PDFDocument, data: StatementData, text: StatementText): void {
  doc.font('sansBold').fontSize(13).fillColor(ACCENT);
  doc.text(data.facility.name, M, M, { width: 320 });
  doc.font('sans').fontSize(8.5).fillColor(GREY);
  for (const line of [
    ...data.facility.addressLines,
    data.facility.phone,
    ...(data.facility.website ? [data.facility.website] : []),
  ]) {
    doc.text(line, M, doc.y + 0.5, { width: 320 });
  }

  const boxX = RIGHT - 210;
  const boxY = M - 6;
  doc.rect(boxX, boxY, 210, 96).fill(SHADE);
  doc.font('sansBold').fontSize(12).fillColor(ACCENT);
  doc.text(headline(data, text), boxX + 10, boxY + 8, { width: 190, lineBreak: false });
  const due = amountDue(data);
  const rows: [string, string][] = [
    ['Statement date', formatUsDate(data.statementDate)],
    ['Account number', data.accountNumber],
    ['Please pay by', due.payBy ?? 'No payment due'],
  ];
  let y = boxY + 28;
  for (const [label, value] of rows) {
    labelValue(doc, label, value, boxX + 10, y, 190, 8.5, false);
    y += 13;
  }
  doc
    .moveTo(boxX + 10, y + 1)
    .lineTo(boxX + 200, y + 1)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  labelValue(doc, due.label, due.amount, boxX + 10, y + 6, 190, 11, true);
}

function headline(data: StatementData, text: StatementText): string {
  if (text.tier === 'final') return 'FINAL NOTICE';
  if (text.tier === 'plan') return 'PAYMENT PLAN STATEMENT';
  return data.summary.amountDue < 0 ? 'CREDIT BALANCE STATEMENT' : 'PATIENT STATEMENT';
}

function drawWindowAddress(doc: PDFKit.PDFDocument, data: StatementData): void {
  let y = ADDRESS_TEXT.y;
  for (const line of [data.guarantor.name, ...data.guarantor.addressLines].slice(
    0,
    ADDRESS_TEXT.maxLines,
  )) {
    doc.font('sans').fontSize(10).fillColor(INK);
    const natural = doc.widthOfString(line);
    if (natural > ADDRESS_TEXT.width)
      doc.fontSize(Math.max(7, (10 * ADDRESS_TEXT.width) / natural));
    doc.text(line, ADDRESS_TEXT.x, y, { width: ADDRESS_TEXT.width, lineBreak: false });
    y += ADDRESS_TEXT.lineHeight;
  }
}

/** Beside the window: the payment options, where the patient looks after the address. */
function drawContactBox(doc: PDFKit.PDFDocument, text: StatementText): void {
  const x = WINDOW.x + WINDOW.width + 14;
  const width = RIGHT - x;
  doc.font('sansBold').fontSize(9).fillColor(ACCENT);
  doc.text('Questions or ways to pay', x, WINDOW.y - 2, { width });
  doc.font('sans').fontSize(7.5).fillColor(INK);
  for (const option of section(text.paymentOptions)) {
    const y = doc.y + 2;
    doc.text('\u2022', x, y, { width: 8, lineBreak: false });
    doc.text(option, x + 9, y, { width: width - 9 });
  }
}

function drawSummary(doc: PDFKit.PDFDocument, data: StatementData, text: StatementText): number {
  const top = WINDOW.y + WINDOW.height + 18;
  const leftWidth = 240;
  const s = data.summary;
  doc.font('sansBold').fontSize(10).fillColor(ACCENT);
  doc.text('Account summary', M, top, { width: leftWidth });
  let y = top + 16;
  const rows: [string, Cents][] = [
    ['Previous balance', s.previousBalance],
    ['New charges', s.newCharges],
    ['Your share after insurance', s.afterInsurance],
    ['Payments received', negate(s.payments)],
    ['Adjustments', negate(s.adjustments)],
  ];
  for (const [label, amount] of rows) {
    labelValue(doc, label, formatCents(amount), M, y, leftWidth, 8.5, false);
    y += 12.5;
  }
  doc
    .moveTo(M, y)
    .lineTo(M + leftWidth, y)
    .lineWidth(0.8)
    .strokeColor(INK)
    .stroke();
  const balance =
    s.amountDue < 0
      ? { label: 'Credit balance', amount: formatCents(negate(s.amountDue)) }
      : { label: data.plan ? 'Balance' : 'Amount due', amount: formatCents(s.amountDue) };
  labelValue(doc, balance.label, balance.amount, M, y + 5, leftWidth, 10, true);
  const due = amountDue(data);
  doc.font('sans').fontSize(8.5).fillColor(GREY);
  const payBy = due.payBy
    ? data.plan
      ? `Installment of ${due.amount} due by ${due.payBy}`
      : `Please pay by ${due.payBy}`
    : 'No payment is due.';
  doc.text(payBy, M, y + 20, { width: leftWidth });
  if (s.insurancePending > 0) {
    doc.text(
      `Still with insurance, not included: ${formatCents(s.insurancePending)}`,
      M,
      doc.y + 1,
      { width: leftWidth },
    );
  }
  const leftBottom = doc.y;

  const x = M + leftWidth + 24;
  const width = RIGHT - x;
  doc.font('sansBold').fontSize(10).fillColor(ACCENT);
  doc.text('Your balance by age', x, top, { width });
  const a = data.aging;
  const buckets: [string, Cents][] = [
    ['0-30 days', a.current],
    ['31-60 days', a.days31to60],
    ['61-90 days', a.days61to90],
    ['91-120 days', a.days91to120],
    ['Over 120 days', a.over120],
  ];
  const cell = width / buckets.length;
  doc.rect(x, top + 15, width, 13).fill(SHADE);
  buckets.forEach(([label, amount], i) => {
    doc.font('sans').fontSize(7.5).fillColor(GREY);
    doc.text(label, x + i * cell, top + 18, { width: cell - 4, align: 'right', lineBreak: false });
    doc.font('sans').fontSize(8.5).fillColor(INK);
    doc.text(formatCents(amount), x + i * cell, top + 32, {
      width: cell - 4,
      align: 'right',
      lineBreak: false,
    });
  });

  const boxY = top + 50;
  const message = [...text.message.paragraphs, ...text.message.items].join('\n');
  const strong = text.tier === 'final';
  doc.font(strong ? 'sansBold' : 'sans').fontSize(8);
  const boxHeight = doc.heightOfString(message, { width: width - 16, lineGap: 1 }) + 12;
  doc
    .rect(x, boxY, width, boxHeight)
    .lineWidth(strong ? 1.2 : 0.6)
    .strokeColor(strong ? '#8a1c1c' : ACCENT)
    .stroke();
  doc.fillColor(INK).text(message, x + 8, boxY + 6, { width: width - 16, lineGap: 1 });
  return Math.max(leftBottom, boxY + boxHeight);
}

function shareNote(line: StatementLine): string | undefined {
  const parts: [string, keyof PatientShare][] = [
    ['deductible', 'deductible'],
    ['coinsurance', 'coinsurance'],
    ['copay', 'copay'],
    ['not covered by your plan', 'notCovered'],
  ];
  const shown = parts
    .filter(([, key]) => line.share[key] !== 0)
    .map(([label, key]) => `${label} ${formatCents(line.share[key])}`);
  const notes: string[] = [];
  if (line.accountNumber) notes.push(`Account ${line.accountNumber}`);
  if (line.patientName) notes.push(`Patient: ${line.patientName}`);
  if (shown.length > 0) notes.push(`Your share: ${shown.join(', ')}`);
  if (line.insurancePending && line.insurancePending !== 0) {
    notes.push(
      `${formatCents(line.insurancePending)} billed to ${line.payerName ?? 'your insurance'}, awaiting payment; not yet due from you`,
    );
  } else if (line.payerName && shown.length > 0) {
    notes.push(`processed by ${line.payerName}`);
  }
  if (line.note) notes.push(line.note);
  return notes.length > 0 ? notes.join('  \u00b7  ') : undefined;
}

function drawDetail(
  doc: PDFKit.PDFDocument,
  data: StatementData,
  top: number,
  bottom: number,
): void {
  doc.font('sansBold').fontSize(10).fillColor(ACCENT);
  doc.text('Visit detail', M, top, { width: CONTENT });
  const rows: TableRow[] = data.lines.map((line) => {
    const note = shareNote(line);
    return {
      cells: [
        formatUsDate(line.date),
        line.description,
        formatCents(line.charges),
        formatCents(negate(line.insurancePaid)),
        formatCents(negate(line.adjustments)),
        formatCents(negate(line.patientPaid)),
        formatCents(line.youOwe),
      ],
      ...(note ? { note } : {}),
    };
  });
  let pageBottom = bottom;
  drawTable(
    doc,
    DETAIL_COLUMNS,
    rows,
    TABLE_STYLE,
    {
      x: M,
      get bottom() {
        return pageBottom;
      },
      newPage: () => {
        pageBottom = PAGE_HEIGHT - M;
        return continuationPage(doc, data);
      },
    },
    top + 15,
  );
}

function continuationPage(doc: PDFKit.PDFDocument, data: StatementData): number {
  doc.addPage();
  doc.font('sansBold').fontSize(10).fillColor(ACCENT);
  doc.text(data.facility.name, M, M, { width: CONTENT });
  doc.font('sans').fontSize(8.5).fillColor(GREY);
  doc.text(
    `Statement of ${formatUsDate(data.statementDate)}  \u00b7  Account ${data.accountNumber}  \u00b7  Visit detail, continued`,
    M,
    doc.y + 2,
    { width: CONTENT },
  );
  return doc.y + 10;
}

/**
 * What "your share" means and the financial assistance notice, full width just above
 * the stub, so both stay on the first page however many visits follow.
 */
function drawLowerBlock(
  doc: PDFKit.PDFDocument,
  text: StatementText,
  taglines: readonly string[],
): number {
  const fa = text.financialAssistance.paragraphs.join('\n');
  const tags = taglines.join('  ');
  doc.font('sans').fontSize(6.5);
  const tagHeight = tags ? doc.heightOfString(tags, { width: CONTENT }) + 4 : 0;
  if (tags) doc.fillColor(INK).text(tags, M, STUB_TOP - 6 - tagHeight, { width: CONTENT });
  doc.font('sans').fontSize(8);
  const height = doc.heightOfString(fa, { width: CONTENT - 16, lineGap: 1 }) + 28;
  const top = STUB_TOP - 12 - tagHeight - height;
  const share = text.patientShare.paragraphs.join(' ');
  doc.font('sans').fontSize(7);
  const shareTop = top - 6 - doc.heightOfString(share, { width: CONTENT });
  doc.fillColor(GREY).text(share, M, shareTop, { width: CONTENT });
  doc.rect(M, top, CONTENT, height).fill(SHADE);
  doc.font('sansBold').fontSize(9.5).fillColor(ACCENT);
  doc.text('Financial assistance is available', M + 8, top + 6, { width: CONTENT - 16 });
  doc.font('sans').fontSize(8).fillColor(INK);
  doc.text(fa, M + 8, top + 20, { width: CONTENT - 16, lineGap: 1 });
  return shareTop;
}

function section(text: SectionText): string[] {
  return [...text.paragraphs, ...text.items];
}

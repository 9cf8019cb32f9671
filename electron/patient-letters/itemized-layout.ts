import { formatUsDate } from '../../shared/dates/iso-date';
import { cents, negate, sumCents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { ADDRESS_TEXT } from '../documents/envelope';
import type { RenderedDocument } from '../documents/letter-layout';
import {
  INCH,
  PAGE_HEIGHT,
  PAGE_WIDTH,
  createDocument,
  numberPages,
  pageCountOf,
} from '../documents/pdf-doc';
import { drawTable, type Column, type TableStyle } from '../documents/table';
import type { ItemizedBill } from './itemized-data';

const LEFT = INCH * 0.75;
const WIDTH = PAGE_WIDTH - 2 * LEFT;
const BOTTOM = PAGE_HEIGHT - INCH * 0.75;
const MARGINS = { top: INCH * 0.75, bottom: INCH * 0.75, left: LEFT, right: LEFT };
const STYLE: TableStyle = {
  font: 'sans',
  boldFont: 'sansBold',
  size: 8.5,
  padding: 3,
  headerFill: '#e6e9ee',
  rule: '#b8bec8',
};

const CHARGE_COLUMNS: readonly Column[] = [
  { header: 'Date', width: 62 },
  { header: 'Rev. code', width: 58 },
  { header: 'Procedure', width: 70 },
  { header: 'Description', width: WIDTH - 62 - 58 - 70 - 40 - 76 },
  { header: 'Units', width: 40, align: 'right' },
  { header: 'Amount', width: 76, align: 'right' },
];

const CREDIT_COLUMNS: readonly Column[] = [
  { header: 'Date', width: 62 },
  { header: 'What', width: 80 },
  { header: 'From', width: WIDTH - 62 - 80 - 76 },
  { header: 'Amount', width: 76, align: 'right' },
];

/** The itemized bill: every charge line, every payment and adjustment, and the balance. */
export async function renderItemizedBill(bill: ItemizedBill): Promise<RenderedDocument> {
  const { header } = bill;
  const { doc, done } = createDocument({
    date: header.statementDate,
    title: 'Itemized bill',
    margins: MARGINS,
  });
  const newPage = (): number => {
    doc.addPage();
    return MARGINS.top;
  };
  doc.addPage();
  doc
    .font('sansBold')
    .fontSize(13)
    .fillColor('#1f3a5f')
    .text(header.facility.name, LEFT, MARGINS.top);
  doc.font('sans').fontSize(9).fillColor('#444444');
  for (const line of header.facility.addressLines) doc.text(line);
  const office = [header.billingOffice.phone, header.billingOffice.hours]
    .filter(Boolean)
    .join(', ');
  if (office) doc.text(`Billing questions: ${office}`);
  doc.fillColor('#000000').font('sans').fontSize(11);
  doc.text(
    [header.guarantor.name, ...header.guarantor.addressLines].join('\n'),
    ADDRESS_TEXT.x,
    ADDRESS_TEXT.y,
    {
      width: ADDRESS_TEXT.width,
    },
  );
  let y = ADDRESS_TEXT.y + ADDRESS_TEXT.height + 24;
  doc.font('sansBold').fontSize(14).text('Itemized bill', LEFT, y);
  doc.font('sans').fontSize(10);
  doc.text(
    `Account ${header.accountNumber}   Patient: ${bill.patientName}   Date: ${formatUsDate(header.statementDate)}`,
  );
  doc.moveDown(0.3);
  doc.text(
    'This lists every charge on your account, then every payment and adjustment, and the balance they come to.',
    { width: WIDTH },
  );
  y = doc.y + 10;

  doc.font('sansBold').fontSize(11).text('Charges', LEFT, y);
  y = drawTable(
    doc,
    CHARGE_COLUMNS,
    [
      ...bill.charges.map((c) => ({
        cells: [
          formatUsDate(c.date),
          c.revenueCode,
          c.procedureCode,
          c.description,
          String(c.units),
          formatCents(c.amount),
        ],
      })),
      {
        cells: [
          '',
          '',
          '',
          'Total charges',
          '',
          formatCents(sumCents(bill.charges.map((c) => c.amount))),
        ],
        bold: true,
      },
    ],
    STYLE,
    { x: LEFT, bottom: BOTTOM, newPage },
    doc.y + 4,
  );

  if (y + 60 > BOTTOM) y = newPage();
  doc
    .font('sansBold')
    .fontSize(11)
    .fillColor('#000000')
    .text('Payments and adjustments', LEFT, y + 14);
  const creditRows =
    bill.credits.length === 0
      ? [{ cells: ['', '', 'No payments or adjustments yet', ''] }]
      : bill.credits.map((c) => ({
          cells: [formatUsDate(c.date), c.kind, c.source, formatCents(negate(c.amount))],
        }));
  y = drawTable(
    doc,
    CREDIT_COLUMNS,
    [
      ...creditRows,
      {
        cells: [
          '',
          '',
          'Total payments and adjustments',
          formatCents(negate(sumCents(bill.credits.map((c) => c.amount)))),
        ],
        bold: true,
      },
    ],
    STYLE,
    { x: LEFT, bottom: BOTTOM, newPage },
    doc.y + 4,
  );

  if (y + 60 > BOTTOM) y = newPage();
  doc.font('sansBold').fontSize(12).fillColor('#000000');
  doc.text(`Balance: ${formatCents(bill.balance)}`, LEFT, y + 16, { width: WIDTH, align: 'right' });
  doc.font('sans').fontSize(10);
  const insurance = cents(bill.balance - bill.patientBalance);
  if (insurance !== 0) {
    doc.text(
      `Of this, ${formatCents(bill.patientBalance)} is yours to pay and ${formatCents(insurance)} is with insurance.`,
      { width: WIDTH, align: 'right' },
    );
  }
  doc.moveDown(0.5);
  doc.text(
    `Payments and adjustments reduce the balance and are shown as amounts taken off.${header.billingOffice.phone ? ` Questions about any line: call ${header.billingOffice.phone}.` : ''}`,
    LEFT,
    doc.y,
    { width: WIDTH },
  );

  const pageCount = pageCountOf(doc);
  numberPages(doc, 0, pageCount, (page, of) => {
    doc.font('sans').fontSize(8).fillColor('#444444');
    doc.text(`Page ${page} of ${of}`, LEFT, PAGE_HEIGHT - 36, { width: WIDTH, align: 'right' });
  });
  doc.end();
  return { pdf: await done, pageCount, warnings: [] };
}

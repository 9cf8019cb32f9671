import { formatUsDate } from '../../shared/dates/iso-date';
import { PAGE_WIDTH } from './pdf-doc';
import type { StatementData } from './statement-data';
import {
  ACCENT,
  GREY,
  INK,
  M,
  RIGHT,
  RULE,
  STUB_TOP,
  amountDue,
  labelValue,
} from './statement-style';

/** The remittance stub below the tear-off line, laid out for a payment processor. */
export function drawStub(doc: PDFKit.PDFDocument, data: StatementData): void {
  doc.save();
  doc
    .moveTo(18, STUB_TOP)
    .lineTo(PAGE_WIDTH - 18, STUB_TOP)
    .dash(5, { space: 3 })
    .lineWidth(0.7)
    .strokeColor('#555555')
    .stroke();
  doc.restore();
  doc.font('sans').fontSize(7).fillColor(GREY);
  doc.text('Please detach and return this portion with your payment', 0, STUB_TOP + 4, {
    width: PAGE_WIDTH,
    align: 'center',
    lineBreak: false,
  });

  const top = STUB_TOP + 20;
  doc.font('sansBold').fontSize(10).fillColor(ACCENT);
  doc.text(data.facility.name, M, top, { width: 280 });
  const rows: [string, string][] = [
    ['Account number', data.accountNumber],
    ['Guarantor', data.guarantor.name],
    ['Statement date', formatUsDate(data.statementDate)],
  ];
  let y = top + 17;
  for (const [label, value] of rows) {
    labelValue(doc, label, value, M, y, 250, 8.5, false);
    y += 12.5;
  }
  doc.font('sans').fontSize(7.5).fillColor(GREY);
  doc.text(
    `Pay online at ${data.billingOffice.paymentUrl}. Please write your account number on your check.`,
    M,
    y + 3,
    { width: 250 },
  );
  const boxY = doc.y + 6;
  doc.rect(M, boxY, 9, 9).lineWidth(0.6).strokeColor(INK).stroke();
  doc.font('sans').fontSize(7.5).fillColor(INK);
  doc.text(
    'Check here if your address has changed and write the new address on the back.',
    M + 14,
    boxY + 1,
    {
      width: 236,
    },
  );

  // amount box on the right, the part a payment processor keys from
  const x = RIGHT - 230;
  const width = 230;
  const due = amountDue(data);
  const stubRows: [string, string, boolean][] = [
    [due.label, due.amount, true],
    ['Please pay by', due.payBy ?? 'No payment due', false],
    ['Amount enclosed', '$ ______________', false],
  ];
  doc
    .rect(x, top, width, 3 * 20)
    .lineWidth(0.7)
    .strokeColor(INK)
    .stroke();
  stubRows.forEach(([label, value, bold], i) => {
    const rowY = top + i * 20;
    if (i > 0) {
      doc
        .moveTo(x, rowY)
        .lineTo(x + width, rowY)
        .lineWidth(0.4)
        .strokeColor(RULE)
        .stroke();
    }
    labelValue(doc, label, value, x + 8, rowY + 6, width - 16, bold ? 10 : 9, bold);
  });

  doc.font('sans').fontSize(7.5).fillColor(GREY);
  doc.text('Make checks payable to and mail to:', x, top + 72, { width });
  doc.font('sans').fontSize(9.5).fillColor(INK);
  for (const line of data.billingOffice.remitTo) doc.text(line, x, doc.y + 1, { width });
}

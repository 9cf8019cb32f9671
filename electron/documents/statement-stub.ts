import { formatUsDate } from '../../shared/dates/iso-date';
import { RETURN_WINDOW } from './envelope';
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

/** Whether the statement asks for a payment, and so has a stub to send back with it. */
export function hasStub(data: StatementData): boolean {
  return data.summary.amountDue > 0;
}

/**
 * The remittance stub below the tear-off line, laid out for a payment processor. The
 * remit-to (lockbox) address sits where the window of the #9 return envelope shows it.
 */
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
  const rows: [string, string][] = [
    ['Account number', data.accountNumber],
    ['Guarantor', data.guarantor.name],
    ['Statement date', formatUsDate(data.statementDate)],
  ];
  let y = top;
  for (const [label, value] of rows) {
    labelValue(doc, label, value, M, y, 250, 8.5, false);
    y += 12.5;
  }

  // the return envelope's window: only the remit-to address may show through it
  const inset = 9;
  let line = RETURN_WINDOW.y + inset;
  for (const text of data.billingOffice.remitTo.slice(0, 5)) {
    doc.font('sans').fontSize(10).fillColor(INK);
    doc.text(text, RETURN_WINDOW.x + inset, line, {
      width: RETURN_WINDOW.width - 2 * inset,
      lineBreak: false,
    });
    line += 12;
  }

  // amount box on the right, the part a payment processor keys from
  const x = RIGHT - 230;
  const width = 230;
  const due = amountDue(data);
  const stubRows: [string, string, boolean][] = [
    [due.label, due.amount, true],
    ['Please pay by', due.payBy ?? 'No payment due', false],
    ['Amount enclosed', '$ ______________', false],
  ];
  doc.font('sansBold').fontSize(9).fillColor(ACCENT);
  doc.text(data.facility.name, x, top - 2, { width, lineBreak: false });
  const boxTop = top + 12;
  doc
    .rect(x, boxTop, width, 3 * 20)
    .lineWidth(0.7)
    .strokeColor(INK)
    .stroke();
  stubRows.forEach(([label, value, bold], i) => {
    const rowY = boxTop + i * 20;
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
  doc.text(
    `Make checks payable to ${data.facility.name}. Please write your account number on your check.${data.billingOffice.paymentUrl ? ` Pay online at ${data.billingOffice.paymentUrl}.` : ''}`,
    x,
    boxTop + 66,
    { width },
  );
  const boxY = doc.y + 5;
  doc.rect(x, boxY, 9, 9).lineWidth(0.6).strokeColor(INK).stroke();
  doc.font('sans').fontSize(7.5).fillColor(INK);
  doc.text(
    'Check here if your address has changed and write the new address on the back.',
    x + 14,
    boxY + 1,
    { width: width - 14 },
  );
}

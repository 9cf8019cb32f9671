import { formatUsDate } from '../../shared/dates/iso-date';
import { negate } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { PAGE_HEIGHT, PAGE_WIDTH } from './pdf-doc';
import type { StatementData } from './statement-data';

/* The statement's page geometry, colours and the pieces its page and its stub share. */

export const M = 36;
export const RIGHT = PAGE_WIDTH - M;
export const CONTENT = PAGE_WIDTH - 2 * M;
/** The tear-off line: the stub below it, about 2.5 inches, comes back with the payment. */
export const STUB_TOP = PAGE_HEIGHT - 184;
export const INK = '#000000';
export const GREY = '#4a4a4a';
export const ACCENT = '#1f3a5f';
export const SHADE = '#eef1f5';
export const RULE = '#b8bec8';

/**
 * A credit prints as a credit, never as a negative amount due, and asks for no payment; a
 * plan in good standing asks for its installment, not the whole balance.
 */
export function amountDue(data: StatementData): {
  label: string;
  amount: string;
  payBy: string | null;
} {
  const due = data.summary.amountDue;
  if (data.plan && due > 0) {
    return {
      label: 'Installment due',
      amount: formatCents(data.plan.installmentDue),
      payBy: formatUsDate(data.plan.dueDate),
    };
  }
  if (due < 0) return { label: 'Credit balance', amount: formatCents(negate(due)), payBy: null };
  return {
    label: 'Amount due',
    amount: formatCents(due),
    payBy: due === 0 ? null : formatUsDate(data.dueDate),
  };
}

export function labelValue(
  doc: PDFKit.PDFDocument,
  label: string,
  value: string,
  x: number,
  y: number,
  width: number,
  size: number,
  bold: boolean,
): void {
  doc
    .font(bold ? 'sansBold' : 'sans')
    .fontSize(size)
    .fillColor(bold ? INK : GREY);
  doc.text(label, x, y, { width, lineBreak: false });
  doc.font(bold ? 'sansBold' : 'sans').fillColor(INK);
  doc.text(value, x, y, { width, align: 'right', lineBreak: false });
}

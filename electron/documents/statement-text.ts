import { addCents, cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { fillInline, printedValues } from './printed-values';
import type { LetterFields } from './letter-data';
import { PLACEHOLDERS, PLACEHOLDER_KEYS, missingMarker } from './placeholders';
import type { StatementData } from './statement-data';
import type { StatementSection, Template } from './template';

export type MessageTier =
  | 'self-pay'
  | 'insurance-pending'
  | 'after-insurance'
  | 'second'
  | 'past-due'
  | 'final'
  | 'plan'
  | 'credit';

/**
 * The message fits the situation: a credit or nothing owed, a plan in good standing, then
 * the dunning stage; a first statement says whether insurance has processed the visits,
 * is still deciding some, or was never involved. Without a stage (a template preview) the
 * days past due stand in for it.
 */
export function messageTier(data: StatementData): MessageTier {
  if (data.summary.amountDue <= 0) return 'credit';
  if (data.plan) return 'plan';
  const stage = data.stage ?? stageOfDays(data.daysPastDue);
  if (stage === 'final_notice' || stage === 'pre_collection') return 'final';
  if (stage === 'past_due') return 'past-due';
  if (stage === 'second_statement') return 'second';
  if (data.summary.insurancePending > 0) return 'insurance-pending';
  return data.insuranceProcessed === false ? 'self-pay' : 'after-insurance';
}

function stageOfDays(days: number): NonNullable<StatementData['stage']> {
  if (days <= 0) return 'statement';
  if (days <= 30) return 'second_statement';
  if (days <= 90) return 'past_due';
  return 'final_notice';
}

/** Filled text of one section: paragraphs, or list items when the section is a list. */
export interface SectionText {
  readonly paragraphs: readonly string[];
  readonly items: readonly string[];
}

export interface StatementText {
  readonly tier: MessageTier;
  readonly message: SectionText;
  readonly patientShare: SectionText;
  readonly financialAssistance: SectionText;
  readonly paymentOptions: SectionText;
  readonly warnings: readonly string[];
}

export function statementFields(data: StatementData): LetterFields {
  return {
    facility_name: data.facility.name,
    facility_address: data.facility.addressLines.join('\n'),
    facility_phone: data.facility.phone,
    facility_website: data.facility.website,
    billing_office_phone: data.billingOffice.phone,
    billing_office_hours: data.billingOffice.hours,
    payment_url: data.billingOffice.paymentUrl,
    remit_address: data.billingOffice.remitTo.join('\n'),
    financial_assistance_phone: data.financialAssistance.phone,
    financial_assistance_url: data.financialAssistance.url,
    financial_assistance_eligibility: data.financialAssistance.eligibility,
    financial_assistance_summary_url: data.financialAssistance.summaryUrl,
    plan_installment_due: data.plan?.installmentDue,
    plan_remaining: data.plan?.remaining,
    plan_next_date: data.plan?.nextDate ?? undefined,
    guarantor_name: data.guarantor.name,
    guarantor_address: data.guarantor.addressLines.join('\n'),
    account_number: data.accountNumber,
    balance_due: data.summary.amountDue,
    due_date: data.plan?.dueDate ?? data.dueDate,
    statement_date: data.statementDate,
    days_past_due: data.daysPastDue > 0 ? String(data.daysPastDue) : undefined,
    final_action_date: data.finalActionDate,
  };
}

export function statementText(template: Template, data: StatementData): StatementText {
  const values = printedValues({ fields: statementFields(data) }, data.statementDate);
  const sections = new Map<string, { paragraphs: string[]; items: string[] }>();
  let current: { paragraphs: string[]; items: string[] } | null = null;
  for (const block of template.body) {
    if (block.type === 'heading') {
      current = { paragraphs: [], items: [] };
      sections.set(block.text, current);
    } else if (current && block.type === 'paragraph') {
      current.paragraphs.push(fillInline(block.text, values));
    } else if (current && block.type === 'list') {
      current.items.push(...block.items.map((i) => fillInline(i, values)));
    }
  }
  const section = (name: StatementSection): SectionText =>
    sections.get(name) ?? { paragraphs: [], items: [] };

  const tier = messageTier(data);
  const text = {
    tier,
    message: section(`message-${tier}`),
    patientShare: section('patient-share'),
    financialAssistance: section('financial-assistance'),
    paymentOptions: section('payment-options'),
  };
  const printed = [text.message, text.patientShare, text.financialAssistance, text.paymentOptions]
    .flatMap((s) => [...s.paragraphs, ...s.items])
    .join('\n');
  const warnings = PLACEHOLDER_KEYS.filter((k) => printed.includes(missingMarker(k))).map(
    (k) => `${PLACEHOLDERS[k].caption} has no data and prints as ${missingMarker(k)}.`,
  );
  return { ...text, warnings: [...warnings, ...checkSums(data)] };
}

/** A statement whose numbers do not add up must not go out silently. */
function checkSums(data: StatementData): string[] {
  const s = data.summary;
  const warnings: string[] = [];
  const computed = cents(
    s.previousBalance + s.newCharges + s.afterInsurance - s.payments - s.adjustments,
  );
  if (computed !== s.amountDue) {
    warnings.push(
      `The summary does not add up: previous balance + charges + your share after insurance - payments - adjustments is ${formatCents(computed)}, but the amount due is ${formatCents(s.amountDue)}.`,
    );
  }
  const a = data.aging;
  const aged = addCents(a.current, a.days31to60, a.days61to90, a.days91to120, a.over120);
  if (aged !== s.amountDue) {
    warnings.push(
      `The aging buckets total ${formatCents(aged)}, but the amount due is ${formatCents(s.amountDue)}.`,
    );
  }
  return warnings;
}

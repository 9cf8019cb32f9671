import { parseDenialCodes, type DenialCategory as OurCategory } from '../../shared/codes/denials';
import { describeReason, describeRemark } from '../../shared/codes/adjustment-codes';
import type { IsoDate } from '../../shared/dates/iso-date';
import { isDirectPhone } from '../../shared/api/users';
import { cents, sumCents } from '../../shared/money/cents';
import type { ReadDb } from '../db/open';
import type {
  LetterData,
  LetterDenialCode,
  LetterFields,
  LetterServiceLine,
} from '../documents/letter-data';
import {
  claimProviders,
  differingProviders,
  lineProviders,
  type ClaimProvider,
} from '../importers/claims/claim-providers';
import type { DenialCategory, Template } from '../documents/template';
import { readFacility } from '../facility/facility';
import { visitKind } from '../statements/visit-kind';
import { revenueCodeCategory } from '../../shared/codes/revenue-codes';
import { all, one } from '../db/query';
import { claimFigures, postedAmounts } from './line-figures';

/** Our denial categories as the appeal templates name them; some have no letter of their own. */
const TEMPLATE_CATEGORY: Record<OurCategory, DenialCategory | null> = {
  medical_necessity: 'medical-necessity',
  prior_authorization: 'prior-authorization',
  timely_filing: 'timely-filing',
  coding_bundling: 'coding-bundling',
  coordination_of_benefits: 'coordination-of-benefits',
  eligibility: 'eligibility',
  non_covered: 'non-covered',
  duplicate: null,
  missing_information: null,
  other: null,
};

/** Duplicates, missing information and the like have no appeal letter: they are corrected. */
export function hasAppealLetter(category: OurCategory): boolean {
  return TEMPLATE_CATEGORY[category] !== null;
}

interface ClaimFacts {
  claimId: number;
  /** The billing provider NPI the claim went out with (837 loop 2010AA), when read from one. */
  billingNpi: string | null;
  /** The facility the account is billed under; 1 is the letterhead's own. */
  facilityId: number;
  facilityName: string;
  facilityNpi: string | null;
  claimNumber: string;
  payerClaimNumber: string | null;
  accountNumber: string;
  financialClass: string;
  payerName: string;
  appealsLine1: string | null;
  appealsLine2: string | null;
  appealsCity: string | null;
  appealsState: string | null;
  appealsZip: string | null;
  appealsFax: string | null;
  claimsLine1: string | null;
  claimsLine2: string | null;
  claimsCity: string | null;
  claimsState: string | null;
  claimsZip: string | null;
  /** When the first-level appeal on this denial was marked sent, if one was. */
  firstAppealSent: IsoDate | null;
  /** The payer's answer to it, as the representative recorded it from the payer's letters. */
  firstAppealDecided: IsoDate | null;
  firstAppealReference: string | null;
  memberId: string | null;
  groupNumber: string | null;
  patientFirst: string;
  patientMiddle: string | null;
  patientLast: string;
  dateOfBirth: IsoDate | null;
  category: OurCategory | null;
  codes: string | null;
  deniedAmount: number | null;
  denialRemittanceId: number | null;
  remitDate: IsoDate | null;
  deadlineDate: IsoDate | null;
  totalCharge: number;
  /** From an 837 claim file, when the claim came in one. */
  priorAuthorization: string | null;
  diagnosisCodes: string | null;
  billedDate: IsoDate | null;
  /** CLM05-3: 7 and 8 replace or void an earlier claim, so the billed date is not the first. */
  frequencyCode: string | null;
}

const CLAIM_SQL = `SELECT c.id AS claimId, c.claim_number AS claimNumber,
    c.payer_claim_number AS payerClaimNumber, a.account_number AS accountNumber,
    py.financial_class AS financialClass, py.name AS payerName,
    py.appeals_line1 AS appealsLine1, py.appeals_line2 AS appealsLine2, py.appeals_city AS appealsCity,
    py.appeals_state AS appealsState, py.appeals_zip AS appealsZip, py.appeals_fax AS appealsFax,
    py.claims_line1 AS claimsLine1, py.claims_line2 AS claimsLine2, py.claims_city AS claimsCity,
    py.claims_state AS claimsState, py.claims_zip AS claimsZip,
    (SELECT min(doc.sent_date) FROM documents doc
      WHERE doc.denial_id = d.id AND doc.kind = 'appeal' AND doc.sent_date IS NOT NULL)
      AS firstAppealSent,
    (SELECT r.letter_date FROM appeal_responses r
      WHERE r.denial_id = d.id AND r.level = 'first' AND r.kind = 'upheld' ORDER BY r.id DESC LIMIT 1)
      AS firstAppealDecided,
    (SELECT r.reference FROM appeal_responses r
      WHERE r.denial_id = d.id AND r.level = 'first' AND r.reference IS NOT NULL
      ORDER BY r.id DESC LIMIT 1) AS firstAppealReference,
    cv.member_id AS memberId, cv.group_number AS groupNumber,
    p.first_name AS patientFirst, p.middle_name AS patientMiddle, p.last_name AS patientLast,
    p.date_of_birth AS dateOfBirth, d.category, d.codes, d.amount AS deniedAmount,
    d.remittance_id AS denialRemittanceId,
    coalesce(d.remit_date, c.remit_date) AS remitDate, d.deadline_date AS deadlineDate,
    c.total_charge AS totalCharge, c.prior_authorization AS priorAuthorization,
    c.diagnosis_codes AS diagnosisCodes, c.billed_date AS billedDate,
    c.frequency_code AS frequencyCode, c.billing_provider_npi AS billingNpi,
    a.facility_id AS facilityId, f.name AS facilityName, f.npi AS facilityNpi
  FROM claims c JOIN accounts a ON a.id = c.account_id JOIN people p ON p.id = a.patient_id
  JOIN facilities f ON f.id = a.facility_id
  JOIN payers py ON py.id = c.payer_id
  LEFT JOIN coverages cv ON cv.id = c.coverage_id
  LEFT JOIN denials d ON d.claim_id = c.id
  WHERE c.id = ?`;

function lines(...parts: (string | null | undefined)[]): string | undefined {
  const text = parts.filter((p): p is string => !!p && p.trim() !== '').join('\n');
  return text === '' ? undefined : text;
}

/**
 * The signer's direct line; without one, the business office's number, labelled so the
 * payer does not take it for the signer's own line. An extension alone ("ext. 4127")
 * cannot be dialled from outside, so it counts as no direct line.
 */
export function representativePhone(
  direct: string | null | undefined,
  office: string | null | undefined,
): string | undefined {
  if (isDirectPhone(direct)) return direct;
  return office ? `${office} (business office)` : undefined;
}

/**
 * A line in words by its revenue code's category. CPT descriptions are the AMA's and
 * are not shipped, so a line with only a procedure code is described as a service.
 */
function lineDescription(revenueCode: string | null): string {
  if (!revenueCode) return 'Service';
  return revenueCodeCategory(revenueCode) ?? `Revenue code ${revenueCode}`;
}

/**
 * What the visit was, as the patient statements name it; nothing when no line has a
 * revenue code (a professional claim), rather than calling it hospital services.
 */
function serviceDescription(revenueCodes: readonly (string | null)[]): string | undefined {
  return revenueCodes.some((c) => c !== null) ? visitKind(revenueCodes) : undefined;
}

/** A provider named on one line, as the line's note in the service-line table says it. */
function lineProviderText(p: ClaimProvider): string {
  const role = p.role.charAt(0).toUpperCase() + p.role.slice(1);
  return `${role}: ${providerText(p)}`;
}

function providerText(p: ClaimProvider): string {
  return p.npi ? `${p.name} (NPI ${p.npi})` : p.name;
}

/** Each provider the claim file named, with the NPI a payer looks them up by. */
function providerFields(providers: readonly ClaimProvider[]): LetterFields {
  const out: Partial<Record<`${ClaimProvider['role']}_provider`, string>> = {};
  for (const p of providers) out[`${p.role}_provider`] = providerText(p);
  return out;
}

/**
 * The billed date is the date of the last claim file that carried the claim: the first
 * submission only when that file sent the claim as an original (frequency 1, or a claim
 * made before frequency codes were kept), not when it replaced an earlier one.
 */
function originalSubmission(
  billedDate: IsoDate | null,
  frequencyCode: string | null,
): IsoDate | undefined {
  if (!billedDate) return undefined;
  return frequencyCode === null || frequencyCode === '1' ? billedDate : undefined;
}

/**
 * Everything the database knows that an appeal letter for this claim can use. What it
 * does not know (the clinical summary, an authorization number) is simply absent, so
 * the letter prints it as a visible [PLACEHOLDER] and lists it as a warning.
 */
export function appealLetterData(db: ReadDb, claimId: number, userId: number): LetterData | null {
  const c = one<ClaimFacts>(db, CLAIM_SQL, claimId);
  if (!c) return null;
  const facility = readFacility(db);
  const user = one<{
    name: string;
    title: string | null;
    phone: string | null;
    email: string | null;
  }>(db, `SELECT display_name AS name, title, phone, email FROM users WHERE id = ?`, userId);
  const serviceLines = all<{
    id: number;
    date: IsoDate;
    code: string;
    modifiers: string | null;
    revenueCode: string | null;
    units: number;
    billed: number;
  }>(
    db,
    `SELECT cl.id, cl.service_date AS date, coalesce(cl.procedure_code, cl.revenue_code) AS code,
         cl.modifiers, cl.revenue_code AS revenueCode, cl.units, cl.charge AS billed
       FROM claim_lines cl WHERE cl.claim_id = ? ORDER BY cl.line_number`,
    claimId,
  );
  // one computation for the table, the amount in dispute and the codes named as appealed
  const figures = claimFigures(
    serviceLines,
    postedAmounts(db, claimId, c.denialRemittanceId),
    c.deniedAmount,
  );
  const providers = claimProviders(db, claimId);
  const byLine = lineProviders(db, claimId);
  const letterLines: LetterServiceLine[] = serviceLines.map((l, i) => {
    const f = figures.lines[i];
    const own = differingProviders(byLine.get(l.id) ?? [], providers);
    return {
      date: l.date,
      code: l.code,
      modifiers: l.modifiers ? l.modifiers.split(':') : [],
      description: lineDescription(l.revenueCode),
      ...(own.length ? { providers: own.map(lineProviderText) } : {}),
      units: l.units,
      billed: cents(l.billed),
      paid: f?.paid ?? null,
      contractual: f?.contractual ?? null,
      patient: f?.patient ?? null,
      denied: f?.denied ?? null,
    };
  });
  // a denial on some lines appeals those lines; a denial of the whole claim, all of them
  const appealed = figures.deniedLineIds.length
    ? serviceLines.filter((l) => figures.deniedLineIds.includes(l.id))
    : serviceLines;
  const denialCodes = parseDenialCodes(c.codes ?? '').map((d): LetterDenialCode =>
    d.kind === 'reason'
      ? { group: d.group, code: d.reason, kind: 'reason', wording: describeReason(d.reason) }
      : { code: d.code, kind: 'remark', wording: describeRemark(d.code) },
  );
  const dates = serviceLines.map((l) => l.date).sort();
  const paid = sumCents([
    ...figures.lines.map((l) => l.paid ?? cents(0)),
    figures.claimLevel?.paid ?? cents(0),
  ]);
  const first = dates[0];
  const last = dates[dates.length - 1];
  return {
    fields: {
      ...(facility
        ? {
            // a health system's letterhead is its business office's; the payer knows the
            // claim by the facility and NPI it was billed under
            facility_name: c.facilityId === 1 ? facility.name : c.facilityName,
            facility_address: lines(
              facility.line1,
              facility.line2,
              `${facility.city}, ${facility.state} ${facility.zip}`,
            ),
            facility_phone: facility.phone ?? undefined,
            facility_fax: facility.fax ?? undefined,
            facility_npi: c.billingNpi ?? c.facilityNpi ?? facility.npi ?? undefined,
            facility_tax_id: facility.taxId ?? undefined,
            facility_website: facility.web ?? undefined,
          }
        : {}),
      payer_name: c.payerName,
      payer_appeals_address: c.appealsLine1
        ? lines(
            c.appealsLine1,
            c.appealsLine2,
            `${c.appealsCity ?? ''}, ${c.appealsState ?? ''} ${c.appealsZip ?? ''}`,
          )
        : undefined,
      payer_claims_address: c.claimsLine1
        ? lines(
            c.claimsLine1,
            c.claimsLine2,
            `${c.claimsCity ?? ''}, ${c.claimsState ?? ''} ${c.claimsZip ?? ''}`,
          )
        : undefined,
      payer_appeals_fax: c.appealsFax ?? undefined,
      // the earliest appeal sent on this denial is the one a second-level letter answers
      first_appeal_date: c.firstAppealSent ?? undefined,
      first_appeal_decision_date: c.firstAppealDecided ?? undefined,
      first_appeal_reference: c.firstAppealReference ?? undefined,
      patient_name: [c.patientFirst, c.patientMiddle, c.patientLast].filter(Boolean).join(' '),
      date_of_birth: c.dateOfBirth ?? undefined,
      member_id: c.memberId ?? undefined,
      group_number: c.groupNumber ?? undefined,
      ...(c.financialClass === 'medicare' && c.memberId ? { medicare_number: c.memberId } : {}),
      account_number: c.accountNumber,
      claim_number: c.claimNumber,
      payer_claim_number: c.payerClaimNumber ?? undefined,
      ...(first && last ? { dates_of_service: { from: first, to: last } } : {}),
      procedure_codes:
        [
          ...new Set(
            appealed.map((l) =>
              l.modifiers ? `${l.code}-${l.modifiers.split(':').join('-')}` : l.code,
            ),
          ),
        ].join(', ') || undefined,
      service_description: serviceDescription(serviceLines.map((l) => l.revenueCode)),
      original_submission_date: originalSubmission(c.billedDate, c.frequencyCode),
      // the app is the hospital's: whoever files through it files as the provider
      requester_relationship: 'Provider',
      ...providerFields(providers),
      diagnosis_codes: c.diagnosisCodes?.split(' ').join(', ') || undefined,
      authorization_number: c.priorAuthorization ?? undefined,
      billed_amount: cents(c.totalCharge),
      paid_amount: paid,
      // nothing denied on record is not $0.00 in dispute: the letter shows the gap
      denied_amount: figures.inDispute > 0 ? figures.inDispute : undefined,
      remittance_date: c.remitDate ?? undefined,
      initial_determination_date: c.remitDate ?? undefined,
      appeal_deadline: c.deadlineDate ?? undefined,
      representative_name: user?.name,
      representative_title: user?.title ?? undefined,
      representative_phone: representativePhone(user?.phone, facility?.phone),
      representative_email: user?.email ?? undefined,
    },
    serviceLines: letterLines,
    ...(figures.claimLevel ? { claimLevel: figures.claimLevel } : {}),
    denialCodes,
  };
}

/**
 * The template that fits the claim's denial: the category's letter at the level the
 * appeal is at, and for Medicare a first-level appeal is the redetermination request.
 */
export function chooseAppealTemplate(
  templates: readonly Template[],
  category: OurCategory | null,
  level: 1 | 2,
  medicare: boolean,
): Template | null {
  if (medicare && level === 1) {
    const redetermination = templates.find((t) => t.kind === 'medicare-redetermination');
    if (redetermination) return redetermination;
  }
  const wanted = category ? TEMPLATE_CATEGORY[category] : null;
  const appeals = templates.filter((t) => t.kind === 'appeal' && t.level === level);
  return (
    (wanted ? appeals.find((t) => t.categories.includes(wanted)) : undefined) ??
    appeals.find((t) => t.categories.includes('medical-necessity')) ??
    null
  );
}

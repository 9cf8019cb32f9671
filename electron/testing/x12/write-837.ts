import type { IsoDate } from '../../../shared/dates/iso-date';
import { formatCents, formatDate8, formatQuantity } from '../../importers/x12/amounts';
import type { Delimiters } from '../../importers/x12/tokenizer';
import {
  composite,
  writeX12,
  type Element,
  type WriteOptions,
  type X12Document,
} from './write-835';
import type {
  BillingProvider,
  Claim837,
  ClaimTransaction,
  Patient837,
  Payer837,
  PersonName,
  PostalAddress,
  Procedure837,
  ServiceLine837,
  ClaimProvider837,
  Subscriber,
} from '../../importers/claims/claim-types';

/** What `write837` serialises: interchanges holding groups holding claim transactions. */
export type ClaimFileDocument = X12Document<ClaimTransaction>;

export type Write837Options = WriteOptions;

/**
 * Serialises a claim file model to X12 837 text, for test and benchmark files. The
 * envelope counts, control numbers and the HL tree are computed from the claims (one
 * billing provider level per run of claims from the same provider, one subscriber level
 * per run with the same subscriber and payer, one patient level per dependent); money is
 * written as given, so a claim whose lines do not add up stays that way. Elements the
 * model does not keep are written with the usual values (signature on file, benefits
 * assigned). Throws a RangeError when a value contains a delimiter.
 */
export function write837(document: ClaimFileDocument, options: Write837Options = {}): string {
  return writeX12(document, '837', writeTransaction, options);
}

const money = formatCents;
const date = (value: IsoDate | null | undefined): string | null =>
  value === null || value === undefined ? null : formatDate8(value);

interface PatientGroup {
  patient: Patient837 | null;
  claims: Claim837[];
}
interface SubscriberGroup {
  subscriber: Subscriber;
  payer: Payer837;
  patients: PatientGroup[];
}
interface ProviderGroup {
  provider: BillingProvider;
  subscribers: SubscriberGroup[];
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Rebuilds the HL tree from the flat claims. A subscriber's own claims must come before
 * the levels of their dependents, so an own claim after a dependent's opens a new
 * subscriber level.
 */
function tree(claims: readonly Claim837[]): ProviderGroup[] {
  const providers: ProviderGroup[] = [];
  for (const c of claims) {
    let p = providers[providers.length - 1];
    if (!p || !same(p.provider, c.billingProvider)) {
      p = { provider: c.billingProvider, subscribers: [] };
      providers.push(p);
    }
    let s = p.subscribers[p.subscribers.length - 1];
    const lastPatient = s?.patients[s.patients.length - 1];
    const ownAfterDependent = c.patient === null && lastPatient?.patient;
    if (!s || !same(s.subscriber, c.subscriber) || !same(s.payer, c.payer) || ownAfterDependent) {
      s = { subscriber: c.subscriber, payer: c.payer, patients: [] };
      p.subscribers.push(s);
    }
    const last = s.patients[s.patients.length - 1];
    if (last && same(last.patient, c.patient)) last.claims.push(c);
    else s.patients.push({ patient: c.patient, claims: [c] });
  }
  return providers;
}

function writeTransaction(t: ClaimTransaction, d: Delimiters, out: Element[][]): void {
  out.push([
    'BHT',
    '0019',
    t.purpose,
    t.referenceId,
    date(t.createdOn),
    '1200',
    t.claimOrEncounter,
  ]);
  if (t.submitter) {
    out.push(['NM1', '41', '2', t.submitter.name, null, null, null, null, '46', t.submitter.id]);
    out.push(['PER', 'IC', 'BILLING OFFICE', 'TE', '3125550100']);
  }
  if (t.receiver) {
    out.push(['NM1', '40', '2', t.receiver.name, null, null, null, null, '46', t.receiver.id]);
  }
  let hl = 0;
  for (const p of tree(t.claims)) {
    const providerHl = ++hl;
    out.push(['HL', String(providerHl), null, '20', '1']);
    const b = p.provider;
    out.push(['NM1', '85', '2', b.name, null, null, null, null, b.npi ? 'XX' : null, b.npi]);
    writeAddress(b.address, out);
    if (b.taxId) out.push(['REF', 'EI', b.taxId]);
    for (const s of p.subscribers) {
      const subscriberHl = ++hl;
      const dependents = s.patients.some((g) => g.patient !== null);
      out.push(['HL', String(subscriberHl), String(providerHl), '22', dependents ? '1' : '0']);
      const sub = s.subscriber;
      out.push([
        'SBR',
        sub.payerResponsibility,
        sub.relationship,
        sub.groupNumber,
        sub.groupName,
        null,
        null,
        null,
        null,
        sub.filingIndicator,
      ]);
      out.push(personName('IL', sub.name, sub.memberId));
      writeAddress(sub.address, out);
      writeDemographics(sub.dateOfBirth, sub.sex, out);
      out.push(['NM1', 'PR', '2', s.payer.name, null, null, null, null, 'PI', s.payer.payerId]);
      for (const g of s.patients) {
        if (g.patient) {
          out.push(['HL', String(++hl), String(subscriberHl), '23', '0']);
          out.push(['PAT', g.patient.relationship]);
          out.push(personName('QC', g.patient.name, null));
          writeAddress(g.patient.address, out);
          writeDemographics(g.patient.dateOfBirth, g.patient.sex, out);
        }
        for (const c of g.claims) writeClaim(c, d, out);
      }
    }
  }
}

function personName(entity: string, n: PersonName, id: string | null): Element[] {
  return [
    'NM1',
    entity,
    '1',
    n.last,
    n.first,
    n.middle,
    null,
    n.suffix,
    id === null ? null : 'MI',
    id,
  ];
}

function writeAddress(a: PostalAddress | null, out: Element[][]): void {
  if (!a) return;
  out.push(['N3', a.line1, a.line2]);
  out.push(['N4', a.city, a.state, a.zip]);
}

function writeDemographics(dob: IsoDate | null, sex: string | null, out: Element[][]): void {
  if (dob !== null || sex !== null) out.push(['DMG', 'D8', date(dob), sex]);
}

function procedureComposite(p: Procedure837, d: Delimiters): Element {
  return composite([p.qualifier, p.code, ...p.modifiers.slice(0, 4)], d);
}

/** Diagnoses per HI: institutional sends the principal on its own, professional with up to 11 others. */
function diagnosisSegments(c: Claim837, d: Delimiters): Element[][] {
  const [principal, ...others] = c.diagnosisCodes;
  if (principal === undefined) return [];
  const first: Element[] = ['HI', composite(['ABK', principal], d)];
  const rest = others.map((code) => composite(['ABF', code], d));
  const segments: Element[][] = [first];
  if (c.claimType === 'professional') first.push(...rest.splice(0, 11));
  for (let i = 0; i < rest.length; i += 12) segments.push(['HI', ...rest.slice(i, i + 12)]);
  return segments;
}

function writeClaim(c: Claim837, d: Delimiters, out: Element[][]): void {
  const institutional = c.claimType === 'institutional';
  out.push([
    'CLM',
    c.patientControlNumber,
    money(c.totalCharge),
    null,
    null,
    composite([c.facilityCode, institutional ? 'A' : 'B', c.frequencyCode], d),
    institutional ? null : 'Y',
    'A',
    'Y',
    institutional ? 'Y' : 'I',
  ]);
  if (c.statementFrom !== null) {
    const to = c.statementTo ?? c.statementFrom;
    out.push(['DTP', '434', 'RD8', `${formatDate8(c.statementFrom)}-${formatDate8(to)}`]);
  }
  if (institutional) out.push(['CL1', '1', '7', '01']);
  if (c.referralNumber) out.push(['REF', '9F', c.referralNumber]);
  if (c.priorAuthorization) out.push(['REF', 'G1', c.priorAuthorization]);
  if (c.payerClaimNumber) out.push(['REF', 'F8', c.payerClaimNumber]);
  out.push(...diagnosisSegments(c, d));
  for (const p of c.providers ?? []) out.push(providerName(p));
  for (const line of c.lines) writeLine(c, line, d, out);
}

/** NM1 of a provider loop: 2310 for the claim, 2420 for a line. */
function providerName(p: ClaimProvider837): Element[] {
  const entity = { attending: '71', operating: '72', rendering: '82', referring: 'DN' }[p.role];
  const n = p.name;
  const npi = p.npi === null ? [null, null] : ['XX', p.npi];
  return ['NM1', entity, '1', n.last, n.first, n.middle, null, n.suffix, ...npi];
}

function writeLine(c: Claim837, l: ServiceLine837, d: Delimiters, out: Element[][]): void {
  out.push(['LX', String(l.lineNumber)]);
  if (c.claimType === 'institutional') {
    out.push([
      'SV2',
      l.revenueCode,
      l.procedure ? procedureComposite(l.procedure, d) : null,
      money(l.charge),
      l.unitBasis,
      formatQuantity(l.units),
    ]);
  } else {
    out.push([
      'SV1',
      l.procedure ? procedureComposite(l.procedure, d) : null,
      money(l.charge),
      l.unitBasis,
      formatQuantity(l.units),
      l.placeOfService,
      null,
      composite(['1'], d),
    ]);
  }
  if (l.serviceDate !== null) {
    out.push(
      l.serviceDateTo === null
        ? ['DTP', '472', 'D8', formatDate8(l.serviceDate)]
        : ['DTP', '472', 'RD8', `${formatDate8(l.serviceDate)}-${formatDate8(l.serviceDateTo)}`],
    );
  }
  for (const p of l.providers ?? []) out.push(providerName(p));
}

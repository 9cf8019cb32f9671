import type { Cents } from '../../../shared/money/cents';
import type { IsoDate } from '../../../shared/dates/iso-date';
import { formatCents, formatDate8, formatQuantity } from '../../importers/x12/amounts';
import type { GroupHeader, InterchangeHeader } from '../../importers/x12/envelope';
import type {
  Adjustment,
  Claim,
  Contact,
  Party,
  Person,
  ProcedureCode,
  Remittance,
  ServiceLine,
} from '../../importers/x12/remittance-types';
import type { Delimiters } from '../../importers/x12/tokenizer';

/** What an X12 writer serialises: interchanges holding groups holding transactions of T. */
export interface X12Document<T> {
  interchanges: {
    header: Omit<InterchangeHeader, 'groups'>;
    groups: { header: GroupHeader; transactions: T[] }[];
  }[];
}

/** What `write835` serialises: interchanges holding groups holding remittances. */
export type Remittance835Document = X12Document<Remittance>;

export interface WriteOptions {
  /** Defaults to `*`, `^`, `:`, `~`. */
  delimiters?: Delimiters;
  /** Written after every segment terminator; defaults to a newline. */
  lineBreak?: string;
}

export type Write835Options = WriteOptions;

export const DEFAULT_DELIMITERS: Delimiters = {
  element: '*',
  repetition: '^',
  component: ':',
  segment: '~',
};

/** A composite is built (and its parts checked) by `composite()`; it may hold the component separator. */
export interface Composite {
  composite: string;
}

export type Element = string | null | undefined | Composite;

/**
 * Serialises a remittance model to X12 835 text, for test and benchmark files. The
 * envelope counts and control numbers are computed, so the output always passes the
 * envelope checks; the money is written as given, so unbalanced models stay unbalanced.
 * Throws a RangeError when a value contains a delimiter, since X12 has no escaping.
 */
export function write835(document: Remittance835Document, options: Write835Options = {}): string {
  return writeX12(document, '835', writeRemittance, options);
}

/**
 * Writes the envelopes (ISA/GS/ST … SE/GE/IEA) around each transaction's body, with the
 * counts computed so the output always passes the envelope checks.
 */
export function writeX12<
  T extends { controlNumber: string; implementationReference: string | null },
>(
  document: X12Document<T>,
  transactionSet: string,
  writeBody: (transaction: T, d: Delimiters, body: Element[][]) => void,
  options: WriteOptions = {},
): string {
  const d = options.delimiters ?? DEFAULT_DELIMITERS;
  const lineBreak = options.lineBreak ?? '\n';
  const out: string[] = [];
  const emit = (elements: readonly Element[]): void => {
    out.push(segmentText(elements, d) + d.segment + lineBreak);
  };
  for (const interchange of document.interchanges) {
    const h = interchange.header;
    out.push(isaText(h, d) + d.segment + lineBreak);
    for (const group of interchange.groups) {
      const g = group.header;
      emit([
        'GS',
        g.functionalId,
        g.senderCode,
        g.receiverCode,
        date(g.date),
        g.time,
        g.controlNumber,
        g.agency,
        g.version,
      ]);
      for (const t of group.transactions) {
        const body: Element[][] = [];
        writeBody(t, d, body);
        emit(['ST', transactionSet, t.controlNumber, t.implementationReference]);
        body.forEach(emit);
        emit(['SE', String(body.length + 2), t.controlNumber]);
      }
      emit(['GE', String(group.transactions.length), g.controlNumber]);
    }
    emit(['IEA', String(interchange.groups.length), h.controlNumber.padStart(9, '0')]);
  }
  return out.join('');
}

export function isaText(h: Omit<InterchangeHeader, 'groups'>, d: Delimiters): string {
  const fixed = (value: string, width: number): string => value.padEnd(width, ' ').slice(0, width);
  const elements = [
    'ISA',
    '00',
    fixed('', 10),
    '00',
    fixed('', 10),
    fixed(h.senderQualifier, 2),
    fixed(h.senderId, 15),
    fixed(h.receiverQualifier, 2),
    fixed(h.receiverId, 15),
    fixed(h.date, 6),
    fixed(h.time, 4),
    d.repetition ?? 'U',
    fixed(h.version, 5),
    h.controlNumber.padStart(9, '0'),
    fixed(h.acknowledgmentRequested, 1),
    fixed(h.usage, 1),
    d.component,
  ];
  elements.forEach((value, n) => {
    if (n !== 0 && n !== 11 && n !== 16) checkValue(value, d);
  });
  return elements.join(d.element);
}

export function segmentText(elements: readonly Element[], d: Delimiters): string {
  const texts = elements.map((value) => {
    if (typeof value === 'object' && value !== null) return value.composite;
    const text = value ?? '';
    checkValue(text, d);
    return text;
  });
  let last = texts.length - 1;
  while (last > 0 && texts[last] === '') last -= 1;
  return texts.slice(0, last + 1).join(d.element);
}

function checkValue(value: string, d: Delimiters): void {
  const forbidden = [d.element, d.segment, d.component];
  if (d.repetition) forbidden.push(d.repetition);
  if (forbidden.some((c) => value.includes(c))) {
    throw new RangeError('A value to be written contains an X12 delimiter character.');
  }
}

export function composite(parts: readonly (string | null)[], d: Delimiters): Composite {
  let last = parts.length - 1;
  while (last > 0 && (parts[last] ?? '') === '') last -= 1;
  const values = parts.slice(0, last + 1).map((p) => p ?? '');
  for (const v of values) checkValue(v, d);
  return { composite: values.join(d.component) };
}

const money = (value: Cents | null | undefined): string | null =>
  value === null || value === undefined ? null : formatCents(value);
const quantity = (value: number | null | undefined): string | null =>
  value === null || value === undefined ? null : formatQuantity(value);
const date = (value: IsoDate | null | undefined): string | null =>
  value === null || value === undefined ? null : formatDate8(value);

function writeRemittance(r: Remittance, d: Delimiters, out: Element[][]): void {
  if (r.payment) {
    const p = r.payment;
    out.push([
      'BPR',
      p.handlingCode,
      money(p.amount),
      p.creditDebit,
      p.method,
      p.format,
      ...blank(10),
      date(p.date),
    ]);
  }
  if (r.trace) {
    const t = r.trace;
    out.push(['TRN', t.typeCode, t.traceNumber, t.payerId, t.originatingSupplementalId]);
  }
  for (const ref of r.references) out.push(['REF', ref.qualifier, ref.value]);
  for (const dtm of r.dates) out.push(['DTM', dtm.qualifier, date(dtm.date)]);
  if (r.payer) writeParty(r.payer, out);
  if (r.payee) writeParty(r.payee, out);
  for (const claim of r.claims.filter((c) => c.headerNumber === null)) writeClaim(claim, d, out);
  for (const header of r.headers) {
    out.push(['LX', header.number]);
    const ts3 = header.providerSummary;
    if (ts3) {
      out.push([
        'TS3',
        ts3.providerId,
        ts3.facilityCode,
        date(ts3.fiscalPeriodEnd),
        quantity(ts3.claimCount),
        money(ts3.totalCharge),
        ...keyed(ts3.otherValues, 'TS3', 6),
      ]);
    }
    if (header.institutionalSummary)
      out.push(['TS2', ...keyed(header.institutionalSummary, 'TS2', 1)]);
    for (const claim of r.claims.filter((c) => c.headerNumber === header.number)) {
      writeClaim(claim, d, out);
    }
  }
  for (const plb of r.providerAdjustments) {
    out.push([
      'PLB',
      plb.providerId,
      date(plb.fiscalPeriodDate),
      ...plb.items.flatMap((item) => [
        composite([item.reasonCode, item.referenceId], d),
        money(item.amount),
      ]),
    ]);
  }
}

function blank(count: number): null[] {
  return Array.from({ length: count }, () => null);
}

/** Elements kept as `{ TS306: '12.5' }` back to positions `first`… */
function keyed(values: Record<string, string>, id: string, first: number): Element[] {
  const positions = Object.keys(values).map((k) => Number(k.slice(id.length)));
  const last = Math.max(first - 1, ...positions);
  const elements: Element[] = [];
  for (let n = first; n <= last; n += 1)
    elements.push(values[`${id}${String(n).padStart(2, '0')}`]);
  return elements;
}

function writeParty(p: Party, out: Element[][]): void {
  out.push(['N1', p.entityCode, p.name, p.idQualifier, p.id]);
  if (p.address) {
    const a = p.address;
    for (let i = 0; i < a.lines.length; i += 2) out.push(['N3', a.lines[i], a.lines[i + 1]]);
    if (a.city !== null || a.state !== null || a.postalCode !== null || a.country !== null) {
      out.push(['N4', a.city, a.state, a.postalCode, a.country]);
    }
  }
  for (const ref of p.references) out.push(['REF', ref.qualifier, ref.value]);
  for (const c of p.contacts) out.push(contactElements(c));
}

function contactElements(c: Contact): Element[] {
  return [
    'PER',
    c.functionCode,
    c.name,
    ...c.communications.flatMap((m) => [m.qualifier, m.number]),
  ];
}

function personElements(p: Person): Element[] {
  return [
    'NM1',
    p.entityCode,
    p.entityType,
    p.lastOrOrganizationName,
    p.firstName,
    p.middleName,
    null,
    p.suffix,
    p.idQualifier,
    p.id,
  ];
}

/** Consecutive adjustments of one group share a CAS segment, six triples at most. */
function adjustmentSegments(adjustments: readonly Adjustment[]): Element[][] {
  const segments: Element[][] = [];
  let current: Element[] | null = null;
  let group = '';
  for (const a of adjustments) {
    if (!current || a.group !== group || current.length >= 20) {
      current = ['CAS', a.group];
      group = a.group;
      segments.push(current);
    }
    current.push(a.reason, money(a.amount), quantity(a.quantity));
  }
  return segments;
}

function procedureComposite(p: ProcedureCode, d: Delimiters): Composite {
  const modifiers = [0, 1, 2, 3].map((i) => p.modifiers[i] ?? null);
  return composite([p.qualifier, p.code, ...modifiers, p.description], d);
}

function writeClaim(c: Claim, d: Delimiters, out: Element[][]): void {
  out.push([
    'CLP',
    c.patientControlNumber,
    c.statusCode,
    money(c.chargeAmount),
    money(c.paidAmount),
    money(c.patientResponsibility),
    c.filingIndicator,
    c.payerClaimNumber,
    c.facilityType,
    c.frequency,
  ]);
  out.push(...adjustmentSegments(c.adjustments));
  for (const p of c.people) out.push(personElements(p));
  if (c.inpatient) {
    const mia: Element[] = ['MIA', quantity(c.inpatient.coveredDays), ...blank(23)];
    for (const [key, value] of Object.entries(c.inpatient.amounts))
      mia[Number(key.slice(3))] = money(value);
    for (const [key, value] of Object.entries(c.inpatient.quantities))
      mia[Number(key.slice(3))] = quantity(value);
    [5, 20, 21, 22, 23].forEach((n, i) => (mia[n] = c.inpatient?.remarkCodes[i] ?? null));
    out.push(mia);
  }
  if (c.outpatient) {
    const moa: Element[] = ['MOA', c.outpatient.reimbursementRate, ...blank(8)];
    for (const [key, value] of Object.entries(c.outpatient.amounts))
      moa[Number(key.slice(3))] = money(value);
    [3, 4, 5, 6, 7].forEach((n, i) => (moa[n] = c.outpatient?.remarkCodes[i] ?? null));
    out.push(moa);
  }
  for (const ref of c.references) out.push(['REF', ref.qualifier, ref.value]);
  for (const dtm of c.dates) out.push(['DTM', dtm.qualifier, date(dtm.date)]);
  for (const contact of c.contacts) out.push(contactElements(contact));
  for (const amt of c.amounts) out.push(['AMT', amt.qualifier, money(amt.amount)]);
  for (const qty of c.quantities) out.push(['QTY', qty.qualifier, quantity(qty.quantity)]);
  for (const line of c.serviceLines) writeLine(line, d, out);
}

function writeLine(l: ServiceLine, d: Delimiters, out: Element[][]): void {
  out.push([
    'SVC',
    procedureComposite(l.procedure, d),
    money(l.chargeAmount),
    money(l.paidAmount),
    l.revenueCode,
    quantity(l.units),
    l.originalProcedure ? procedureComposite(l.originalProcedure, d) : null,
    quantity(l.originalUnits),
  ]);
  for (const dtm of l.dates) out.push(['DTM', dtm.qualifier, date(dtm.date)]);
  out.push(...adjustmentSegments(l.adjustments));
  for (const ref of l.references) out.push(['REF', ref.qualifier, ref.value]);
  for (const amt of l.amounts) out.push(['AMT', amt.qualifier, money(amt.amount)]);
  for (const qty of l.quantities) out.push(['QTY', qty.qualifier, quantity(qty.quantity)]);
  for (const lq of l.remarks) out.push(['LQ', lq.qualifier, lq.code]);
}

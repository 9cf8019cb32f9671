import { cents, type Cents } from '../../../shared/money/cents';
import type { IsoDate } from '../../../shared/dates/iso-date';
import { parseDate8, parseQuantity } from '../x12/amounts';
import { procedureCode, requiredAmount, requiredText } from '../x12/fields';
import { issueAt, type X12Issue } from '../x12/issues';
import { element, optional, type Delimiters, type Segment } from '../x12/tokenizer';
import type { Claim837, Procedure837, ServiceLine837 } from './claim-types';

/*
 * The service lines of an 837 claim (SV1 professional, SV2 institutional) and the dates
 * (DTP) of lines and claims.
 */

export const pad = (n: number) => String(n).padStart(2, '0');

function readUnits(segment: Segment, n: number, errors: X12Issue[]): number {
  const text = element(segment, n);
  const value = text === '' ? null : parseQuantity(text);
  if (value === null || value <= 0) {
    errors.push(
      issueAt(
        segment,
        'bad-quantity',
        `${segment.id}${pad(n)} must be a number of units greater than zero.`,
      ),
    );
    return 0;
  }
  return value;
}

function lineCharge(segment: Segment, n: number, errors: X12Issue[]): Cents {
  const charge = requiredAmount(segment, n, errors);
  if (charge !== null && charge < 0) {
    errors.push(
      issueAt(segment, 'bad-amount', `The line charge (${segment.id}${pad(n)}) is negative.`),
    );
  }
  return charge ?? cents(0);
}

function procedureOf(
  segment: Segment,
  n: number,
  delimiters: Delimiters,
  errors: X12Issue[],
  warnings: X12Issue[],
): Procedure837 | null {
  const p = procedureCode(segment, n, delimiters.component, errors, warnings);
  return p ? { qualifier: p.qualifier, code: p.code, modifiers: p.modifiers } : null;
}

/** SV1: procedure, charge, unit basis, units, place of service. */
export function readProfessional(
  segment: Segment,
  line: ServiceLine837,
  delimiters: Delimiters,
  claim: Claim837,
  warnings: X12Issue[],
): void {
  line.procedure = procedureOf(segment, 1, delimiters, claim.errors, warnings);
  line.charge = lineCharge(segment, 2, claim.errors);
  line.unitBasis = requiredText(segment, 3, claim.errors);
  line.units = readUnits(segment, 4, claim.errors);
  line.placeOfService = optional(segment, 5);
}

/** SV2: revenue code, optional procedure, charge, unit basis, units. */
export function readInstitutional(
  segment: Segment,
  line: ServiceLine837,
  delimiters: Delimiters,
  claim: Claim837,
  warnings: X12Issue[],
): void {
  line.revenueCode = requiredText(segment, 1, claim.errors) || null;
  line.procedure =
    element(segment, 2) === '' ? null : procedureOf(segment, 2, delimiters, claim.errors, warnings);
  line.charge = lineCharge(segment, 3, claim.errors);
  line.unitBasis = requiredText(segment, 4, claim.errors);
  line.units = readUnits(segment, 5, claim.errors);
}

export function readLineDate(segment: Segment, line: ServiceLine837, errors: X12Issue[]): void {
  if (element(segment, 1) !== '472') return;
  const period = readPeriod(segment, errors);
  line.serviceDate = period?.from ?? null;
  line.serviceDateTo = period && period.to !== period.from ? period.to : null;
}

/** DTP with `D8` (one day) or `RD8` (`CCYYMMDD-CCYYMMDD`). */
export function readPeriod(
  segment: Segment,
  errors: X12Issue[],
): { from: IsoDate; to: IsoDate } | null {
  const format = element(segment, 2);
  const value = element(segment, 3);
  const [fromText = '', toText = fromText] = format === 'RD8' ? value.split('-') : [value];
  const from = parseDate8(fromText);
  const to = parseDate8(toText);
  if (!from || !to || (format !== 'D8' && format !== 'RD8') || to < from) {
    errors.push(
      issueAt(
        segment,
        'bad-date',
        `DTP03 is not a date or date range (DTP*${element(segment, 1)}).`,
      ),
    );
    return null;
  }
  return { from, to };
}

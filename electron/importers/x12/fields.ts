import type { Cents } from '../../../shared/money/cents';
import type { IsoDate } from '../../../shared/dates/iso-date';
import { parseCents, parseDate8, parseQuantity } from './amounts';
import { issueAt, type X12Issue } from './issues';
import type { Contact, Person, ProcedureCode } from './remittance-types';
import { element, optional, type Segment } from './tokenizer';

/*
 * Element readers shared by the 835 and 277 readers. Each one records a problem in
 * `issues` instead of throwing, naming the element (`CLP03`) but never its content.
 */

function ref(segment: Segment, n: number): string {
  return `${segment.id}${String(n).padStart(2, '0')}`;
}

export function requiredText(segment: Segment, n: number, issues: X12Issue[]): string {
  const value = element(segment, n);
  if (value === '') {
    issues.push(
      issueAt(segment, 'missing-element', `Required element ${ref(segment, n)} is empty.`),
    );
  }
  return value;
}

export function optionalAmount(segment: Segment, n: number, issues: X12Issue[]): Cents | null {
  const text = element(segment, n);
  if (text === '') return null;
  const value = parseCents(text);
  if (value === null) {
    issues.push(
      issueAt(segment, 'bad-amount', `${ref(segment, n)} is not an amount in dollars and cents.`),
    );
  }
  return value;
}

export function requiredAmount(segment: Segment, n: number, issues: X12Issue[]): Cents | null {
  if (element(segment, n) === '') {
    issues.push(issueAt(segment, 'missing-amount', `Required amount ${ref(segment, n)} is empty.`));
    return null;
  }
  return optionalAmount(segment, n, issues);
}

export function optionalQuantity(segment: Segment, n: number, issues: X12Issue[]): number | null {
  const text = element(segment, n);
  if (text === '') return null;
  const value = parseQuantity(text);
  if (value === null) {
    issues.push(issueAt(segment, 'bad-quantity', `${ref(segment, n)} is not a number.`));
  }
  return value;
}

export function optionalDate(segment: Segment, n: number, issues: X12Issue[]): IsoDate | null {
  const text = element(segment, n);
  if (text === '') return null;
  const value = parseDate8(text);
  if (value === null) {
    issues.push(
      issueAt(segment, 'bad-date', `${ref(segment, n)} is not a calendar date (CCYYMMDD).`),
    );
  }
  return value;
}

export function requiredDate(segment: Segment, n: number, issues: X12Issue[]): IsoDate | null {
  if (element(segment, n) === '') {
    issues.push(issueAt(segment, 'missing-element', `Required date ${ref(segment, n)} is empty.`));
    return null;
  }
  return optionalDate(segment, n, issues);
}

export function components(value: string, separator: string): string[] {
  return value === '' ? [] : value.split(separator);
}

/**
 * A composite medical procedure (SVC01, SVC06): qualifier, code, up to four modifiers,
 * description. Some senders build composites with a different component separator
 * from the one declared in ISA16 (often `>`, the one the guides print). The qualifier
 * is always two characters, so the separator actually used can be seen after it; such
 * a composite is read with a warning instead of losing the claim.
 */
export function procedureCode(
  segment: Segment,
  n: number,
  separator: string,
  issues: X12Issue[],
  warnings: X12Issue[],
): ProcedureCode | null {
  const text = element(segment, n);
  let parts = components(text, separator);
  if (parts.length === 0) {
    issues.push(
      issueAt(segment, 'missing-element', `Required procedure ${ref(segment, n)} is empty.`),
    );
    return null;
  }
  const foreign = /^[A-Z0-9]{2}([^A-Za-z0-9\s])./.exec(text)?.[1];
  if (parts.length === 1 && foreign !== undefined) {
    parts = text.split(foreign);
    warnings.push(
      issueAt(
        segment,
        'component-separator-mismatch',
        `${ref(segment, n)} separates its parts with a character other than the one declared in ISA16.`,
      ),
    );
  }
  const [qualifier = '', code = '', ...rest] = parts;
  if (code === '') {
    issues.push(
      issueAt(
        segment,
        'missing-element',
        `Procedure ${ref(segment, n)} has a qualifier but no procedure code.`,
      ),
    );
  }
  return {
    qualifier,
    code,
    modifiers: rest.slice(0, 4).filter((m) => m !== ''),
    description: rest[4] || null,
  };
}

export function person(segment: Segment): Person {
  return {
    entityCode: element(segment, 1),
    entityType: element(segment, 2),
    lastOrOrganizationName: optional(segment, 3),
    firstName: optional(segment, 4),
    middleName: optional(segment, 5),
    suffix: optional(segment, 7),
    idQualifier: optional(segment, 8),
    id: optional(segment, 9),
  };
}

export function contact(segment: Segment): Contact {
  const communications: Contact['communications'] = [];
  for (let n = 3; n <= 7; n += 2) {
    const qualifier = optional(segment, n);
    const number = optional(segment, n + 1);
    if (qualifier && number) communications.push({ qualifier, number });
  }
  return { functionCode: element(segment, 1), name: optional(segment, 2), communications };
}

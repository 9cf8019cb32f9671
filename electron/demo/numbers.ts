import { toEpochDay, type IsoDate } from '../../shared/dates/iso-date';
import { EMPLOYERS, type PayerCode } from './catalog';
import type { Rng } from './random';

/** Identifiers in the shapes each payer really uses, so screens and letters look right. */

// MBIs leave out letters that read like digits (S, L, O, I, B, Z)
const MBI_LETTERS = 'ACDEFGHJKMNPQRTUVWXY';
const MBI_ALNUM = `0123456789${MBI_LETTERS}`;

function from(rng: Rng, alphabet: string): string {
  return alphabet[rng.int(0, alphabet.length - 1)] as string;
}

/** Medicare Beneficiary Identifier, e.g. 1EG4TE5MK73. */
export function medicareMbi(rng: Rng): string {
  const d = () => from(rng, '0123456789');
  return (
    from(rng, '123456789') +
    from(rng, MBI_LETTERS) +
    from(rng, MBI_ALNUM) +
    d() +
    from(rng, MBI_LETTERS) +
    from(rng, MBI_ALNUM) +
    d() +
    from(rng, MBI_LETTERS) +
    from(rng, MBI_LETTERS) +
    d() +
    d()
  );
}

export function memberId(rng: Rng, payer: PayerCode, year: number): string {
  switch (payer) {
    case 'MCR':
      return medicareMbi(rng);
    case 'MCD':
      return rng.digits(9);
    case 'BCBS':
      return `${rng.pick(['XOF', 'XOD', 'ZGP', 'HIP', 'XOJ'])}${rng.digits(9)}`;
    case 'MMH':
      return `W${rng.digits(9)}`;
    case 'UCHP':
      return rng.digits(9);
    case 'CYG':
      return `U${rng.digits(8)}01`;
    case 'LHP':
      return `LH${rng.digits(8)}`;
    case 'MEC':
      return `WC${String(year % 100).padStart(2, '0')}-${rng.digits(6)}`;
  }
}

export function groupNumber(rng: Rng, payer: PayerCode): string | null {
  switch (payer) {
    case 'MCR':
    case 'MCD':
      return null;
    case 'BCBS':
      return `B${rng.digits(5)}`;
    case 'MMH':
      return `0${rng.digits(6)}`;
    case 'UCHP':
      return rng.digits(6);
    case 'CYG':
      return `3${rng.digits(6)}`;
    case 'LHP':
      return `HMO${rng.digits(4)}`;
    case 'MEC':
      return rng.pick(EMPLOYERS);
  }
}

/** The payer's own number for an adjudicated claim (Medicare's ICN carries the Julian date). */
export function payerClaimNumber(rng: Rng, payer: PayerCode, date: IsoDate): string {
  const yy = date.slice(2, 4);
  const yearStart = `${date.slice(0, 4)}-01-01` as IsoDate;
  const julian = String(toEpochDay(date) - toEpochDay(yearStart) + 1).padStart(3, '0');
  switch (payer) {
    case 'MCR':
      return `21${yy}${julian}${rng.digits(6)}`;
    case 'MCD':
      return `${yy}${julian}${rng.digits(9)}`;
    case 'BCBS':
      return `${yy}${julian}E${rng.digits(8)}`;
    case 'MMH':
      return `EP${rng.digits(10)}`;
    case 'UCHP':
      return `${rng.digits(2)}${yy}${rng.digits(8)}`;
    case 'CYG':
      return `8${yy}${rng.digits(10)}`;
    case 'LHP':
      return `LHP${yy}${rng.digits(7)}`;
    case 'MEC':
      return `MEC-${rng.digits(7)}`;
  }
}

export function eftTrace(rng: Rng): string {
  return rng.chance(0.85) ? `EFT ${rng.int(1, 9)}${rng.digits(9)}` : `CHK ${rng.digits(8)}`;
}

export function patientPaymentReference(rng: Rng): string {
  return rng.weighted([
    [`Visa x${rng.digits(4)}`, 30],
    [`Mastercard x${rng.digits(4)}`, 18],
    [`Check #${rng.int(1001, 9899)}`, 22],
    [`Online portal ${rng.digits(8)}`, 20],
    ['Cash, receipt at cashier', 5],
    [`Discover x${rng.digits(4)}`, 5],
  ]);
}

/** A payer call reference as the payer's phone rep reads it out. */
export function callReference(rng: Rng): string {
  return `${rng.pick(['R', 'C', 'I'])}${rng.digits(9)}`;
}

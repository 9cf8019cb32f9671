import type { InputOf } from '../../../shared/api/contract';
import type { PayerAddress, PayerView } from '../../../shared/api/payers';

/** One address as the form's fields hold it: text, as typed. */
export type AddressForm = Record<keyof PayerAddress, string>;

/** The payer as the form holds it: text, as typed; days are checked before sending. */
export interface PayerForm {
  name: string;
  appealWindowDays: string;
  secondAppealWindowDays: string;
  externalReviewWindowDays: string;
  timelyFilingDays: string;
  phone: string;
  fax: string;
  appealsFax: string;
  claimsAddress: AddressForm;
  appealsAddress: AddressForm;
}

export type DaysKey =
  'appealWindowDays' | 'secondAppealWindowDays' | 'externalReviewWindowDays' | 'timelyFilingDays';

const EMPTY_ADDRESS: AddressForm = { line1: '', line2: '', city: '', state: '', zip: '' };

function addressForm(a: PayerAddress | null): AddressForm {
  return a ? { ...a, line2: a.line2 ?? '' } : EMPTY_ADDRESS;
}

const daysText = (d: number | null) => (d === null ? '' : String(d));

export function payerForm(p: PayerView): PayerForm {
  return {
    name: p.name,
    appealWindowDays: daysText(p.appealWindowDays),
    secondAppealWindowDays: daysText(p.secondAppealWindowDays),
    externalReviewWindowDays: daysText(p.externalReviewWindowDays),
    timelyFilingDays: daysText(p.timelyFilingDays),
    phone: p.phone ?? '',
    fax: p.fax ?? '',
    appealsFax: p.appealsFax ?? '',
    claimsAddress: addressForm(p.claimsAddress),
    appealsAddress: addressForm(p.appealsAddress),
  };
}

/** An address left wholly blank is "none on file"; a partly filled one goes to be checked. */
function addressInput(a: AddressForm): InputOf<'updatePayer'>['claimsAddress'] {
  if (Object.values(a).every((v) => v.trim() === '')) return null;
  return a;
}

/**
 * Days as typed: a whole number goes to the API, which checks its range; anything else is
 * caught here, where the API would only say "must be a number".
 */
function parseDays(text: string): number | null | 'bad' {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return null;
  return /^\d+$/.test(t) ? Number(t) : 'bad';
}

export const DAYS_PROBLEM = 'Type a whole number of days, such as 180.';

export type PayerFormResult =
  | { ok: true; input: InputOf<'updatePayer'> }
  | { ok: false; errors: Partial<Record<DaysKey, string>> };

/** The request the form sends, or the day fields that are not whole numbers. */
export function payerInput(payerId: number, f: PayerForm): PayerFormResult {
  const errors: Partial<Record<DaysKey, string>> = {};
  const days = (key: DaysKey, required: boolean): number | null => {
    const v = parseDays(f[key]);
    if (v === 'bad') errors[key] = DAYS_PROBLEM;
    else if (v === null && required)
      errors[key] = 'Required: the number of days this payer allows.';
    return typeof v === 'number' ? v : null;
  };
  const appealWindowDays = days('appealWindowDays', true);
  const secondAppealWindowDays = days('secondAppealWindowDays', false);
  const externalReviewWindowDays = days('externalReviewWindowDays', false);
  const timelyFilingDays = days('timelyFilingDays', true);
  if (appealWindowDays === null || timelyFilingDays === null || Object.keys(errors).length > 0)
    return { ok: false, errors };
  return {
    ok: true,
    input: {
      payerId,
      name: f.name,
      appealWindowDays,
      secondAppealWindowDays,
      externalReviewWindowDays,
      timelyFilingDays,
      phone: f.phone,
      fax: f.fax,
      appealsFax: f.appealsFax,
      claimsAddress: addressInput(f.claimsAddress),
      appealsAddress: addressInput(f.appealsAddress),
    },
  };
}

/** What a save did, as the notification says it. */
export function savedMessage(name: string, deadlinesMoved: number): string {
  if (deadlinesMoved === 0) return `${name} saved.`;
  const what = deadlinesMoved === 1 ? '1 open denial' : `${deadlinesMoved} open denials`;
  return `${name} saved. The appeal deadline of ${what} moved to the new window.`;
}

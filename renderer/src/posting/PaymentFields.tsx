import { Input, SegmentedControl, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useId, useState } from 'react';
import { addDays, isIsoDate, type IsoDate } from '../../../shared/dates/iso-date';

export type PaymentMethod = 'cash' | 'check' | 'card';
const METHODS: { value: PaymentMethod; label: string }[] = [
  { value: 'cash', label: 'Cash' },
  { value: 'check', label: 'Check' },
  { value: 'card', label: 'Card' },
];

export interface PaymentDetails {
  method: PaymentMethod;
  checkNumber: string;
  reference: string;
  /** null while the date field is empty or half typed. */
  receivedDate: IsoDate | null;
}

/** The state of a payment's method, check number or card reference and date received. */
export function usePaymentDetails(method: PaymentMethod, receivedDate: IsoDate | null = null) {
  const [details, setDetails] = useState<PaymentDetails>({
    method,
    checkNumber: '',
    reference: '',
    receivedDate,
  });
  const change = (patch: Partial<PaymentDetails>) => setDetails((d) => ({ ...d, ...patch }));
  /** Clears the number and reference for the next payment; the method and date stay. */
  const clear = () => change({ checkNumber: '', reference: '' });
  return { details, change, clear };
}

/** What the posting methods take: a check number only for a check, a reference only for a card. */
export function methodInput(d: PaymentDetails) {
  return {
    method: d.method,
    checkNumber: d.method === 'check' ? d.checkNumber : null,
    reference: d.method === 'card' ? d.reference : null,
  };
}

/**
 * The method, the check number or card reference it needs, and (when `today` is given)
 * the date received: one set of fields for a payment taken at the account and for a
 * row of a deposit batch. `inline` lays them out side by side with fixed widths.
 */
export function PaymentFields({
  details,
  onChange,
  errors,
  today,
  inline = false,
}: {
  details: PaymentDetails;
  onChange: (patch: Partial<PaymentDetails>) => void;
  errors: Record<string, string | undefined>;
  /** Shows the date received, no later than this day and at most 90 days before. */
  today?: IsoDate;
  inline?: boolean;
}) {
  const id = useId();
  return (
    <>
      {/* the wrapper labels its label `${id}-label`, which names the switch */}
      <Input.Wrapper label="Method" required id={id}>
        <SegmentedControl
          display="flex"
          value={details.method}
          onChange={(v) => onChange({ method: v as PaymentMethod })}
          data={METHODS}
          aria-labelledby={`${id}-label`}
        />
      </Input.Wrapper>
      {details.method === 'check' && (
        <TextInput
          label="Check number"
          required
          value={details.checkNumber}
          onChange={(e) => onChange({ checkNumber: e.currentTarget.value })}
          error={errors.checkNumber}
          w={inline ? 150 : undefined}
          autoComplete="off"
        />
      )}
      {details.method === 'card' && (
        <TextInput
          label="Card reference"
          required
          placeholder="Authorisation or transaction"
          value={details.reference}
          onChange={(e) => onChange({ reference: e.currentTarget.value })}
          error={errors.reference}
          w={inline ? 200 : undefined}
          autoComplete="off"
        />
      )}
      {today && (
        <DateInput
          label="Date received"
          required
          valueFormat="MM/DD/YYYY"
          maxDate={today}
          minDate={addDays(today, -90)}
          value={details.receivedDate}
          onChange={(v) => onChange({ receivedDate: v && isIsoDate(v) ? v : null })}
          error={errors.receivedDate}
          w={inline ? 150 : undefined}
        />
      )}
    </>
  );
}

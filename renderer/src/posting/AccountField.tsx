import { Group, Loader, Text, TextInput } from '@mantine/core';
import type { Ref } from 'react';
import { BalanceAmount } from '../components/BalanceAmount';
import type { Lookup } from './account-lookup';

/** The account number box with, beside it, whose account it is and what the patient owes. */
export function AccountField({
  ref,
  ...props
}: {
  value: string;
  onChange: (value: string) => void;
  lookup: Lookup;
  error?: string;
  ref?: Ref<HTMLInputElement>;
}) {
  const { lookup } = props;
  const missing = lookup.state === 'missing' ? 'No account with that number' : undefined;
  return (
    <Group align="flex-start" gap="sm" wrap="nowrap">
      <TextInput
        ref={ref}
        label="Account number"
        required
        placeholder="A00012345"
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        error={props.error ?? missing}
        rightSection={lookup.state === 'searching' ? <Loader size="xs" /> : null}
        w={170}
        autoComplete="off"
        className="tabular"
      />
      <div style={{ paddingTop: 25, minWidth: 220 }} aria-live="polite">
        {lookup.state === 'found' && lookup.view && (
          <>
            <Text size="sm" fw={600} lh={1.2}>
              {lookup.view.patient.fullName}
            </Text>
            <Text size="xs" c="dimmed">
              Patient balance{' '}
              <BalanceAmount value={lookup.view.balance.patient} size="xs" fw={600} />
            </Text>
          </>
        )}
      </div>
    </Group>
  );
}

import { Alert, Button, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { Cents } from '../../../shared/money/cents';
import { formatCents } from '../../../shared/money/format';
import { api } from '../app/api';
import { fieldErrors } from '../app/query';
import { FormError } from '../components/FormError';
import { MoneyInput } from '../components/MoneyInput';
import { amountFrom, amountProblem } from '../components/money-input';

type Region = 'contiguous' | 'alaska' | 'hawaii';
const REGIONS: { value: Region; label: string }[] = [
  { value: 'contiguous', label: '48 states and DC' },
  { value: 'alaska', label: 'Alaska' },
  { value: 'hawaii', label: 'Hawaii' },
];

/**
 * What the household can afford, from the federal poverty guideline: the message, and
 * the suggested monthly amount to put into the plan with one click.
 */
export function RepaymentAdvice({
  accountId,
  onUseMonthly,
}: {
  accountId: number;
  onUseMonthly: (amount: Cents) => void;
}) {
  const [income, setIncome] = useState('');
  const [size, setSize] = useState<number | string>(1);
  const [region, setRegion] = useState<Region>('contiguous');
  const advice = useMutation({
    mutationFn: () =>
      api.getRepaymentAdvice({
        accountId,
        annualIncome: amountFrom(income) ?? 0,
        householdSize: typeof size === 'number' ? size : Number.NaN,
        region,
      }),
  });
  const errors = fieldErrors(advice.error);
  const typo = amountProblem(income);
  const [tried, setTried] = useState(false);
  const missing = tried && income.trim() === '' ? 'Type the household’s annual income.' : undefined;
  const a = advice.data;
  const suggested = a?.suggestedMonthly ?? null;
  return (
    <Stack gap="xs" role="group" aria-label="Repayment advice">
      <Group align="flex-start" gap="sm">
        <MoneyInput
          label="Annual household income"
          value={income}
          onChange={(e) => setIncome(e.currentTarget.value)}
          error={typo ?? missing ?? errors.annualIncome}
          w={190}
        />
        <NumberInput
          label="Household size"
          min={1}
          max={20}
          allowDecimal={false}
          value={size}
          onChange={setSize}
          error={errors.householdSize}
          w={120}
        />
        <Select
          label="Region"
          data={REGIONS}
          value={region}
          onChange={(v) => setRegion((v as Region | null) ?? 'contiguous')}
          allowDeselect={false}
          w={170}
        />
        <Button
          variant="light"
          mt={25}
          onClick={() => {
            setTried(true);
            if (!typo && income.trim() !== '') advice.mutate();
          }}
          loading={advice.isPending}
        >
          Get advice
        </Button>
      </Group>
      <FormError error={advice.error} fields={['annualIncome', 'householdSize', 'region']} />
      {a && (
        <Alert color={a.suggestAssistanceScreening ? 'orange' : 'blue'} role="status">
          <Stack gap={4}>
            <Text size="sm">{a.message}</Text>
            {suggested !== null && (
              <Group gap="xs">
                <Button size="compact-sm" onClick={() => onUseMonthly(suggested)}>
                  Use {formatCents(suggested)} a month
                </Button>
                {a.suggestedMonths !== null && (
                  <Text size="xs" c="dimmed">
                    about {a.suggestedMonths} months
                  </Text>
                )}
              </Group>
            )}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

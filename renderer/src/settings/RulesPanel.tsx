import { Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import type { BillingRules, BillingRulesView } from '../../../shared/api/rules';
import { cents } from '../../../shared/money/cents';
import { formatPlainCents } from '../../../shared/money/format';
import { api } from '../app/api';
import { fieldErrors, invalidateAll, keys, queryClient } from '../app/query';
import { FormError } from '../components/FormError';
import { MoneyInput } from '../components/MoneyInput';
import { amountFrom, amountProblem } from '../components/money-input';
import { QueryState } from '../components/States';
import { Timestamp } from '../components/UsDate';

type RuleKey = keyof BillingRules;
type Form = Record<RuleKey, string>;

/** Each rule as the office reads it, in the order a supervisor thinks about them. */
const RULES: readonly {
  key: RuleKey;
  label: string;
  description: string;
  money?: true;
}[] = [
  {
    key: 'writeOffApprovalLimit',
    label: 'Write-off approval limit',
    description: 'Adjustments above this wait for a supervisor before they post.',
    money: true,
  },
  {
    key: 'planMinimumMonthly',
    label: 'Smallest monthly plan payment',
    description: 'A payment plan asks at least this much a month.',
    money: true,
  },
  {
    key: 'planMaxMonths',
    label: 'Longest payment plan (months)',
    description: 'From 1 to 120 months.',
  },
  {
    key: 'planGraceDays',
    label: 'Plan grace days',
    description: 'Days after an installment is due before the plan counts as late.',
  },
  {
    key: 'promiseGraceDays',
    label: 'Promise grace days',
    description: 'Days after a promised date before the promise counts as broken.',
  },
  {
    key: 'appealFollowUpDays',
    label: 'Days to follow up on an appeal',
    description: 'After an appeal or corrected claim is sent, when to check on it.',
  },
  {
    key: 'assistanceThresholdPercent',
    label: 'Financial assistance threshold (%)',
    description: 'Below this percent of the poverty guideline, suggest assistance screening.',
  },
  {
    key: 'incomeSharePercent',
    label: 'Share of income for a plan (%)',
    description: 'The part of monthly household income a plan may take.',
  },
];

function formOf(rules: BillingRules): Form {
  const form = {} as Form;
  for (const r of RULES) {
    const value = rules[r.key];
    form[r.key] = r.money ? formatPlainCents(cents(value)) : String(value);
  }
  return form;
}

function moneyProblem(text: string): string | undefined {
  return text.trim() === '' ? 'Type an amount such as 500.00.' : amountProblem(text);
}

function wholeProblem(text: string): string | undefined {
  return /^\s*\d+\s*$/.test(text) ? undefined : 'Type a whole number such as 30.';
}

/** The rules as the API takes them, or the first field that cannot be read. */
function readForm(form: Form): { rules: BillingRules } | { field: RuleKey; problem: string } {
  const rules = {} as Record<RuleKey, number>;
  for (const r of RULES) {
    const text = form[r.key];
    const problem = r.money ? moneyProblem(text) : wholeProblem(text);
    if (problem) return { field: r.key, problem };
    rules[r.key] = r.money ? (amountFrom(text) ?? 0) : Number(text.trim());
  }
  return { rules: rules as BillingRules };
}

function RulesForm({ view }: { view: BillingRulesView }) {
  const [form, setForm] = useState<Form>(() => formOf(view.rules));
  const [unreadable, setUnreadable] = useState<{ field: RuleKey; problem: string } | null>(null);
  const readOnly = !view.canChange;
  const save = useMutation({
    mutationFn: (rules: BillingRules) => api.saveBillingRules(rules),
    onSuccess: async (saved) => {
      queryClient.setQueryData(keys.billingRules, saved);
      setForm(formOf(saved.rules));
      notifications.show({ color: 'green', message: 'Billing rules saved.' });
      // plans, write-offs and statements read the rules: refresh what shows them
      await invalidateAll();
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (readOnly) return;
    const read = readForm(form);
    if ('field' in read) {
      setUnreadable(read);
      return;
    }
    setUnreadable(null);
    save.mutate(read.rules);
  };
  const dirty = JSON.stringify(form) !== JSON.stringify(formOf(view.rules));
  return (
    <form onSubmit={submit} noValidate aria-label="Billing rules">
      <Stack gap="sm">
        {readOnly && (
          <Text size="sm" c="dimmed">
            Only a supervisor can change the billing rules.
          </Text>
        )}
        <SimpleGrid cols={2} spacing="md" verticalSpacing="xs">
          {RULES.map((r) => {
            const props = {
              label: r.label,
              description: r.description,
              value: form[r.key],
              readOnly,
              required: !readOnly,
              onChange: (e: ChangeEvent<HTMLInputElement>) => {
                setForm({ ...form, [r.key]: e.currentTarget.value });
                if (unreadable?.field === r.key) setUnreadable(null);
              },
              error: unreadable?.field === r.key ? unreadable.problem : errors[r.key],
            };
            return r.money ? (
              <MoneyInput key={r.key} {...props} />
            ) : (
              <TextInput key={r.key} {...props} inputMode="numeric" />
            );
          })}
        </SimpleGrid>
        <FormError error={save.error} fields={RULES.map((r) => r.key)} />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {view.lastChange ? (
              <>
                Last changed <Timestamp value={view.lastChange.at} /> by {view.lastChange.byName}.
              </>
            ) : (
              'Every rule is at ClaimDesk’s starting value.'
            )}
          </Text>
          {!readOnly && (
            <Button type="submit" loading={save.isPending} disabled={!dirty}>
              Save billing rules
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** The office's billing rules: everyone reads them, a supervisor changes them. */
export function RulesPanel() {
  const rules = useQuery({ queryKey: keys.billingRules, queryFn: () => api.getBillingRules({}) });
  if (rules.isPending || rules.isError)
    return <QueryState query={rules} what="the billing rules" />;
  return (
    <Stack gap="sm" maw={820}>
      <Text size="sm" c="dimmed">
        Limits and waiting times that posting, payment plans, promises and appeals follow. A change
        applies from now on; what was posted stays as it was.
      </Text>
      <RulesForm view={rules.data} />
    </Stack>
  );
}

import { Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { MONEY_RULES, type BillingRules, type BillingRulesView } from '../../../shared/api/rules';
import { api } from '../app/api';
import { fieldErrors, invalidateAll, keys, queryClient } from '../app/query';
import { FormError } from '../components/FormError';
import { MoneyInput } from '../components/MoneyInput';
import { QueryState } from '../components/States';
import { Timestamp } from '../components/UsDate';
import { formOf, readForm, RULES, type RuleForm, type RuleKey } from './rules-form';

function RulesForm({ view }: { view: BillingRulesView }) {
  const [form, setForm] = useState<RuleForm>(() => formOf(view.rules));
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
            return MONEY_RULES.has(r.key) ? (
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

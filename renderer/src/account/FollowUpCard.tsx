import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useImperativeHandle, useRef, useState, type FormEvent, type Ref } from 'react';
import type { AccountView, FollowUpView } from '../../../shared/api/accounts';
import { ACCOUNT_STATUS, FOLLOW_UP_KIND } from '../../../shared/codes/enums';
import { addDays, daysBetween, isIsoDate, type IsoDate } from '../../../shared/dates/iso-date';
import { api } from '../app/api';
import { fieldErrors, invalidateAll, keys, messageOf } from '../app/query';
import { FormError } from '../components/FormError';
import { PriorityBadge } from '../components/PriorityBadge';
import { Section } from '../components/Section';
import { UsDate } from '../components/UsDate';
import { Deadline } from '../worklist/columns';

export interface FollowUpCardHandle {
  start(): void;
}

function OpenFollowUp({ f, today }: { f: FollowUpView; today: IsoDate }) {
  const complete = useMutation({
    mutationFn: () => api.completeFollowUp({ followUpId: f.id }),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: 'Follow-up completed; the account is off today’s queue.',
      });
      await invalidateAll();
    },
  });
  const overdue = f.dueDate < today;
  return (
    <Stack gap={4} p="xs" bg="gray.0" style={{ borderRadius: 4 }}>
      <Group justify="space-between" wrap="nowrap">
        <Group gap={6}>
          <Text size="sm" fw={600}>
            {FOLLOW_UP_KIND.labels[f.kind]}
            {f.claimNumber ? ` · claim ${f.claimNumber}` : ''}
          </Text>
          <PriorityBadge size="xs" priority={f.priority} />
        </Group>
        {/* a bordered button with a verb, not a tinted label beside the priority badge,
            so it reads as something to do rather than the follow-up's state */}
        <Button
          size="compact-sm"
          variant="default"
          onClick={() => complete.mutate()}
          loading={complete.isPending}
        >
          Mark complete
        </Button>
      </Group>
      <Text size="sm">
        Due <UsDate value={f.dueDate} />
        {overdue && (
          <Text span c="red" fw={600}>
            {' '}
            (overdue)
          </Text>
        )}{' '}
        · {f.ownerName ?? 'Unassigned'}
      </Text>
      {f.deadlineDate && (
        <Group gap={4}>
          <Text size="sm">
            {f.kind === 'probate' ? 'Probate claim deadline' : 'Appeal deadline'}
          </Text>
          <Deadline date={f.deadlineDate} daysLeft={daysBetween(today, f.deadlineDate)} />
        </Group>
      )}
      {f.reason && (
        <Text size="sm" c="dimmed">
          {f.reason}
        </Text>
      )}
      {complete.isError && (
        <Text size="sm" c="red" role="alert">
          {messageOf(complete.error)}
        </Text>
      )}
    </Stack>
  );
}

export function FollowUpCard({ view, ref }: { view: AccountView; ref?: Ref<FollowUpCardHandle> }) {
  const today = view.today;
  const open = view.followUps.filter((f) => f.status === 'open');
  const accountFollowUp = open.find((f) => f.kind === 'account' && f.claimId === null);
  const owners = useQuery({ queryKey: keys.queueOptions, queryFn: () => api.getQueueOptions({}) });
  const [editing, setEditing] = useState(false);
  const [dueDate, setDueDate] = useState<string | null>(null);
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const dateRef = useRef<HTMLInputElement>(null);

  const start = () => {
    setEditing(true);
    setDueDate(accountFollowUp?.dueDate ?? addDays(today, 7));
    setOwnerId(accountFollowUp?.ownerId ? String(accountFollowUp.ownerId) : null);
    setReason('');
    setTimeout(() => dateRef.current?.focus(), 0);
  };
  useImperativeHandle(ref, () => ({ start }));

  const save = useMutation({
    mutationFn: () =>
      api.setFollowUp({
        accountId: view.account.id,
        dueDate: dueDate ?? '',
        ownerId: ownerId ? Number(ownerId) : null,
        reason,
      }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: 'Follow-up saved.' });
      setEditing(false);
      await invalidateAll();
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const quick = (label: string, days: number) => (
    <Button size="compact-xs" variant="default" onClick={() => setDueDate(addDays(today, days))}>
      {label}
    </Button>
  );

  return (
    <Section
      title="Follow-up"
      id="followup-title"
      actions={
        !editing && (
          <Button size="compact-sm" variant="light" onClick={start}>
            {accountFollowUp ? 'Change follow-up' : 'Set follow-up'}
          </Button>
        )
      }
    >
      <Stack gap="xs">
        {open.length === 0 && !editing && (
          <Text size="sm" c="dimmed">
            {view.account.status === 'open'
              ? 'No follow-up is set. Set one so the account comes back to the queue.'
              : `No follow-up is set; the account is ${ACCOUNT_STATUS.labels[view.account.status].toLowerCase()}.`}
          </Text>
        )}
        {open.map((f) => (
          <OpenFollowUp key={f.id} f={f} today={today} />
        ))}
        {editing && (
          <form onSubmit={submit} noValidate aria-label="Set follow-up">
            <Stack gap="xs">
              <Group gap={4}>
                {quick('Tomorrow', 1)}
                {quick('Next week', 7)}
                {quick('2 weeks', 14)}
                {quick('30 days', 30)}
              </Group>
              <DateInput
                ref={dateRef}
                label="Next follow-up"
                required
                valueFormat="MM/DD/YYYY"
                minDate={today}
                value={dueDate}
                onChange={(v) => setDueDate(v && isIsoDate(v) ? v : null)}
                error={errors.dueDate}
              />
              <Select
                label="Owner"
                placeholder="Me"
                clearable
                data={(owners.data?.owners ?? []).map((o) => ({
                  value: String(o.id),
                  label: o.displayName,
                }))}
                value={ownerId}
                onChange={setOwnerId}
                error={errors.ownerId}
              />
              <TextInput
                label="Reason"
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={errors.reason}
              />
              <FormError error={save.error} />
              <Group justify="flex-end" gap="xs">
                <Button variant="default" onClick={() => setEditing(false)}>
                  Cancel
                </Button>
                <Button type="submit" loading={save.isPending}>
                  Save follow-up
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Section>
  );
}

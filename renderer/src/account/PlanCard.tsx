import { Badge, Button, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { InstallmentView, PlanView } from '../../../shared/api/plans';
import { PLAN_STATUS } from '../../../shared/codes/enums';
import { formatCents } from '../../../shared/money/format';
import { api } from '../app/api';
import { invalidateAll } from '../app/query';
import { Money } from '../components/Money';
import { ReasonModal } from '../components/ReasonModal';
import { Section } from '../components/Section';
import { UsDate } from '../components/UsDate';

const INSTALLMENT: Record<InstallmentView['status'], { label: string; color: string }> = {
  paid: { label: 'Paid', color: 'green' },
  partial: { label: 'Part paid', color: 'yellow' },
  due: { label: 'Due', color: 'blue' },
  late: { label: 'Late', color: 'red' },
  upcoming: { label: 'Upcoming', color: 'gray' },
};

const PLAN_COLOR: Record<PlanView['status'], string> = {
  active: 'blue',
  paid_off: 'green',
  broken: 'red',
  cancelled: 'gray',
};

function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0} align="flex-start">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {children}
    </Stack>
  );
}

function EndPlan({
  plan,
  status,
  onClose,
}: {
  plan: PlanView;
  status: 'broken' | 'cancelled';
  onClose: () => void;
}) {
  const end = useMutation({
    mutationFn: (reason: string) => api.endPlan({ planId: plan.id, status, reason }),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: status === 'broken' ? 'Plan marked broken.' : 'Plan cancelled.',
      });
      await invalidateAll();
      onClose();
    },
  });
  return (
    <ReasonModal
      title={status === 'broken' ? 'Mark the plan broken' : 'Cancel the plan'}
      summary={
        status === 'broken'
          ? `The patient stopped paying: the plan of ${formatCents(plan.monthlyAmount)} a month ends as broken and the whole remaining ${formatCents(plan.remaining)} is due.`
          : `The plan of ${formatCents(plan.monthlyAmount)} a month ends as cancelled; the balance stays on the account.`
      }
      confirmLabel={status === 'broken' ? 'Mark broken' : 'Cancel plan'}
      pending={end.isPending}
      error={end.error}
      onConfirm={(reason) => end.mutate(reason)}
      onClose={onClose}
    />
  );
}

function Installments({ plan }: { plan: PlanView }) {
  return (
    <Table aria-label="Plan installments" withRowBorders={false} striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>#</Table.Th>
          <Table.Th>Due</Table.Th>
          <Table.Th ta="right">Amount</Table.Th>
          <Table.Th ta="right">Paid</Table.Th>
          <Table.Th>Status</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {plan.installments.map((i) => (
          <Table.Tr key={i.number}>
            <Table.Td className="tabular">{i.number === 0 ? 'Down' : i.number}</Table.Td>
            <Table.Td>
              <UsDate value={i.dueDate} />
            </Table.Td>
            <Table.Td ta="right">
              <Money value={i.amount} size="sm" />
            </Table.Td>
            <Table.Td ta="right">
              <Money value={i.paid} size="sm" />
            </Table.Td>
            <Table.Td>
              <Badge size="xs" variant="light" color={INSTALLMENT[i.status].color}>
                {INSTALLMENT[i.status].label}
              </Badge>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The account's payment plan: where it stands, every installment, and earlier plans. */
export function PlanCard({ plans }: { plans: PlanView[] }) {
  const [ending, setEnding] = useState<'broken' | 'cancelled' | null>(null);
  const active = plans.find((p) => p.status === 'active');
  const past = plans.filter((p) => p.status !== 'active');
  return (
    <Section
      title="Payment plan"
      id="plan-title"
      actions={
        active && (
          <Group gap={4}>
            <Button
              size="compact-sm"
              variant="light"
              color="red"
              onClick={() => setEnding('broken')}
            >
              Mark broken
            </Button>
            <Button size="compact-sm" variant="default" onClick={() => setEnding('cancelled')}>
              Cancel plan
            </Button>
          </Group>
        )
      }
    >
      <Stack gap="xs">
        {active ? (
          <>
            <Group gap="xs">
              <Badge variant="light" color={PLAN_COLOR.active}>
                {PLAN_STATUS.labels.active}
              </Badge>
              {active.delinquent && (
                <Badge variant="filled" color="red">
                  Delinquent
                </Badge>
              )}
              <Text size="sm">
                <Money value={active.monthlyAmount} size="sm" fw={600} /> a month from{' '}
                <UsDate value={active.firstDueDate} />
                {active.downPayment > 0 && (
                  <>
                    , <Money value={active.downPayment} size="sm" /> down
                  </>
                )}
                {active.includeNewCharges ? ' · new charges join the plan' : ''}
              </Text>
            </Group>
            <SimpleGrid cols={4} spacing="xs">
              <Figure label="Paid">
                <Money value={active.paid} fw={600} />
              </Figure>
              <Figure label="Remaining">
                <Money value={active.remaining} fw={600} />
              </Figure>
              <Figure label="Past due">
                <Money
                  value={active.pastDue}
                  fw={600}
                  c={active.pastDue > 0 ? 'red.8' : undefined}
                />
              </Figure>
              <Figure label="Next due">
                {active.nextDue ? (
                  <Text size="sm" fw={600}>
                    <Money value={active.nextDue.amount} size="sm" fw={600} /> on{' '}
                    <UsDate value={active.nextDue.dueDate} />
                  </Text>
                ) : (
                  <Text size="sm">—</Text>
                )}
              </Figure>
            </SimpleGrid>
            <Installments plan={active} />
          </>
        ) : (
          <Text size="sm" c="dimmed">
            No active payment plan.
          </Text>
        )}
        {past.length > 0 && (
          <Stack gap={2} aria-label="Earlier plans">
            <Text size="xs" c="dimmed" fw={700} tt="uppercase">
              Earlier plans
            </Text>
            {past.map((p) => (
              <Text size="sm" key={p.id}>
                <Badge size="xs" variant="light" color={PLAN_COLOR[p.status]} mr={6}>
                  {PLAN_STATUS.labels[p.status]}
                </Badge>
                <Money value={p.monthlyAmount} size="sm" /> a month from{' '}
                <UsDate value={p.firstDueDate} />, paid <Money value={p.paid} size="sm" /> of{' '}
                <Money value={p.total} size="sm" />
                {p.endReason ? ` — ${p.endReason}` : ''}
              </Text>
            ))}
          </Stack>
        )}
      </Stack>
      {active && ending && (
        <EndPlan plan={active} status={ending} onClose={() => setEnding(null)} />
      )}
    </Section>
  );
}

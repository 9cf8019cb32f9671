import { Badge, Group, Text } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import type { QueueRow, QueueSortKey } from '../../../shared/api/queue';
import { AGING_BUCKETS } from '../../../shared/aging/buckets';
import { describeReason } from '../../../shared/codes/adjustment-codes';
import { CLAIM_STATUS, FOLLOW_UP_KIND } from '../../../shared/codes/enums';
import { formatCents } from '../../../shared/money/format';
import { BalanceAmount } from '../components/BalanceAmount';
import { PriorityBadge } from '../components/PriorityBadge';
import { UsDate } from '../components/UsDate';
import { RestrictionBadges } from '../contact/RestrictionBadges';

const col = createColumnHelper<QueueRow>();

/** A claim status short enough for the queue's claim cell; the full words are its title. */
function claimStatusShort(status: NonNullable<QueueRow['claimStatus']>): string {
  return status === 'rejected' ? 'Rejected' : CLAIM_STATUS.labels[status];
}

const agingLabel = (key: QueueRow['agingBucket']) =>
  AGING_BUCKETS.find((b) => b.key === key)?.label ?? key;

/** Column definitions; `sortKey` names the server-side sort a header click asks for. */
export const queueColumns = [
  col.accessor('priority', {
    header: 'Priority',
    // a whole MEDIUM badge
    size: 84,
    meta: { sortKey: 'priority' },
    cell: (c) => <PriorityBadge size="sm" priority={c.getValue()} />,
  }),
  col.accessor('dueDate', {
    header: 'Due',
    size: 86,
    meta: { sortKey: 'dueDate' },
    cell: (c) => <UsDate value={c.getValue()} />,
  }),
  col.accessor('kind', {
    header: 'Kind',
    // as wide as the longest kind ("Account follow-up"): a kind is never cut
    size: 140,
    cell: (c) => (
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        {FOLLOW_UP_KIND.labels[c.getValue()]}
      </Text>
    ),
  }),
  col.accessor('accountNumber', {
    header: 'Account',
    size: 92,
    meta: { sortKey: 'accountNumber' },
  }),
  col.accessor('patientName', {
    header: 'Patient',
    size: 130,
    meta: { sortKey: 'patientName' },
    cell: ({ row: { original: r } }) => (
      <Group gap={4} wrap="nowrap">
        <Text size="sm" truncate="end" fw={500}>
          {r.patientName}
        </Text>
        <RestrictionBadges kinds={r.contactRestrictions} />
      </Group>
    ),
  }),
  col.accessor('payerName', {
    header: 'Payer',
    size: 130,
    cell: (c) => (
      <Text size="sm" truncate="end" title={c.getValue() ?? undefined}>
        {c.getValue() ?? 'Self-pay'}
      </Text>
    ),
  }),
  col.display({
    id: 'claim',
    header: 'Claim',
    // the number, its status and two codes whole, in sentence case: nothing is cut
    size: 276,
    cell: ({ row: { original: r } }) =>
      r.claimNumber ? (
        <Group gap={4} wrap="nowrap">
          <Text size="sm" className="tabular">
            {r.claimNumber}
          </Text>
          {r.claimStatus && (
            <Badge
              size="xs"
              variant="outline"
              tt="none"
              color={r.claimStatus === 'denied' ? 'red' : 'gray'}
              title={CLAIM_STATUS.labels[r.claimStatus]}
              style={{ flexShrink: 0 }}
            >
              {claimStatusShort(r.claimStatus)}
            </Badge>
          )}
          {r.denialCodes.slice(0, 2).map((code) => (
            <Badge
              key={code}
              size="xs"
              variant="light"
              color="red"
              tt="none"
              title={`${code}: ${describeReason(code.split('-')[1] ?? code)}`}
              style={{ flexShrink: 0 }}
            >
              {code}
            </Badge>
          ))}
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          Account
        </Text>
      ),
  }),
  col.accessor('balance', {
    header: 'Balance',
    size: 100,
    meta: { sortKey: 'balance', align: 'right' },
    cell: ({ row: { original: r } }) => (
      // a native title: a floating tooltip per cell is too heavy for a virtualised grid
      <BalanceAmount
        value={r.balance}
        size="sm"
        title={`Insurance ${formatCents(r.insuranceBalance)} · Patient ${formatCents(r.patientBalance)}${r.balance < 0 ? ' · credit balance' : ''}`}
      />
    ),
  }),
  col.accessor('ageDays', {
    header: 'Age',
    size: 56,
    meta: { sortKey: 'age', align: 'right' },
    cell: ({ row: { original: r } }) => (
      <Text
        size="sm"
        className="tabular"
        ta="right"
        title={`Aging bucket ${agingLabel(r.agingBucket)} days`}
      >
        {r.ageDays} d
      </Text>
    ),
  }),
  col.accessor('deadlineDate', {
    header: 'Deadline',
    // a passed deadline shows its date beside the word
    size: 136,
    meta: { sortKey: 'deadline' },
    cell: ({ row: { original: r } }) => (
      <Deadline date={r.deadlineDate} daysLeft={r.daysToDeadline} />
    ),
  }),
  col.accessor('ownerName', {
    header: 'Owner',
    size: 116,
    cell: (c) => (
      <Text size="sm" truncate="end" c={c.getValue() ? undefined : 'dimmed'}>
        {c.getValue() ?? 'Unassigned'}
      </Text>
    ),
  }),
];

/** Deadlines within 15 days stand out; passed ones say so. */
export function Deadline({
  date,
  daysLeft,
}: {
  date: QueueRow['deadlineDate'];
  daysLeft: number | null;
}) {
  if (!date || daysLeft === null)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  if (daysLeft < 0)
    return (
      <Group gap={4} wrap="nowrap" title={`The appeal window closed ${-daysLeft} days ago`}>
        <UsDate value={date} />
        <Badge size="sm" color="gray" variant="filled" tt="none" style={{ flexShrink: 0 }}>
          passed
        </Badge>
      </Group>
    );
  if (daysLeft <= 15)
    return (
      <Badge size="sm" color="red" variant="filled" tt="none">
        {daysLeft === 0 ? 'today' : `${daysLeft} days`}
      </Badge>
    );
  return <UsDate value={date} />;
}

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData, TValue> {
    sortKey?: QueueSortKey;
    align?: 'right';
  }
}

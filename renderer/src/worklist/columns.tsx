import { Badge, Group, Text } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { CONTACT_RESTRICTION, type ContactRestrictionKind } from '../../../shared/api/contact';
import type { Priority, QueueRow, QueueSortKey } from '../../../shared/api/queue';
import { AGING_BUCKETS } from '../../../shared/aging/buckets';
import { describeReason } from '../../../shared/codes/adjustment-codes';
import { CLAIM_STATUS, FOLLOW_UP_KIND } from '../../../shared/codes/enums';
import { cents } from '../../../shared/money/cents';
import { formatCents } from '../../../shared/money/format';
import { UsDate } from '../components/UsDate';

/*
 * The queue's cells are plain elements styled by queue.css, not Mantine components: a jump
 * or a drag of the scrollbar draws a screenful of new rows in one frame, and a Mantine Text
 * or Badge costs many times its element (style props resolved, theme read, classes
 * merged). The pills keep Mantine's badge colours through its colour variables, so they
 * read as the theme's AA palette does.
 */

const col = createColumnHelper<QueueRow>();

/** A claim status short enough for the queue's claim cell; the full words are its title. */
function claimStatusShort(status: NonNullable<QueueRow['claimStatus']>): string {
  return status === 'rejected' ? 'Rejected' : CLAIM_STATUS.labels[status];
}

const agingLabel = (key: QueueRow['agingBucket']) =>
  AGING_BUCKETS.find((b) => b.key === key)?.label ?? key;

type Tone = 'red' | 'yellow' | 'gray';
const PRIORITY_TONE: Record<Priority, Tone> = { high: 'red', medium: 'yellow', low: 'gray' };

/** The contact restrictions in force, short enough for a queue row. */
const RESTRICTION_SHORT: Record<ContactRestrictionKind, string> = {
  cease_contact: 'No contact',
  written_dispute: 'Disputed',
  attorney: 'Attorney',
  bankruptcy: 'Bankruptcy',
};

/** A badge as Mantine draws it, in one element: `tone` a theme colour. */
function Pill({
  tone,
  variant,
  title,
  upper = false,
  children,
}: {
  tone: Tone;
  variant: 'light' | 'filled' | 'outline';
  title?: string;
  upper?: boolean;
  children: string;
}) {
  return (
    <span
      className="queue-pill"
      data-tone={tone}
      data-variant={variant}
      data-upper={upper || undefined}
      title={title}
    >
      {children}
    </span>
  );
}

const dimmed = (text: string) => <span className="queue-dimmed">{text}</span>;

/** Column definitions; `sortKey` names the server-side sort a header click asks for. */
export const queueColumns = [
  col.accessor('priority', {
    header: 'Priority',
    // a whole MEDIUM pill
    size: 84,
    meta: { sortKey: 'priority' },
    cell: (c) => (
      <Pill tone={PRIORITY_TONE[c.getValue()]} variant="light" upper>
        {c.getValue()}
      </Pill>
    ),
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
    cell: (c) => FOLLOW_UP_KIND.labels[c.getValue()],
  }),
  col.accessor('accountNumber', {
    header: 'Account',
    size: 92,
    meta: { sortKey: 'accountNumber', clip: true },
  }),
  col.accessor('patientName', {
    header: 'Patient',
    size: 130,
    meta: { sortKey: 'patientName', clip: true, grow: true },
    cell: ({ row: { original: r } }) =>
      r.contactRestrictions.length === 0 ? (
        <span className="queue-patient">{r.patientName}</span>
      ) : (
        // the name gives way, the restrictions stay whole
        <span className="queue-line">
          <span className="queue-fit queue-patient">{r.patientName}</span>
          {r.contactRestrictions.map((k) => (
            <Pill key={k} tone="red" variant="filled" title={CONTACT_RESTRICTION.labels[k]} upper>
              {RESTRICTION_SHORT[k]}
            </Pill>
          ))}
        </span>
      ),
  }),
  col.accessor('payerName', {
    header: 'Payer',
    size: 130,
    meta: { clip: true, grow: true },
    cell: (c) => {
      const payer = c.getValue();
      return payer === null ? 'Self-pay' : <span title={payer}>{payer}</span>;
    },
  }),
  col.display({
    id: 'claim',
    header: 'Claim',
    // the number, its status and two codes whole, in sentence case: nothing is cut
    size: 276,
    meta: { clip: true },
    cell: ({ row: { original: r } }) =>
      r.claimNumber ? (
        <>
          <span className="tabular">{r.claimNumber}</span>
          {r.claimStatus && (
            <Pill
              tone={r.claimStatus === 'denied' ? 'red' : 'gray'}
              variant="outline"
              title={CLAIM_STATUS.labels[r.claimStatus]}
            >
              {claimStatusShort(r.claimStatus)}
            </Pill>
          )}
          {r.denialCodes.slice(0, 2).map((code) => (
            <Pill
              key={code}
              tone="red"
              variant="light"
              title={`${code}: ${describeReason(code.split('-')[1] ?? code)}`}
            >
              {code}
            </Pill>
          ))}
        </>
      ) : (
        dimmed('Account')
      ),
  }),
  col.accessor('balance', {
    header: 'Balance',
    size: 100,
    // a seven-figure balance is cut with an ellipsis rather than run into the age
    meta: { sortKey: 'balance', align: 'right', clip: true },
    cell: ({ row: { original: r } }) => {
      // a native title: a floating tooltip per cell is too heavy for a virtualised grid
      const split = `Insurance ${formatCents(r.insuranceBalance)} · Patient ${formatCents(r.patientBalance)}`;
      // a credit (money the hospital owes back) as BalanceAmount shows it: green, "CR"
      return r.balance < 0 ? (
        <span className="tabular queue-credit" title={`${split} · credit balance`}>
          {formatCents(cents(-r.balance))} CR
        </span>
      ) : (
        <span className="tabular" title={split}>
          {formatCents(r.balance)}
        </span>
      );
    },
  }),
  col.accessor('ageDays', {
    header: 'Age',
    size: 56,
    meta: { sortKey: 'age', align: 'right' },
    cell: ({ row: { original: r } }) => (
      <span className="tabular" title={`Aging bucket ${agingLabel(r.agingBucket)} days`}>
        {r.ageDays} d
      </span>
    ),
  }),
  col.accessor('deadlineDate', {
    header: 'Deadline',
    // a passed deadline's date and its "passed" pill side by side, clear of the owner
    size: 150,
    meta: { sortKey: 'deadline' },
    cell: ({ row: { original: r } }) => {
      const { deadlineDate: date, daysToDeadline: daysLeft } = r;
      if (!date || daysLeft === null) return dimmed('—');
      if (daysLeft < 0)
        return (
          <span title={`The appeal window closed ${-daysLeft} days ago`}>
            <UsDate value={date} />
            <Pill tone="gray" variant="filled">
              passed
            </Pill>
          </span>
        );
      if (daysLeft <= 15)
        return (
          <Pill tone="red" variant="filled">
            {daysLeft === 0 ? 'today' : `${daysLeft} days`}
          </Pill>
        );
      return <UsDate value={date} />;
    },
  }),
  col.accessor('ownerName', {
    header: 'Owner',
    size: 116,
    meta: { clip: true },
    cell: (c) => c.getValue() ?? dimmed('Unassigned'),
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
    /** what varies in length is cut with an ellipsis; the rest fits its width */
    clip?: boolean;
    /** takes a share of the room the window has beyond the columns' widths */
    grow?: boolean;
  }
}

import { Badge, Group, Text } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { CONTACT_RESTRICTION, type ContactRestrictionKind } from '../../../shared/api/contact';
import type { Priority, QueueRow, QueueSortKey } from '../../../shared/api/queue';
import { AGING_BUCKETS } from '../../../shared/aging/buckets';
import { describeReason } from '../../../shared/codes/adjustment-codes';
import { CLAIM_STATUS, FOLLOW_UP_KIND } from '../../../shared/codes/enums';
import { formatUsDate, type IsoDate } from '../../../shared/dates/iso-date';
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
function pill(
  tone: Tone,
  variant: 'light' | 'filled' | 'outline',
  text: string,
  options: { title?: string; upper?: boolean; key?: string; small?: boolean } = {},
) {
  return (
    <span
      key={options.key}
      className="queue-pill"
      data-tone={tone}
      data-variant={variant}
      data-upper={options.upper}
      data-small={options.small}
      title={options.title}
    >
      {text}
    </span>
  );
}

/** MM/DD/YYYY on screen, the ISO date underneath (as UsDate, without a component of its own). */
const usDate = (date: IsoDate) => (
  <time className="tabular" dateTime={date}>
    {formatUsDate(date)}
  </time>
);

/**
 * What a row shows in one column: the cell's content, with its title and look on the cell
 * itself rather than on an element of its own inside it.
 */
export interface GridCell {
  content: ReactNode;
  title?: string;
  look?: 'dimmed' | 'strong' | 'tabular' | 'credit';
}

/**
 * Column definitions: `sortKey` names the server-side sort a header click asks for;
 * `gridCell` is what a row shows in the column, made by plain functions (no component per
 * cell), so a screenful of rows costs its elements and little else.
 */
export const queueColumns = [
  col.accessor('priority', {
    header: 'Priority',
    // a whole MEDIUM pill
    size: 84,
    meta: {
      sortKey: 'priority',
      gridCell: (r) => ({
        content: pill(PRIORITY_TONE[r.priority], 'light', r.priority, { upper: true }),
      }),
    },
  }),
  col.accessor('dueDate', {
    header: 'Due',
    size: 86,
    meta: { sortKey: 'dueDate', gridCell: (r) => ({ content: usDate(r.dueDate) }) },
  }),
  col.accessor('kind', {
    header: 'Kind',
    // as wide as the longest kind ("Account follow-up"): a kind is never cut
    size: 140,
    meta: { gridCell: (r) => ({ content: FOLLOW_UP_KIND.labels[r.kind] }) },
  }),
  col.accessor('accountNumber', {
    header: 'Account',
    size: 92,
    meta: { sortKey: 'accountNumber', clip: true, gridCell: (r) => ({ content: r.accountNumber }) },
  }),
  col.accessor('patientName', {
    header: 'Patient',
    size: 130,
    meta: {
      sortKey: 'patientName',
      clip: true,
      grow: true,
      gridCell: (r) =>
        r.contactRestrictions.length === 0
          ? { content: r.patientName, look: 'strong' }
          : {
              // the name gives way, the restrictions stay whole
              content: (
                <span className="queue-line">
                  <span className="queue-fit">{r.patientName}</span>
                  {r.contactRestrictions.map((k) =>
                    pill('red', 'filled', RESTRICTION_SHORT[k], {
                      key: k,
                      title: CONTACT_RESTRICTION.labels[k],
                      upper: true,
                      small: true,
                    }),
                  )}
                </span>
              ),
              look: 'strong',
            },
    },
  }),
  col.accessor('payerName', {
    header: 'Payer',
    size: 130,
    meta: {
      clip: true,
      grow: true,
      gridCell: (r) =>
        r.payerName === null
          ? { content: 'Self-pay' }
          : { content: r.payerName, title: r.payerName },
    },
  }),
  col.display({
    id: 'claim',
    header: 'Claim',
    // the number, its status and two codes whole, in sentence case: nothing is cut
    size: 276,
    meta: {
      clip: true,
      gridCell: (r) =>
        r.claimNumber
          ? {
              content: (
                <>
                  {r.claimNumber}{' '}
                  {r.claimStatus &&
                    pill(
                      r.claimStatus === 'denied' ? 'red' : 'gray',
                      'outline',
                      claimStatusShort(r.claimStatus),
                      { title: CLAIM_STATUS.labels[r.claimStatus], small: true },
                    )}
                  {r.denialCodes.slice(0, 2).map((code) => [
                    ' ',
                    pill('red', 'light', code, {
                      key: code,
                      title: `${code}: ${describeReason(code.split('-')[1] ?? code)}`,
                      small: true,
                    }),
                  ])}
                </>
              ),
              look: 'tabular',
            }
          : { content: 'Account', look: 'dimmed' },
    },
  }),
  col.accessor('balance', {
    header: 'Balance',
    size: 100,
    // a seven-figure balance is cut with an ellipsis rather than run into the age
    meta: {
      sortKey: 'balance',
      align: 'right',
      clip: true,
      gridCell: (r) => {
        // a native title: a floating tooltip per cell is too heavy for a virtualised grid
        const split = `Insurance ${formatCents(r.insuranceBalance)} · Patient ${formatCents(r.patientBalance)}`;
        // a credit (money the hospital owes back) as BalanceAmount shows it: green, "CR"
        return r.balance < 0
          ? {
              content: `${formatCents(cents(-r.balance))} CR`,
              title: `${split} · credit balance`,
              look: 'credit',
            }
          : { content: formatCents(r.balance), title: split, look: 'tabular' };
      },
    },
  }),
  col.accessor('ageDays', {
    header: 'Age',
    size: 56,
    meta: {
      sortKey: 'age',
      align: 'right',
      gridCell: (r) => ({
        content: `${r.ageDays} d`,
        title: `Aging bucket ${agingLabel(r.agingBucket)} days`,
        look: 'tabular',
      }),
    },
  }),
  col.accessor('deadlineDate', {
    header: 'Deadline',
    // a passed deadline's date and its "passed" pill side by side, clear of the owner
    size: 150,
    meta: {
      sortKey: 'deadline',
      gridCell: ({ deadlineDate: date, daysToDeadline: daysLeft }) => {
        if (!date || daysLeft === null) return { content: '—', look: 'dimmed' };
        if (daysLeft < 0)
          return {
            content: (
              <>
                {usDate(date)} {pill('gray', 'filled', 'passed')}
              </>
            ),
            title: `The appeal window closed ${-daysLeft} days ago`,
          };
        if (daysLeft <= 15)
          return { content: pill('red', 'filled', daysLeft === 0 ? 'today' : `${daysLeft} days`) };
        return { content: usDate(date) };
      },
    },
  }),
  col.accessor('ownerName', {
    header: 'Owner',
    size: 116,
    meta: {
      clip: true,
      gridCell: (r) =>
        r.ownerName === null ? { content: 'Unassigned', look: 'dimmed' } : { content: r.ownerName },
    },
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
    /** what a row of the work queue shows in the column */
    gridCell?: (row: TData) => GridCell;
  }
}

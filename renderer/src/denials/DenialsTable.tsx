import { Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { Fragment, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { DenialView } from '../../../shared/api/denials';
import { APPEAL_LEVEL, DENIAL_CATEGORY } from '../../../shared/codes/denials';
import { accountPath, appealPath, navigate } from '../app/router';
import { DenialCodes } from '../components/DenialCodes';
import { DenialStateBadge } from '../components/DenialStateBadge';
import { Money } from '../components/Money';
import { Deadline } from '../worklist/columns';

const SELECTED = 'claimdesk.denials.selected';

/** The selected row survives a trip to an account and back, for the same list only. */
function savedSelection(listPath: string): number {
  try {
    const saved = JSON.parse(sessionStorage.getItem(SELECTED) ?? 'null') as {
      path?: string;
      index?: number;
    } | null;
    return saved?.path === listPath && typeof saved.index === 'number' ? saved.index : 0;
  } catch {
    return 0;
  }
}

function DaysLeft({ days }: { days: number }) {
  return (
    <Text size="sm" className="tabular" ta="right" c={days <= 15 ? 'red.8' : undefined}>
      {days} d
    </Text>
  );
}

type Group = 'soon' | 'later' | 'expired';
const GROUP_LABEL: Record<Group, string> = {
  soon: 'Due within 15 days',
  later: 'Due later',
  expired: 'Deadline passed',
};
const groupOf = (d: DenialView): Group =>
  d.daysLeft < 0 ? 'expired' : d.daysLeft <= 15 ? 'soon' : 'later';

/** One page of denials; ↑/↓ or J/K move, Enter or a click opens the account, D drafts its letter. */
export function DenialsTable({
  rows,
  listPath,
  grouped,
}: {
  rows: DenialView[];
  listPath: string;
  /** Sorted by deadline: a heading opens each group (within 15 days, later, passed). */
  grouped: boolean;
}) {
  const [selected, setSelected] = useState(() =>
    Math.min(savedSelection(listPath), rows.length - 1),
  );
  const tableRef = useRef<HTMLTableElement>(null);
  useEffect(
    () => sessionStorage.setItem(SELECTED, JSON.stringify({ path: listPath, index: selected })),
    [listPath, selected],
  );
  useEffect(() => {
    tableRef.current?.focus();
  }, []);
  useEffect(() => {
    document.getElementById(`denial-row-${selected}`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const open = (i: number) => {
    const row = rows[i];
    if (row) navigate(accountPath(row.accountId));
  };
  const draft = (i: number) => {
    const row = rows[i];
    if (row && row.state !== 'resolved') navigate(appealPath(row.id));
  };
  // a level column that reads "First level" on every row says nothing: it gives its room
  const showLevel = rows.some((d) => d.appealLevel !== 'first');
  const move = (to: number) => setSelected(Math.max(0, Math.min(rows.length - 1, to)));
  const onKeyDown = (e: KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(selected + 1),
      j: () => move(selected + 1),
      ArrowUp: () => move(selected - 1),
      k: () => move(selected - 1),
      Home: () => move(0),
      End: () => move(rows.length - 1),
      Enter: () => open(selected),
      d: () => draft(selected),
    };
    const action = keys[e.key];
    if (action && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      action();
    }
  };

  return (
    <Table.ScrollContainer minWidth={1250} className="grid-frame">
      <Table
        ref={tableRef}
        role="grid"
        tabIndex={0}
        aria-label={`Denials, ${rows.length} on this page`}
        aria-activedescendant={`denial-row-${selected}`}
        onKeyDown={onKeyDown}
        stickyHeader
        verticalSpacing={5}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Deadline</Table.Th>
            <Table.Th ta="right">Days left</Table.Th>
            <Table.Th>Payer</Table.Th>
            <Table.Th>Category</Table.Th>
            <Table.Th>Codes</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
            <Table.Th>State</Table.Th>
            {showLevel && <Table.Th>Appeal level</Table.Th>}
            <Table.Th>Account</Table.Th>
            <Table.Th>Patient</Table.Th>
            <Table.Th>Claim</Table.Th>
            <Table.Th>
              <VisuallyHidden>Letter</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((d, i) => (
            <Fragment key={d.id}>
              {grouped && (i === 0 || groupOf(rows[i - 1] ?? d) !== groupOf(d)) && (
                <Table.Tr>
                  <Table.Td colSpan={showLevel ? 12 : 11} bg="gray.1">
                    <Text size="sm" fw={700}>
                      {GROUP_LABEL[groupOf(d)]}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              <Table.Tr
                id={`denial-row-${i}`}
                aria-selected={i === selected}
                data-selected={i === selected}
                className="queue-row"
                style={{ cursor: 'pointer' }}
                onClick={() => {
                  setSelected(i);
                  open(i);
                }}
              >
                <Table.Td>
                  <Deadline date={d.deadlineDate} daysLeft={d.daysLeft} />
                </Table.Td>
                <Table.Td>
                  <DaysLeft days={d.daysLeft} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" truncate="end" maw={200} title={d.payerName}>
                    {d.payerName}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text
                    size="sm"
                    truncate="end"
                    maw={180}
                    title={DENIAL_CATEGORY.labels[d.category]}
                  >
                    {DENIAL_CATEGORY.labels[d.category]}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <DenialCodes codes={d.codes} />
                </Table.Td>
                <Table.Td ta="right">
                  <Money value={d.amount} size="sm" />
                </Table.Td>
                <Table.Td>
                  <DenialStateBadge state={d.state} />
                </Table.Td>
                {showLevel && (
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {APPEAL_LEVEL.labels[d.appealLevel]}
                  </Table.Td>
                )}
                <Table.Td className="tabular">{d.accountNumber}</Table.Td>
                <Table.Td>
                  <Text size="sm" truncate="end" maw={180} fw={500} title={d.patientName}>
                    {d.patientName}
                  </Text>
                </Table.Td>
                <Table.Td className="tabular">{d.claimNumber}</Table.Td>
                <Table.Td>
                  {d.state !== 'resolved' && (
                    // D on the selected row does the same from the keyboard
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      tabIndex={-1}
                      // short on screen: the table is already at its width
                      aria-label={d.action === 'appeal' ? 'Draft appeal' : 'Draft letter'}
                      title={`${d.action === 'appeal' ? 'Draft the appeal letter' : 'Draft the letter'} (D)`}
                      onClick={(e) => {
                        e.stopPropagation();
                        draft(i);
                      }}
                    >
                      Draft
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

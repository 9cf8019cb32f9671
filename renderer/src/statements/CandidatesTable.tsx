import { Box, Checkbox, Text } from '@mantine/core';
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type RowSelectionState,
  type Updater,
} from '@tanstack/react-table';
import { useState, type KeyboardEvent } from 'react';
import {
  DUNNING_STAGE,
  STATEMENT_HOLD,
  type StatementCandidate,
} from '../../../shared/api/statements';
import { Money } from '../components/Money';
import { UsDate } from '../components/UsDate';
import type { Geometry } from '../grid/fixed-rows';
import { runListKey } from '../grid/list-keys';
import { useFixedRows } from '../grid/useFixedRows';

const ROW_HEIGHT = 34;
const HEADER_HEIGHT = 30;
// a dozen rows beyond the screen either way: the list is in memory, so a row scrolled to
// is drawn at once, and a short scroll often finds its rows already there
const GEOMETRY: Geometry = { rowHeight: ROW_HEIGHT, headerHeight: HEADER_HEIGHT, overscan: 12 };
/** Room between a right-aligned amount and the date beside it. */
const COLUMN_GAP = 16;

function heldText(row: StatementCandidate): string {
  return row.held.map((h) => `${STATEMENT_HOLD.labels[h.hold]} (${h.accountNumber})`).join('; ');
}

const columns: ColumnDef<StatementCandidate>[] = [
  {
    id: 'select',
    size: 44,
    header: ({ table }) => (
      <Checkbox
        aria-label="Select all guarantors that can get a statement"
        size="xs"
        checked={table.getIsAllRowsSelected()}
        indeterminate={table.getIsSomeRowsSelected()}
        onChange={table.getToggleAllRowsSelectedHandler()}
      />
    ),
    cell: ({ row }) => (
      <Checkbox
        aria-label={`Select ${row.original.guarantorName}`}
        size="xs"
        // the grid takes the keyboard (Space toggles); a tab stop per row would be hundreds
        tabIndex={-1}
        disabled={!row.getCanSelect()}
        checked={row.getIsSelected()}
        onChange={row.getToggleSelectedHandler()}
        onClick={(e) => e.stopPropagation()}
      />
    ),
  },
  {
    id: 'guarantor',
    header: 'Guarantor',
    size: 200,
    cell: ({ row }) => (
      <Text size="sm" truncate="end" title={row.original.guarantorName}>
        {row.original.guarantorName}
      </Text>
    ),
  },
  {
    id: 'account',
    header: 'Accounts',
    size: 130,
    cell: ({ row }) => (
      <span className="tabular">
        {row.original.accountNumber}
        {row.original.accountIds.length > 1 ? ` +${row.original.accountIds.length - 1}` : ''}
      </span>
    ),
  },
  {
    id: 'balance',
    header: 'Patient balance',
    size: 130,
    meta: { align: 'right' },
    cell: ({ row }) => <Money value={row.original.patientBalance} size="sm" />,
  },
  {
    id: 'stage',
    header: 'Statement',
    size: 140,
    cell: ({ row }) =>
      row.original.allHeld ? (
        <Text size="sm" c="dimmed">
          Held
        </Text>
      ) : (
        <Text size="sm" c={row.original.stage === 'final_notice' ? 'red.8' : undefined}>
          {row.original.stage ? DUNNING_STAGE.labels[row.original.stage] : 'Plan statement'}
          {row.original.stage && row.original.plan ? ' + plan' : ''}
        </Text>
      ),
  },
  {
    id: 'hold',
    header: 'Held back, and why',
    size: 260,
    cell: ({ row }) => (
      <Text size="sm" truncate="end" title={row.original.held.map((h) => h.reason).join('\n')}>
        {heldText(row.original)}
      </Text>
    ),
  },
  {
    id: 'last',
    header: 'Last statement',
    size: 120,
    cell: ({ row }) => <UsDate value={row.original.lastStatementDate} />,
  },
];

/**
 * The accounts due a statement, with a check box each; ↑/↓ move, Space ticks, Ctrl+A
 * ticks all. Only the rows on screen are drawn, however many match.
 */
export function CandidatesTable({
  rows,
  selected,
  onSelect,
  disabled,
}: {
  rows: StatementCandidate[];
  selected: RowSelectionState;
  onSelect: (next: RowSelectionState) => void;
  disabled: boolean;
}) {
  const { scrollRef, indexes, slotKey, moveKeys } = useFixedRows(rows.length, GEOMETRY);
  const [active, setActive] = useState(0);
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => String(r.guarantorId),
    state: { rowSelection: selected },
    // a guarantor whose every account is held is listed to say why, never selected
    enableRowSelection: (row) => !disabled && !row.original.allHeld,
    onRowSelectionChange: (u: Updater<RowSelectionState>) =>
      onSelect(typeof u === 'function' ? u(selected) : u),
  });
  const model = table.getRowModel().rows;
  const gridTemplateColumns = table
    .getAllLeafColumns()
    .map((c) => (c.id === 'hold' ? `minmax(${c.getSize()}px, 1fr)` : `${c.getSize()}px`))
    .join(' ');

  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      if (!disabled) table.toggleAllRowsSelected(!table.getIsAllRowsSelected());
      return;
    }
    runListKey(e, {
      ...moveKeys(active, setActive),
      ' ': () => {
        if (model[active]?.getCanSelect()) model[active]?.toggleSelected();
      },
    });
  };

  return (
    <Box
      className="grid-frame"
      style={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1 }}
    >
      <div
        ref={scrollRef}
        tabIndex={0}
        role="grid"
        aria-label={`Guarantors due a statement, ${rows.length.toLocaleString('en-US')}`}
        aria-rowcount={rows.length + 1}
        aria-multiselectable
        aria-activedescendant={rows.length > 0 ? `candidate-row-${active}` : undefined}
        onKeyDown={onKeyDown}
        style={{ flex: 1, overflow: 'auto', position: 'relative' }}
      >
        <Box
          role="row"
          aria-rowindex={1}
          h={HEADER_HEIGHT}
          bg="gray.0"
          px="xs"
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 1,
            display: 'grid',
            gridTemplateColumns,
            columnGap: COLUMN_GAP,
            alignItems: 'center',
            borderBottom: '1px solid var(--mantine-color-gray-3)',
          }}
        >
          {table.getHeaderGroups()[0]?.headers.map((h) => (
            <Box
              key={h.id}
              role="columnheader"
              pr={8}
              ta={h.column.columnDef.meta?.align === 'right' ? 'right' : 'left'}
            >
              {typeof h.column.columnDef.header === 'string' ? (
                <Text fz="xs" fw={700} c="gray.7">
                  {h.column.columnDef.header}
                </Text>
              ) : (
                flexRender(h.column.columnDef.header, h.getContext())
              )}
            </Box>
          ))}
        </Box>
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {indexes.map((index) => {
            const row = model[index];
            if (!row) return null;
            return (
              <div
                key={slotKey(index)}
                id={`candidate-row-${index}`}
                role="row"
                aria-rowindex={index + 2}
                aria-selected={row.getIsSelected()}
                data-selected={index === active}
                className="queue-row virtual-row"
                onClick={() => {
                  setActive(index);
                  if (row.getCanSelect()) row.toggleSelected();
                }}
                style={{
                  height: ROW_HEIGHT,
                  transform: `translateY(${index * ROW_HEIGHT}px)`,
                  gridTemplateColumns,
                  columnGap: COLUMN_GAP,
                  cursor: disabled ? 'default' : 'pointer',
                }}
              >
                {row.getVisibleCells().map((cell) => (
                  <div
                    // by column, not by row: the slot's cells stay as another row scrolls in
                    key={cell.column.id}
                    role="gridcell"
                    style={{
                      overflow: 'hidden',
                      paddingRight: 8,
                      textAlign: cell.column.columnDef.meta?.align === 'right' ? 'right' : 'left',
                      fontSize: 'var(--mantine-font-size-sm)',
                    }}
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </Box>
  );
}

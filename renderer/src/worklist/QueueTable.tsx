import { Box, Paper, Skeleton, Text, UnstyledButton } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { flexRender, getCoreRowModel, useReactTable, type Row } from '@tanstack/react-table';
import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
} from 'react';
import type { QueueRow } from '../../../shared/api/queue';
import { accountPath, navigate } from '../app/router';
import { listMoveKeys, runListKey } from '../components/list-keys';
import { EmptyState, QueryState } from '../components/States';
import { queueColumns } from './columns';
import { hasFilters, type QueueFilters } from './filters';
import { PAGE_SIZE, useQueuePages } from './useQueuePages';
import './queue.css';

const ROW_HEIGHT = 34;
const HEADER_HEIGHT = 30;
const selectionKey = 'claimdesk.queue.selected';

export function QueueTable({
  filters,
  onFiltersChange,
}: {
  filters: QueueFilters;
  onFiltersChange: (f: QueueFilters) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState(
    () => Number(sessionStorage.getItem(selectionKey) ?? 0) || 0,
  );
  const [visiblePages, setVisiblePages] = useState<number[]>([0]);
  const { first, total, rowAt } = useQueuePages(filters, visiblePages);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // every row drawn costs layout and text shaping in the frame that shows it; the rows
    // on screen are drawn in the scroll's own frame, so a few beyond them are enough
    overscan: 4,
    // the column headers stick to the top of the grid, above the first row
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    const pages: number[] = [];
    for (let p = Math.floor(firstIndex / PAGE_SIZE); p <= Math.floor(lastIndex / PAGE_SIZE); p++)
      pages.push(p);
    setVisiblePages((old) => (old.join() === pages.join() ? old : pages));
  }, [firstIndex, lastIndex]);

  // A new filter starts at the top; the selection survives a trip to an account and back.
  const filterKey = JSON.stringify(filters);
  const lastFilterKey = useRef(filterKey);
  useEffect(() => {
    if (lastFilterKey.current !== filterKey) {
      lastFilterKey.current = filterKey;
      setSelected(0);
      virtualizer.scrollToIndex(0);
    }
  }, [filterKey, virtualizer]);
  useEffect(() => sessionStorage.setItem(selectionKey, String(selected)), [selected]);
  useEffect(() => {
    if (total > 0) virtualizer.scrollToIndex(Math.min(selected, total - 1), { align: 'auto' });
    // only on arrival: later moves scroll themselves
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [total > 0]);
  useEffect(() => {
    if (first.isSuccess) scrollRef.current?.focus();
  }, [first.isSuccess]);

  // Only the rows on screen go through the table model: a few dozen, whatever the total.
  // The array must keep its identity while they stay the same, or the table rebuilds its
  // model on every render.
  const onScreen = items.map((i) => rowAt(i.index)).filter((r): r is QueueRow => r !== undefined);
  const onScreenKey = onScreen.map((r) => `${r.followUpId}:${r.balance}:${r.dueDate}`).join();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const loadedRows = useMemo(() => onScreen, [onScreenKey]);
  const table = useReactTable({
    data: loadedRows,
    columns: queueColumns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => String(r.followUpId),
    manualSorting: true,
    // sorting and paging happen in the database; nothing here may reset itself
    autoResetAll: false,
  });
  const rowsById = new Map(table.getRowModel().rows.map((r) => [r.id, r]));

  const move = (to: number) => {
    const next = Math.max(0, Math.min(total - 1, to));
    setSelected(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const open = (index: number) => {
    const row = rowAt(index);
    if (row) navigate(accountPath(row.accountId));
  };
  // one function for every render, so the rows that stay on screen need not draw again
  const openRef = useRef(open);
  useEffect(() => {
    openRef.current = open;
  });
  const openLatest = useCallback((index: number) => openRef.current(index), []);
  const onKeyDown = (e: KeyboardEvent) =>
    runListKey(e, {
      ...listMoveKeys(selected, total, scrollRef.current?.clientHeight, ROW_HEIGHT, move),
      Enter: () => open(selected),
    });

  const sortBy = (key: QueueFilters['sortBy']) =>
    onFiltersChange({
      ...filters,
      sortBy: key,
      sortDir:
        filters.sortBy === key
          ? filters.sortDir === 'desc'
            ? 'asc'
            : 'desc'
          : key === 'patientName' ||
              key === 'accountNumber' ||
              key === 'dueDate' ||
              key === 'deadline'
            ? 'asc'
            : 'desc',
    });

  const widths = table.getAllLeafColumns().map((c) => c.getSize());
  const gridTemplateColumns = widths
    .map((w, i) => (i === 4 || i === 5 ? `minmax(${w}px, 1fr)` : `${w}px`))
    .join(' ');

  if (first.isPending || first.isError) return <QueryState query={first} what="the work queue" />;

  const headerRow = (
    <Box
      role="row"
      aria-rowindex={1}
      h={HEADER_HEIGHT}
      style={{
        display: 'grid',
        gridTemplateColumns,
        alignItems: 'center',
        borderBottom: '1px solid var(--mantine-color-gray-3)',
        position: 'sticky',
        top: 0,
        zIndex: 1,
      }}
      bg="gray.0"
      px="xs"
    >
      {table.getHeaderGroups()[0]?.headers.map((h) => {
        const key = h.column.columnDef.meta?.sortKey;
        const active = key !== undefined && filters.sortBy === key;
        const label = flexRender(h.column.columnDef.header, h.getContext());
        return (
          <Box
            key={h.id}
            role="columnheader"
            aria-sort={
              active ? (filters.sortDir === 'asc' ? 'ascending' : 'descending') : undefined
            }
            ta={h.column.columnDef.meta?.align === 'right' ? 'right' : 'left'}
            pr={8}
          >
            {key ? (
              <UnstyledButton
                onClick={() => sortBy(key)}
                fz="xs"
                fw={700}
                c={active ? 'blue.8' : 'gray.7'}
              >
                {label}
                {active ? (filters.sortDir === 'asc' ? ' ▲' : ' ▼') : ''}
              </UnstyledButton>
            ) : (
              <Text fz="xs" fw={700} c="gray.7">
                {label}
              </Text>
            )}
          </Box>
        );
      })}
    </Box>
  );

  return (
    <Paper
      withBorder
      radius="sm"
      className="grid-frame"
      style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
    >
      {total === 0 ? (
        <EmptyState title="Nothing due — the queue is clear">
          {hasFilters(filters)
            ? 'No follow-ups match these filters. Clear a filter or pick a later due date to see more.'
            : 'Every follow-up due today is done. Pick a later “Due on or before” date to work ahead.'}
        </EmptyState>
      ) : (
        <div
          ref={scrollRef}
          tabIndex={0}
          role="grid"
          aria-label={`Work queue, ${total.toLocaleString('en-US')} follow-ups`}
          aria-rowcount={total + 1}
          aria-activedescendant={`queue-row-${selected}`}
          onKeyDown={onKeyDown}
          style={
            {
              flex: 1,
              overflow: 'auto',
              position: 'relative',
              // the rows take their columns from here (queue.css)
              '--queue-columns': gridTemplateColumns,
            } as CSSProperties
          }
        >
          {headerRow}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const data = rowAt(item.index);
              return (
                <QueueGridRow
                  key={item.key}
                  index={item.index}
                  top={item.start - HEADER_HEIGHT}
                  row={data ? rowsById.get(String(data.followUpId)) : undefined}
                  selected={item.index === selected}
                  onSelect={setSelected}
                  onOpen={openLatest}
                />
              );
            })}
          </div>
        </div>
      )}
      <Text
        size="xs"
        c="dimmed"
        px="xs"
        py={4}
        style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
      >
        {total.toLocaleString('en-US')} follow-up{total === 1 ? '' : 's'} due
        {total > 0 ? ` · row ${Math.min(selected + 1, total).toLocaleString('en-US')}` : ''}
      </Text>
    </Paper>
  );
}

interface GridRowProps {
  index: number;
  /** offset from the top of the rows, below the sticky header */
  top: number;
  /** undefined while its page is loading */
  row: Row<QueueRow> | undefined;
  selected: boolean;
  onSelect: (index: number) => void;
  onOpen: (index: number) => void;
}

/**
 * One row of the grid. A scroll changes which rows are on screen, not the rows that stay:
 * they keep their drawing, judged by the follow-up they show (the table model's row objects
 * are rebuilt whenever the rows on screen change).
 */
const QueueGridRow = memo(
  function QueueGridRow({ index, top, row, selected, onSelect, onOpen }: GridRowProps) {
    return (
      <div
        id={`queue-row-${index}`}
        role="row"
        aria-rowindex={index + 2}
        aria-selected={selected}
        data-selected={selected}
        className="queue-row virtual-row queue-grid-row"
        onClick={() => onSelect(index)}
        onDoubleClick={() => onOpen(index)}
        style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
      >
        {row ? (
          row.getVisibleCells().map((cell) => (
            <div
              key={cell.id}
              role="gridcell"
              className="queue-cell"
              data-align={cell.column.columnDef.meta?.align}
            >
              {flexRender(cell.column.columnDef.cell, cell.getContext())}
            </div>
          ))
        ) : (
          <div role="gridcell" style={{ gridColumn: '1 / -1' }}>
            <Skeleton height={12} radius="sm" aria-label="Loading row" />
          </div>
        )}
      </div>
    );
  },
  (a, b) =>
    a.index === b.index &&
    a.top === b.top &&
    a.row?.original === b.row?.original &&
    a.selected === b.selected &&
    a.onSelect === b.onSelect &&
    a.onOpen === b.onOpen,
);

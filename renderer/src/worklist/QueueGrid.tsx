import { Text, UnstyledButton } from '@mantine/core';
import { flexRender, getCoreRowModel, useReactTable, type Header } from '@tanstack/react-table';
import {
  memo,
  useEffect,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import type { QueueRow } from '../../../shared/api/queue';
import { accountPath, navigate } from '../app/router';
import type { Geometry } from '../grid/fixed-rows';
import { runListKey } from '../grid/list-keys';
import { useFixedRows } from '../grid/useFixedRows';
import { useWorkingByAccount } from '../office/WorkingBanner';
import { queueColumns } from './columns';
import type { QueueFilters } from './filters';
import { QueueGridRow } from './QueueGridRow';
import { useFillPerFrame, type FillBudget } from './useFillPerFrame';
import { PAGE_SIZE, useQueuePages } from './useQueuePages';

// the heights queue.css gives a row and the header row
const ROW_HEIGHT = 34;
const HEADER_HEIGHT = 30;
// rows given their cells and text in one frame, top down. The scroll's own frame also
// re-renders every slot, empties those whose row changed and handles the scroll's events: it
// was a wheel turn's longest frame, most of those over 16 ms, so it fills five rather than
// eight. Five and then eight a frame fill a screenful of up to 29 slots in four frames, as
// eight a frame did.
const FILL: FillBudget = { arriving: 5, perFrame: 8 };
// the padding of a row (Mantine's xs spacing) on each side
const ROW_PADDING = 10;
// every row drawn costs layout and text shaping in the frame that shows it; the rows on
// screen are drawn in the scroll's own frame, so a few beyond them are enough
const GEOMETRY: Geometry = { rowHeight: ROW_HEIGHT, headerHeight: HEADER_HEIGHT, overscan: 2 };

const COUNT = new Intl.NumberFormat('en-US');

/**
 * The columns' widths and classes, made once. A row is a flex line of fixed-width cells
 * (the patient and the payer share the room the window has beyond them): laying out a
 * screenful of new rows is most of a jump's frame, and fixed widths lay out for less than
 * a grid's tracks do. Only the cells whose text varies in length clip it.
 */
const COLUMN_CSS = queueColumns
  .map((c, i) => `.queue-col-${i}{flex:${c.meta?.grow ? 1 : 0} 0 ${c.size ?? 100}px}`)
  .join('\n');
const MIN_WIDTH = queueColumns.reduce((sum, c) => sum + (c.size ?? 100), 2 * ROW_PADDING);
const HEADER_CLASS = new Map(
  queueColumns.map((c, i) => [
    c.id ?? ('accessorKey' in c ? String(c.accessorKey) : ''),
    `queue-heading queue-col-${i}`,
  ]),
);
// the table model serves the columns and their headers; the rows are drawn by QueueGridRow
const NO_ROWS: QueueRow[] = [];

/** The row a click or double-click landed in, by its place in the queue. */
function rowIndexOf(e: MouseEvent): number | null {
  const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
  return row ? Number(row.dataset.index) : null;
}

/**
 * The windowed grid: only the rows on screen (and a few beyond) are in the DOM, placed by
 * arithmetic (every row is ROW_HEIGHT high). It re-renders each time a scroll brings a new
 * first row, so everything in it that a scroll does not change is memoised: the header, and
 * each row by the follow-up it shows, which a scroll leaves as it was.
 */
export function QueueGrid({
  filters,
  total,
  selected,
  onSelect,
  onSort,
}: {
  filters: QueueFilters;
  total: number;
  selected: number;
  onSelect: (index: number) => void;
  onSort: (key: QueueFilters['sortBy']) => void;
}) {
  const {
    scrollRef,
    first: firstIndex,
    last: lastIndex,
    indexes,
    slotKey,
    scrollToRow,
    moveKeys,
  } = useFixedRows(total, GEOMETRY);
  const [visiblePages, setVisiblePages] = useState<number[]>([0]);
  const rowAt = useQueuePages(filters, visiblePages);
  const working = useWorkingByAccount();
  useEffect(() => {
    const pages: number[] = [];
    for (let p = Math.floor(firstIndex / PAGE_SIZE); p <= Math.floor(lastIndex / PAGE_SIZE); p++)
      pages.push(p);
    setVisiblePages((old) => (old.join() === pages.join() ? old : pages));
  }, [firstIndex, lastIndex]);

  // a new filter starts at the top
  const filterKey = JSON.stringify(filters);
  const lastFilterKey = useRef(filterKey);
  useEffect(() => {
    if (lastFilterKey.current !== filterKey) {
      lastFilterKey.current = filterKey;
      if (scrollRef.current) scrollRef.current.scrollTop = 0;
    }
  }, [filterKey, scrollRef]);
  // on arrival, the selection kept from before is on screen and the keys work at once
  useEffect(() => {
    scrollToRow(Math.min(selected, total - 1));
    scrollRef.current?.focus();
    // only on arrival: later moves scroll themselves
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const shownRows = useFillPerFrame(indexes.map(rowAt), FILL);
  const table = useReactTable({
    data: NO_ROWS,
    columns: queueColumns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    // sorting and paging happen in the database; nothing here may reset itself
    autoResetAll: false,
  });

  const open = (index: number) => {
    const row = rowAt(index);
    if (row) navigate(accountPath(row.accountId));
  };
  const onKeyDown = (e: KeyboardEvent) =>
    runListKey(e, {
      ...moveKeys(selected, onSelect),
      Enter: () => open(selected),
    });
  // one handler on the grid rather than one per row: a row drawn holds no function
  const onClick = (e: MouseEvent) => {
    const index = rowIndexOf(e);
    if (index !== null) onSelect(index);
  };
  const onDoubleClick = (e: MouseEvent) => {
    const index = rowIndexOf(e);
    if (index !== null) open(index);
  };

  return (
    <>
      <div
        ref={scrollRef}
        tabIndex={0}
        role="grid"
        aria-label={`Work queue, ${COUNT.format(total)} follow-ups`}
        aria-rowcount={total + 1}
        aria-activedescendant={`queue-row-${selected}`}
        onKeyDown={onKeyDown}
        onClick={onClick}
        onDoubleClick={onDoubleClick}
        className="queue-grid"
        style={{ '--queue-min-width': `${MIN_WIDTH}px` } as CSSProperties}
      >
        <style href="claimdesk-queue-columns" precedence="default">
          {COLUMN_CSS}
        </style>
        <QueueHeader
          headers={table.getHeaderGroups()[0]?.headers}
          sortBy={filters.sortBy}
          sortDir={filters.sortDir}
          onSort={onSort}
        />
        <div className="queue-rows" style={{ height: total * ROW_HEIGHT }}>
          {indexes.map((index, n) => (
            <QueueGridRow
              key={slotKey(index)}
              index={index}
              top={index * ROW_HEIGHT}
              row={shownRows[n]}
              working={working.get(shownRows[n]?.accountId ?? -1)}
              selected={index === selected}
            />
          ))}
        </div>
      </div>
      <QueueFooter total={total} selected={selected} />
    </>
  );
}

/** How many are due, and where the selection is. */
export const QueueFooter = memo(function QueueFooter({
  total,
  selected,
}: {
  total: number;
  selected: number;
}) {
  return (
    <p className="queue-footer">
      {COUNT.format(total)} follow-up{total === 1 ? '' : 's'} due
      {total > 0 ? ` · row ${COUNT.format(Math.min(selected + 1, total))}` : ''}
    </p>
  );
});

/** The column headers; a sortable one is a button that sorts by it, again to reverse. */
const QueueHeader = memo(function QueueHeader({
  headers,
  sortBy,
  sortDir,
  onSort,
}: {
  /** the same array while the columns are (the table memoises it) */
  headers: Header<QueueRow, unknown>[] | undefined;
  sortBy: QueueFilters['sortBy'];
  sortDir: QueueFilters['sortDir'];
  onSort: (key: QueueFilters['sortBy']) => void;
}) {
  return (
    <div role="row" aria-rowindex={1} className="queue-header">
      {headers?.map((h) => {
        const key = h.column.columnDef.meta?.sortKey;
        const active = key !== undefined && sortBy === key;
        const label = flexRender(h.column.columnDef.header, h.getContext());
        return (
          <div
            key={h.id}
            className={HEADER_CLASS.get(h.column.id)}
            role="columnheader"
            aria-sort={active ? (sortDir === 'asc' ? 'ascending' : 'descending') : undefined}
            data-align={h.column.columnDef.meta?.align}
          >
            {key ? (
              <UnstyledButton
                onClick={() => onSort(key)}
                fz="xs"
                fw={700}
                c={active ? 'blue.8' : 'gray.7'}
              >
                {label}
                {active ? (sortDir === 'asc' ? ' ▲' : ' ▼') : ''}
              </UnstyledButton>
            ) : (
              <Text fz="xs" fw={700} c="gray.7">
                {label}
              </Text>
            )}
          </div>
        );
      })}
    </div>
  );
});

import { Text, UnstyledButton } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
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
import { listMoveKeys, runListKey } from '../components/list-keys';
import { useWorkingByAccount } from '../office/WorkingBanner';
import { queueColumns } from './columns';
import type { QueueFilters } from './filters';
import { useFillPerFrame } from './useFillPerFrame';
import { PAGE_SIZE, useQueuePages } from './useQueuePages';

// the heights queue.css gives a row and the header row
const ROW_HEIGHT = 34;
const HEADER_HEIGHT = 30;
// rows given their cells and text in one frame: a third of a screenful. The frame a scroll
// brings a screenful of new rows in also makes the waiting ones and removes those that left,
// and it stays within its budget on a loaded two-core office PC with eight; a jump's other
// rows fill in the next frames, top down.
const FILL_PER_FRAME = 8;
// the padding of a row (Mantine's xs spacing) on each side
const ROW_PADDING = 10;

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
/** Each column's cell as a row draws it: its class, alignment and content. */
const CELLS = queueColumns.map((c, i) => {
  const gridCell = c.meta?.gridCell;
  if (!gridCell) throw new Error(`The work queue column ${i} has no gridCell.`);
  return {
    key: i,
    className: `queue-cell queue-col-${i}${c.meta?.clip ? ' queue-clip' : ''}`,
    align: c.meta?.align,
    gridCell,
  };
});
/** The cell that shows another desk's mark on the row's account, before the patient's name. */
const WORKING_CELL = queueColumns.findIndex(
  (c) => 'accessorKey' in c && c.accessorKey === 'patientName',
);
/** Another desk's mark: the sentence is its name and its tooltip (a native title, as the cells'). */
function workingMarker(sentence: string) {
  return (
    <span
      className="queue-pill"
      data-tone="yellow"
      data-variant="light"
      data-upper
      data-small
      role="img"
      aria-label={sentence}
      title={sentence}
    >
      In use
    </span>
  );
}
// the table model serves the columns and their headers; the rows are drawn from CELLS
const NO_ROWS: QueueRow[] = [];

/** The row a click or double-click landed in, by its place in the queue. */
function rowIndexOf(e: MouseEvent): number | null {
  const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
  return row ? Number(row.dataset.index) : null;
}

/**
 * The virtualised grid: only the rows on screen (and a few beyond) are in the DOM. It
 * re-renders on every scroll, so everything in it that a scroll does not change is memoised:
 * the header, and each row by the follow-up it shows, which a scroll leaves as it was.
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
  const scrollRef = useRef<HTMLDivElement>(null);
  const [visiblePages, setVisiblePages] = useState<number[]>([0]);
  const rowAt = useQueuePages(filters, visiblePages);
  const working = useWorkingByAccount();

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // every row drawn costs layout and text shaping in the frame that shows it; the rows
    // on screen are drawn in the scroll's own frame, so a few beyond them are enough
    overscan: 2,
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

  // a new filter starts at the top
  const filterKey = JSON.stringify(filters);
  const lastFilterKey = useRef(filterKey);
  useEffect(() => {
    if (lastFilterKey.current !== filterKey) {
      lastFilterKey.current = filterKey;
      virtualizer.scrollToIndex(0);
    }
  }, [filterKey, virtualizer]);
  // on arrival, the selection kept from before is on screen and the keys work at once
  useEffect(() => {
    virtualizer.scrollToIndex(Math.min(selected, total - 1), { align: 'auto' });
    scrollRef.current?.focus();
    // only on arrival: later moves scroll themselves
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const shownRows = useFillPerFrame(
    items.map((item) => rowAt(item.index)),
    FILL_PER_FRAME,
  );
  const table = useReactTable({
    data: NO_ROWS,
    columns: queueColumns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    // sorting and paging happen in the database; nothing here may reset itself
    autoResetAll: false,
  });

  const move = (to: number) => {
    const next = Math.max(0, Math.min(total - 1, to));
    onSelect(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const open = (index: number) => {
    const row = rowAt(index);
    if (row) navigate(accountPath(row.accountId));
  };
  const onKeyDown = (e: KeyboardEvent) =>
    runListKey(e, {
      ...listMoveKeys(selected, total, scrollRef.current?.clientHeight, ROW_HEIGHT, move),
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
        <div className="queue-rows" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item, n) => (
            <QueueGridRow
              key={item.key}
              index={item.index}
              top={item.start - HEADER_HEIGHT}
              row={shownRows[n]}
              working={working.get(shownRows[n]?.accountId ?? -1)}
              selected={item.index === selected}
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

interface GridRowProps {
  index: number;
  /** offset from the top of the rows, below the sticky header */
  top: number;
  /** undefined while its page is loading */
  row: QueueRow | undefined;
  /** another desk has the row's account open: what to say about it */
  working: string | undefined;
  selected: boolean;
}

/**
 * One row of the grid. A scroll changes which rows are on screen, not the rows that stay:
 * they keep their drawing, judged by the follow-up they show (a page keeps its row objects
 * while it stays cached).
 */
const QueueGridRow = memo(function QueueGridRow({
  index,
  top,
  row,
  working,
  selected,
}: GridRowProps) {
  return (
    <div
      id={`queue-row-${index}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-selected={selected}
      data-index={index}
      aria-busy={row ? undefined : true}
      aria-label={row ? undefined : 'Loading row'}
      className="queue-row virtual-row queue-grid-row"
      style={{ transform: `translateY(${top}px)` }}
    >
      {row && <QueueCells row={row} working={working} />}
    </div>
  );
});

/**
 * A row's cells: drawn once for the follow-up, whatever the selection does to the row.
 * A row whose page is on its way has none (a grey bar stands in for them): a jump or a drag
 * makes a screenful of such rows in its own frame, and a dozen elements each would be most
 * of that frame; the cells come with the text, a few rows a frame (useFillPerFrame).
 */
const QueueCells = memo(function QueueCells({
  row,
  working,
}: {
  row: QueueRow;
  working: string | undefined;
}) {
  return CELLS.map(({ key, className, align, gridCell }) => {
    const cell = gridCell(row);
    return (
      <div
        key={key}
        role="gridcell"
        className={cell.look ? `${className} queue-${cell.look}` : className}
        data-align={align}
        title={cell.title}
      >
        {working !== undefined && key === WORKING_CELL ? (
          <span className="queue-line">
            {workingMarker(working)}
            <span className="queue-fit">{cell.content}</span>
          </span>
        ) : (
          cell.content
        )}
      </div>
    );
  });
});

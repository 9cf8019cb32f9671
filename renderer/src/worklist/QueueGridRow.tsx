import { memo } from 'react';
import type { QueueRow } from '../../../shared/api/queue';
import { queueColumns } from './columns';

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

export interface GridRowProps {
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
export const QueueGridRow = memo(function QueueGridRow({
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

import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { toCsv } from '../../../shared/csv/write';
import { messageOf } from '../app/query';
import { downloadText } from './download';

/** How far an export has got: rows fetched of the list's total. */
export type ExportProgress = (done: number, total: number) => void;

/** What an export produces: the file's name and its rows, header first. */
export interface ExportFile {
  fileName: string;
  rows: string[][];
}

/** Pages fetched at a time: the most a list method hands back in one call. */
export const EXPORT_PAGE = 500;

/**
 * Fetches every page of a list, not only what is on screen; stops early if the list
 * shrinks while it is being read.
 */
export async function allPages<T>(
  page: (offset: number, limit: number) => Promise<{ total: number; rows: T[] }>,
  progress: ExportProgress,
): Promise<T[]> {
  const rows: T[] = [];
  for (;;) {
    const next = await page(rows.length, EXPORT_PAGE);
    rows.push(...next.rows);
    progress(rows.length, next.total);
    if (next.rows.length < EXPORT_PAGE || rows.length >= next.total) return rows;
  }
}

/**
 * Exports a list to a CSV file with the columns the screen shows, for the people who
 * take it into a spreadsheet. The file starts with a byte order mark so Excel reads
 * names with accents correctly.
 */
export function ExportButton({
  what,
  build,
  disabled,
}: {
  /** What is exported, for the button's name and the messages: "work queue". */
  what: string;
  build: (progress: ExportProgress) => Promise<ExportFile>;
  disabled?: boolean;
}) {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const run = async () => {
    setProgress({ done: 0, total: 0 });
    try {
      const file = await build((done, total) => setProgress({ done, total }));
      downloadText(file.fileName, toCsv(file.rows, { bom: true }));
      const count = file.rows.length - 1;
      notifications.show({
        color: 'green',
        message: `Exported ${count.toLocaleString('en-US')} row${count === 1 ? '' : 's'} of the ${what} to ${file.fileName}.`,
      });
    } catch (e) {
      notifications.show({
        color: 'red',
        title: `The ${what} could not be exported`,
        message: messageOf(e),
      });
    } finally {
      setProgress(null);
    }
  };
  return (
    <Group gap="xs" wrap="nowrap">
      {progress && progress.total > 0 && (
        <Text size="xs" c="dimmed" role="status" aria-live="polite" className="tabular">
          {progress.done.toLocaleString('en-US')} of {progress.total.toLocaleString('en-US')} rows
        </Text>
      )}
      <Button
        variant="default"
        size="xs"
        onClick={() => void run()}
        loading={progress !== null}
        disabled={disabled}
        // the name begins with what the button shows, so speech input can say it
        aria-label={`Export CSV of the ${what}`}
        title="Every row that matches the filters, with the columns shown, as a CSV file"
      >
        Export CSV
      </Button>
    </Group>
  );
}

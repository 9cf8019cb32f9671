import { MAX_IMPORT_CHARACTERS } from '../../../../shared/api/imports';
import { readCsv } from '../../../../shared/csv/read';

/** Rows read here for sample values; the main process reads the whole file. */
const SAMPLE_ROWS = 5;

/** A spreadsheet picked for import: its text (sent to be checked and imported) and its head. */
export interface PickedFile {
  fileName: string;
  size: number;
  text: string;
  headers: string[];
  /** For each column, the first value under the header that is not blank. */
  samples: string[];
}

export type PickOutcome = { ok: true; file: PickedFile } | { ok: false; problem: string };

export function megabytes(bytes: number): string {
  if (bytes < 1_000_000) return `${Math.max(1, Math.round(bytes / 1000))} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** Reads the file and its header row; the rows themselves are read in the main process. */
export async function pickFile(file: File): Promise<PickOutcome> {
  // UTF-8 never has fewer bytes than characters, so this never refuses a file the server takes
  if (file.size > MAX_IMPORT_CHARACTERS)
    return {
      ok: false,
      problem: `The file is ${megabytes(file.size)}, more than the 50 MB limit. Split it into smaller files.`,
    };
  const text = await file.text();
  const reading = readCsv(text, SAMPLE_ROWS);
  if (!reading.ok) return { ok: false, problem: reading.problem };
  const { headers, rows } = reading.table;
  if (rows.length === 0)
    return { ok: false, problem: 'The file has a header row but no rows under it.' };
  const samples = headers.map(
    (_, i) => rows.map((r) => (r.cells[i] ?? '').trim()).find((v) => v !== '') ?? '',
  );
  return { ok: true, file: { fileName: file.name, size: file.size, text, headers, samples } };
}

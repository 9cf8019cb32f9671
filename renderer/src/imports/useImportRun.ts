import { useRef, useState } from 'react';
import {
  MAX_IMPORT_CHARACTERS,
  type ImportReport,
  type WorkProgress,
} from '../../../shared/api/imports';
import { api } from '../app/api';
import { invalidateAll, keys, messageOf, queryClient } from '../app/query';
import { watchProgress } from './watch-progress';

/** One file's outcome: the server's report, or why it never got that far. */
export type FileOutcome =
  { fileName: string; report: ImportReport } | { fileName: string; refused: string };

export interface ImportProgress {
  running: boolean;
  cancelled: boolean;
  current: string | null;
  /** The size of the file being imported. */
  currentBytes: number;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  /** How far the file being imported has got (claims posted), when the server has said. */
  step: WorkProgress | null;
}

const idle: ImportProgress = {
  running: false,
  cancelled: false,
  current: null,
  currentBytes: 0,
  filesDone: 0,
  filesTotal: 0,
  bytesDone: 0,
  bytesTotal: 0,
  step: null,
};

/** A folder gives each file its path inside the folder; that is the name worth keeping. */
const nameOf = (f: File) => (f.webkitRelativePath || f.name).slice(-260);

async function importOne(
  file: File,
  showStep: (step: WorkProgress | null) => void,
): Promise<FileOutcome> {
  const fileName = nameOf(file);
  // UTF-8 never has fewer bytes than characters, so this never refuses a file the server takes
  if (file.size > MAX_IMPORT_CHARACTERS)
    return {
      fileName,
      refused: `Not imported: the file is ${(file.size / 1_000_000).toFixed(1)} MB, more than the 50 MB limit. Split it into smaller files.`,
    };
  try {
    const text = await file.text();
    return { fileName, report: await watchProgress(api.importFile({ fileName, text }), showStep) };
  } catch (e) {
    return { fileName, refused: `Not imported: ${messageOf(e)}` };
  }
}

/**
 * Imports files one at a time, so each is posted (or not) as a whole. Cancel stops the
 * file being posted (it rolls back: nothing of it is kept) and the files after it.
 */
export function useImportRun() {
  const [progress, setProgress] = useState<ImportProgress>(idle);
  const [outcomes, setOutcomes] = useState<FileOutcome[]>([]);
  const cancelRef = useRef(false);

  const start = async (picked: readonly File[]) => {
    const files = [...picked].sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
    if (files.length === 0 || progress.running) return;
    cancelRef.current = false;
    setOutcomes([]);
    const bytesTotal = files.reduce((s, f) => s + f.size, 0);
    let bytesDone = 0;
    let filesDone = 0;
    setProgress({ ...idle, running: true, filesTotal: files.length, bytesTotal });
    for (const file of files) {
      if (cancelRef.current) break;
      setProgress((p) => ({ ...p, current: nameOf(file), currentBytes: file.size }));
      const outcome = await importOne(file, (step) => setProgress((p) => ({ ...p, step })));
      setOutcomes((o) => [...o, outcome]);
      // a file stopped by Cancel was not imported: it counts with the ones never started
      if (cancelRef.current && 'refused' in outcome) break;
      filesDone += 1;
      bytesDone += file.size;
      setProgress((p) => ({ ...p, filesDone, bytesDone }));
      await queryClient.invalidateQueries({ queryKey: keys.imports });
    }
    setProgress((p) => ({
      ...p,
      running: false,
      current: null,
      currentBytes: 0,
      cancelled: cancelRef.current,
    }));
    await invalidateAll();
  };

  const cancel = () => {
    cancelRef.current = true;
    setProgress((p) => ({ ...p, cancelled: true }));
    // a file that finishes before the request arrives stays posted, with its report
    api.cancelWork({}).catch(() => undefined);
  };

  return { progress, outcomes, start, cancel };
}

import type { BackupProgress } from '../../../shared/api/backups';

/** A file size as a person reads it: `512 KB`, `38.2 MB`, `1.4 GB`. */
export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GB`;
}

/** What the backup being made is doing, and how far it has got (0 to 100). */
export function progressText(p: BackupProgress): { label: string; percent: number } {
  if (p.stage === 'database') return { label: 'Copying and checking the database…', percent: 10 };
  if (p.stage === 'finishing') return { label: 'Writing the manifest…', percent: 98 };
  const share = p.total === 0 ? 1 : p.done / p.total;
  return {
    label: `Copying documents: ${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')}`,
    percent: 40 + Math.round(share * 55),
  };
}

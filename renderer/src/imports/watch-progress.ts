import type { WorkProgress } from '../../../shared/api/imports';
import { api } from '../app/api';

/** Often enough for a bar that moves, seldom enough to cost the import nothing. */
const POLL_MS = 250;

/**
 * Awaits a long write (an import) while asking the main process how far it has got:
 * each answer goes to `show`, and null once the write is over.
 */
export async function watchProgress<T>(
  work: Promise<T>,
  show: (progress: WorkProgress | null) => void,
): Promise<T> {
  let over = false;
  const poll = async () => {
    while (!over) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (over) return;
      // progress is a courtesy: a failed question must not fail the import
      const progress = await api.workProgress({}).catch(() => null);
      if (!over && progress) show(progress);
    }
  };
  void poll();
  try {
    return await work;
  } finally {
    over = true;
    show(null);
  }
}

/** "Posting claims: 3,400 of 10,000", or "Reading the file…" before the count is known. */
export function stepText(p: WorkProgress): string {
  if (p.total === 0) return `${p.label}…`;
  return `${p.label}: ${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')}`;
}

/** The share of the step done, 0 to 1; 0 before the count is known. */
export function stepShare(p: WorkProgress | null): number {
  return p && p.total > 0 ? Math.min(1, p.done / p.total) : 0;
}

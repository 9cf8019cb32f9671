import type { ImportProblem } from '../../../shared/api/imports';

/** "CLP at segment 14: …" so the person (or the payer's help desk) can find the spot. */
export function problemText(p: ImportProblem): string {
  if (p.segmentId && p.segmentIndex !== null)
    return `${p.segmentId} at segment ${p.segmentIndex}: ${p.message}`;
  if (p.segmentId) return `${p.segmentId}: ${p.message}`;
  if (p.segmentIndex !== null) return `Segment ${p.segmentIndex}: ${p.message}`;
  return p.message;
}

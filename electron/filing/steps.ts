/**
 * The points of filing where a crash leaves something different behind. Tests stop a
 * child process at a chosen one (kill -9) to prove that no crash blocks the next filing.
 */
export type FilingStep = 'stage-opened' | 'staged' | 'rows-written' | 'file-moved' | 'committed';

let listener: ((step: FilingStep) => void) | null = null;

/** For tests only: called at every step of every filing in this process. */
export function onFilingStep(fn: ((step: FilingStep) => void) | null): void {
  listener = fn;
}

export function filingStep(step: FilingStep): void {
  listener?.(step);
}

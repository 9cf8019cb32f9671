import type { WorkProgress } from '../../shared/api/imports';
import type { Db } from '../db/open';

/**
 * Tests only: no request can install a hold, so the window never reaches this. A test that
 * cancels or watches long work cannot rely on the machine being slow enough to catch it
 * part way; instead it stops the steps at a point it chooses, acts, and lets them go on.
 */
export interface StepHold {
  /** Resolves with the progress at which the steps stopped, once they have. */
  readonly reached: Promise<WorkProgress>;
  /** Lets the steps go on (or removes the hold if they never reached it). */
  release(): void;
}

interface Hold {
  readonly at: (progress: WorkProgress) => boolean;
  readonly reach: (progress: WorkProgress) => void;
  readonly released: Promise<void>;
  readonly release: () => void;
}

const holds = new WeakMap<Db, Hold>();

/**
 * Holds the next long work on this connection after the first step whose progress `at`
 * accepts, until the test releases it or a cancel arrives (cancelWork ends the hold: the
 * work then stops there, provably part way). One hold stops the work once.
 */
export function holdSteps(db: Db, at: (progress: WorkProgress) => boolean): StepHold {
  if (holds.has(db)) throw new Error('this connection already has a hold on its steps');
  let reach: (progress: WorkProgress) => void = () => undefined;
  let release: () => void = () => undefined;
  const reached = new Promise<WorkProgress>((resolve) => (reach = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const hold: Hold = { at, reach, released, release };
  holds.set(db, hold);
  return {
    reached,
    release: () => {
      if (holds.get(db) === hold) holds.delete(db);
      hold.release();
    },
  };
}

/**
 * For the runner, after each step: a promise that settles when the held steps may go on,
 * or null when there is no hold here (the usual case, which costs one map lookup).
 */
export function heldAt(db: Db, progress: WorkProgress): Promise<void> | null {
  const hold = holds.get(db);
  if (!hold?.at(progress)) return null;
  holds.delete(db);
  hold.reach({ ...progress });
  return hold.released;
}

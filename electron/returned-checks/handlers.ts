import type { returnedChecksMethods } from '../../shared/api/returned-checks';
import type { HandlersOf } from '../core/handlers';
import { recordReturnedCheck } from './record';

/** Returned checks: one handler for each method of the slice. */
export const returnedChecksHandlers = {
  recordReturnedCheck,
} satisfies HandlersOf<typeof returnedChecksMethods>;

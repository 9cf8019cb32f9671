import type { collectionsMethods } from '../../shared/api/collections';
import type { HandlersOf } from '../core/handlers';
import { correctDeath, recordDeath } from './death';
import { recordReturnedMail, recordReturnedMailBatch } from './returned-mail';

/** Deceased people, returned mail and skip tracing: one handler for each method of the slice. */
export const collectionsHandlers = {
  recordDeath,
  correctDeath,
  recordReturnedMail,
  recordReturnedMailBatch,
} satisfies HandlersOf<typeof collectionsMethods>;

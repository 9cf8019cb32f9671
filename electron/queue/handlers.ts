import type { queueMethods } from '../../shared/api/queue';
import type { HandlersOf } from '../core/handlers';
import { listQueue } from './list';
import { getQueueOptions } from './options';

/** The handlers of the work queue: one for each method of the slice. */
export const queueHandlers = {
  getQueueOptions,
  listQueue,
} satisfies HandlersOf<typeof queueMethods>;

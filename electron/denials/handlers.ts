import type { denialsMethods } from '../../shared/api/denials';
import type { HandlersOf } from '../core/handlers';
import { listDenials } from './list';
import { updateDenial } from './update';

/** The handlers of denials: one for each method of the slice. */
export const denialsHandlers = {
  listDenials,
  updateDenial,
} satisfies HandlersOf<typeof denialsMethods>;

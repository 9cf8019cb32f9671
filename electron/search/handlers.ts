import type { searchMethods } from '../../shared/api/search';
import type { HandlersOf } from '../core/handlers';
import { search } from './search';

/** The handlers of global search: one for each method of the slice. */
export const searchHandlers = {
  search,
} satisfies HandlersOf<typeof searchMethods>;

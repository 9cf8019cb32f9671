import type { contactMethods } from '../../shared/api/contact';
import type { HandlersOf } from '../core/handlers';
import { liftContactRestriction, recordContactRestriction } from './restrictions';
import { getContactRules } from './rules-view';

/** Contact rules: one handler for each method of the slice. */
export const contactHandlers = {
  getContactRules,
  recordContactRestriction,
  liftContactRestriction,
} satisfies HandlersOf<typeof contactMethods>;

import type { lettersMethods } from '../../shared/api/letters';
import type { HandlersOf } from '../core/handlers';
import { draftAppeal } from './draft';
import { reproduceFiledLetter } from './facts';
import { generateAppeal, previewAppeal } from './generate';

/** The handlers of appeal letters: one for each method of the slice. */
export const lettersHandlers = {
  draftAppeal,
  previewAppeal,
  generateAppeal,
  reproduceLetter: reproduceFiledLetter,
} satisfies HandlersOf<typeof lettersMethods>;

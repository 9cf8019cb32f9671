import type { patientLettersMethods } from '../../shared/api/patient-letters';
import type { HandlersOf } from '../core/handlers';
import { generateItemizedBill } from './itemized-bill';
import { generatePatientLetter } from './letter';

/** The handlers of documents made for a patient on request. */
export const patientLettersHandlers = {
  generateItemizedBill,
  generatePatientLetter,
} satisfies HandlersOf<typeof patientLettersMethods>;

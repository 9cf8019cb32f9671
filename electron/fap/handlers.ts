import type { fapMethods } from '../../shared/api/fap';
import type { HandlersOf } from '../core/handlers';
import { recordExtraordinaryAction } from './actions';
import {
  decideAssistanceApplication,
  markApplicationIncomplete,
  receiveAssistanceApplication,
} from './applications';
import { sendEcaNotice } from './notice';
import { getAssistanceTimeline } from './timeline';

/** The 501(r) clock: financial-assistance applications, the ECA notice and ECAs taken. */
export const fapHandlers = {
  getAssistanceTimeline,
  receiveAssistanceApplication,
  markApplicationIncomplete,
  decideAssistanceApplication,
  sendEcaNotice,
  recordExtraordinaryAction,
} satisfies HandlersOf<typeof fapMethods>;

import type { appMethods } from '../../shared/api/app';
import type { HandlersOf } from '../core/handlers';
import { getAppInfo } from './info';
import { loadDemoData } from './load-demo';

/** The handlers of the app itself: one for each method of the slice. */
export const appHandlers = {
  getAppInfo,
  loadDemoData,
} satisfies HandlersOf<typeof appMethods>;

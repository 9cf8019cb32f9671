import type { IsoDate } from '../dates/iso-date';
import { none } from './fields';
import { read, write, type MethodGroup } from './method';
import type { UserRef } from './users';

/** The app itself: who is signed in, which database, and the demo hospital. */

export interface AppInfo {
  today: IsoDate;
  user: UserRef;
  accountCount: number;
  databasePath: string;
  version: string;
}

export interface DemoLoadResult {
  patients: number;
  accounts: number;
  claims: number;
  ledgerEntries: number;
}

export const appMethods = {
  getAppInfo: read<AppInfo>()(none),
  loadDemoData: write<DemoLoadResult>()(none),
} satisfies MethodGroup;

import { z } from 'zod';
import type { AccountStatus } from '../codes/enums';
import type { IsoDate } from '../dates/iso-date';
import type { Cents } from '../money/cents';
import { requiredText } from './fields';
import { read, type MethodGroup } from './method';

/** Global search (Ctrl+K) by account, claim, name, date of birth or phone. */

export type SearchMatch =
  'account_number' | 'claim_number' | 'payer_claim_number' | 'name' | 'date_of_birth' | 'phone';

export interface SearchResult {
  accountId: number;
  accountNumber: string;
  claimNumber: string | null;
  patientName: string;
  dateOfBirth: IsoDate | null;
  phone: string | null;
  serviceDate: IsoDate;
  status: AccountStatus;
  balance: Cents;
  matchedOn: SearchMatch;
}

export interface SearchResults {
  /** How the query was read, e.g. "date of birth 03/07/1961". */
  interpretedAs: string;
  results: SearchResult[];
  truncated: boolean;
}

export const searchMethods = {
  search: read<SearchResults>()(
    z.strictObject({
      query: requiredText('Search text', 100),
      limit: z.number().int().min(1).max(200).default(50),
    }),
  ),
} satisfies MethodGroup;

import { z } from 'zod';
import type { ContactRestrictionKind } from './contact';
import { AGING_BUCKET_KEYS, type AgingBucketKey } from '../aging/buckets';
import {
  FOLLOW_UP_KIND,
  type ClaimStatus,
  type FinancialClass,
  type FollowUpKind,
} from '../codes/enums';
import type { IsoDate } from '../dates/iso-date';
import type { Cents } from '../money/cents';
import { centsField, isoDateField, none, payerIdField, userIdField } from './fields';
import { read, type MethodGroup } from './method';
import type { UserRef } from './users';

/** The prioritised work queue. */

export type Priority = 'high' | 'medium' | 'low';

export interface QueueRow {
  followUpId: number;
  kind: FollowUpKind;
  dueDate: IsoDate;
  deadlineDate: IsoDate | null;
  daysToDeadline: number | null;
  priority: Priority;
  reason: string | null;
  accountId: number;
  accountNumber: string;
  patientName: string;
  financialClass: FinancialClass;
  claimId: number | null;
  claimNumber: string | null;
  claimStatus: ClaimStatus | null;
  payerName: string | null;
  denialCodes: string[];
  /** Contact restrictions in force: the row shows them so no one calls by mistake. */
  contactRestrictions: ContactRestrictionKind[];
  balance: Cents;
  insuranceBalance: Cents;
  patientBalance: Cents;
  ageDays: number;
  agingBucket: AgingBucketKey;
  ownerName: string | null;
}

/** Where a page ended: the last row's value in the sort and its id. */
export interface QueueCursor {
  key: number | string;
  id: number;
}

export interface QueueList {
  today: IsoDate;
  total: number;
  rows: QueueRow[];
  /** Reads the page after this one from where it ended, when more rows may follow. */
  next: QueueCursor | null;
}

export interface QueueOptions {
  payers: { id: number; name: string }[];
  owners: UserRef[];
}

export const QUEUE_SORT_KEYS = [
  'priority',
  'dueDate',
  'deadline',
  'balance',
  'age',
  'accountNumber',
  'patientName',
] as const;
export type QueueSortKey = (typeof QUEUE_SORT_KEYS)[number];

export const listQueueInput = z.strictObject({
  kind: z.enum(FOLLOW_UP_KIND.keys, 'Unknown follow-up kind.').nullish(),
  payerId: payerIdField().nullish(),
  agingBucket: z.enum(AGING_BUCKET_KEYS, 'Unknown aging bucket.').nullish(),
  ownerId: z.union([userIdField('Owner'), z.literal('unassigned')]).nullish(),
  dueOnOrBefore: isoDateField('Due date').nullish(),
  minBalance: centsField('Minimum balance')
    .refine((v) => v >= 0, 'Minimum balance cannot be negative.')
    .nullish(),
  sortBy: z.enum(QUEUE_SORT_KEYS, 'Unknown sort column.').default('priority'),
  sortDir: z.enum(['asc', 'desc'], 'Sort direction is asc or desc.').default('desc'),
  /**
   * The page after a cursor (keyset): read from the index where the last one ended, so a
   * deep page costs what the first does. The offset serves jumps to a row by its place.
   */
  after: z
    .strictObject({
      key: z.union([z.number(), z.string().max(200)]),
      id: z.number().int().min(1),
    })
    .nullish(),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export const queueMethods = {
  getQueueOptions: read<QueueOptions>()(none),
  listQueue: read<QueueList>()(listQueueInput),
} satisfies MethodGroup;

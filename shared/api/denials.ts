import { z } from 'zod';
import {
  APPEAL_LEVEL,
  APPEAL_RESPONSE,
  DENIAL_CATEGORY,
  DENIAL_RESOLUTION,
  DENIAL_STATE,
  type AppealLevel,
  type DenialAction,
  type DenialCategory,
  type DenialResolution,
  type DenialState,
} from '../codes/denials';
import type { IsoDate } from '../dates/iso-date';
import type { Cents } from '../money/cents';
import { denialIdField, isoDateField, optionalText, payerIdField } from './fields';
import { read, write, type Created, type MethodGroup } from './method';
import type { Priority } from './queue';

/** Denials, classified from remittances, with their appeal deadlines. */

export interface DenialView {
  id: number;
  followUpId: number;
  accountId: number;
  accountNumber: string;
  patientName: string;
  claimId: number;
  claimNumber: string;
  payerClaimNumber: string | null;
  payerName: string;
  category: DenialCategory;
  action: DenialAction;
  codes: { code: string; description: string }[];
  amount: Cents;
  remitDate: IsoDate;
  deadlineDate: IsoDate;
  daysLeft: number;
  state: DenialState;
  appealLevel: AppealLevel;
  resolution: DenialResolution | null;
  priority: Priority;
}

export interface DenialList {
  today: IsoDate;
  total: number;
  rows: DenialView[];
}

export const listDenialsInput = z.strictObject({
  open: z.boolean().default(true),
  payerId: payerIdField().nullish(),
  category: z.enum(DENIAL_CATEGORY.keys, 'Unknown denial category.').nullish(),
  state: z.enum(DENIAL_STATE.keys, 'Unknown denial state.').nullish(),
  sortBy: z.enum(['deadline', 'amount', 'payer', 'category']).default('deadline'),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export const updateDenialInput = z.strictObject({
  denialId: denialIdField(),
  state: z.enum(DENIAL_STATE.keys, 'Unknown denial state.'),
  appealLevel: z.enum(APPEAL_LEVEL.keys, 'Unknown appeal level.').nullish(),
  resolution: z.enum(DENIAL_RESOLUTION.keys, 'Unknown resolution.').nullish(),
  note: optionalText('Note', 1000),
  /**
   * The payer's answer to the appeal at the level the denial was at before this change,
   * with the date of its letter and its reference number when it gave one.
   */
  response: z
    .strictObject({
      kind: z.enum(APPEAL_RESPONSE.keys, 'Unknown payer response.'),
      letterDate: isoDateField("Date of the payer's letter"),
      reference: optionalText("Payer's reference", 60),
    })
    .nullish(),
});

export const denialsMethods = {
  listDenials: read<DenialList>()(listDenialsInput),
  updateDenial: write<Created>()(updateDenialInput),
} satisfies MethodGroup;

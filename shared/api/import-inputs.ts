import { z } from 'zod';
import { APPEAL_LEVEL, DENIAL_CATEGORY, DENIAL_RESOLUTION, DENIAL_STATE } from '../codes/denials';
import { id, optionalText, requiredText } from './fields';

/** Input schemas for file imports, remittance exceptions and denials (see contract.ts). */

/** Larger than any single day's remittance a clinic receives; beyond it, split the file. */
export const MAX_IMPORT_CHARACTERS = 50_000_000;

export const importFileInput = z.strictObject({
  fileName: requiredText('File name', 260),
  text: z
    .string({ error: 'The file content is missing.' })
    .min(1, 'The file is empty.')
    .max(MAX_IMPORT_CHARACTERS, 'The file is larger than 50 MB; split it into smaller files.'),
});

export const listImportsInput = z.strictObject({
  limit: z.number().int().min(1).max(500).default(100),
});

export const importInput = z.strictObject({ importId: id('Import') });

export const listRemittanceExceptionsInput = z.strictObject({
  status: z.enum(['open', 'matched', 'set_aside']).default('open'),
  limit: z.number().int().min(1).max(500).default(200),
});

export const resolveRemittanceExceptionInput = z.strictObject({
  exceptionId: id('Exception'),
  action: z.enum(['match', 'set_aside'], 'Choose match or set aside.'),
  claimId: id('Claim').nullish(),
  note: optionalText('Note', 500),
});

export const listDenialsInput = z.strictObject({
  open: z.boolean().default(true),
  payerId: id('Payer').nullish(),
  category: z.enum(DENIAL_CATEGORY.keys, 'Unknown denial category.').nullish(),
  state: z.enum(DENIAL_STATE.keys, 'Unknown denial state.').nullish(),
  sortBy: z.enum(['deadline', 'amount', 'payer', 'category']).default('deadline'),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export const updateDenialInput = z.strictObject({
  denialId: id('Denial'),
  state: z.enum(DENIAL_STATE.keys, 'Unknown denial state.'),
  appealLevel: z.enum(APPEAL_LEVEL.keys, 'Unknown appeal level.').nullish(),
  resolution: z.enum(DENIAL_RESOLUTION.keys, 'Unknown resolution.').nullish(),
  note: optionalText('Note', 1000),
});

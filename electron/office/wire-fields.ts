import { z } from 'zod';

/** The fields every travelling row is made of, shared by the files that describe them. */
export const gid = z.string().min(1).max(200);
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const cents = z.number().int();
export const text = z.string().nullable();

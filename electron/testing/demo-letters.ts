import type { DenialView } from '../../shared/api/denials';
import { oneOrThrow } from '../db/query';
import { generateDemoData } from '../demo/generate';
import { call } from './call';
import { createTestCtx, type TestCtx } from './test-db';

/** The demo hospital the letter tests draft from, and the denials they draft for. */

export function demoHospitalCtx(): TestCtx {
  const ctx = createTestCtx();
  try {
    generateDemoData(ctx.db, { today: ctx.clock.today(), now: ctx.clock.now(), scale: 'demo' });
    return ctx;
  } catch (error) {
    ctx.close();
    throw error;
  }
}

export const flat = (text: string) => text.replace(/\s+/g, ' ');

export type DenialTaker = (filter: (d: DenialView) => boolean) => DenialView;

/** Hands out the demo hospital's denials, each test taking its own so they do not meet. */
export function denialTaker(ctx: TestCtx): DenialTaker {
  let taken = new Set<number>();
  return (filter) => {
    const found = call(ctx, 'listDenials', { limit: 500 }).rows.filter(
      (d) => !taken.has(d.id) && filter(d),
    )[0];
    if (!found) throw new Error('the demo hospital has no such denial');
    taken = new Set([...taken, found.id]);
    return found;
  };
}

export function financialClass(ctx: TestCtx, d: DenialView): string {
  return oneOrThrow<{ fc: string }>(
    ctx.db,
    `SELECT py.financial_class AS fc FROM claims c JOIN payers py ON py.id = c.payer_id WHERE c.id = ?`,
    d.claimId,
  ).fc;
}

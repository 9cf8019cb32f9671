import type { AccountId, PersonId } from '../../shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, addClaim, addPayer, addPerson } from '../testing/builders';
import { call } from '../testing/call';
import { createTestCtx } from '../testing/test-db';
import { parseSearch } from './parse';

let ctx: ReturnType<typeof createTestCtx>;
let lopez: PersonId;
let lopezAccount: AccountId;
beforeAll(() => {
  ctx = createTestCtx();
  const payerId = addPayer(ctx);
  lopez = addPerson(ctx, {
    last: 'Lopez',
    first: 'Maria',
    dob: '1961-03-07',
    phone: '(312) 555-0147',
  });
  ({ accountId: lopezAccount } = addAccount(ctx, {
    patientId: lopez,
    number: 'A20260001',
    payerId,
  }));
  addAccount(ctx, { patientId: lopez, number: 'A20260002' });
  const other = addPerson(ctx, {
    last: 'Lopes',
    first: 'Ana',
    dob: '1980-12-01',
    phone: '(773) 555-0199',
  });
  const { accountId } = addAccount(ctx, { patientId: other, number: 'A30000001' });
  addClaim(ctx, accountId, payerId, { number: 'C90000017' });
  // claim files often number the claim like its account
  addClaim(ctx, lopezAccount, payerId, { number: 'A20260001' });
  ctx.db
    .prepare(`UPDATE claims SET payer_claim_number = 'PCN-7781' WHERE claim_number = 'C90000017'`)
    .run();
});
afterAll(() => ctx.close());

const find = (query: string) => call(ctx, 'search', { query });

describe('global search', () => {
  it('finds an account by number, exact or prefix, any case, once', () => {
    expect(find('A20260001').results.map((r) => r.accountNumber)).toEqual(['A20260001']);
    expect(find('a2026').results.map((r) => r.accountNumber)).toEqual(['A20260001', 'A20260002']);
  });

  it('finds the account of a claim number and of a payer claim number', () => {
    expect(find('C90000017').results[0]).toMatchObject({
      accountNumber: 'A30000001',
      claimNumber: 'C90000017',
      matchedOn: 'claim_number',
    });
    expect(find('pcn-7781').results[0]).toMatchObject({
      accountNumber: 'A30000001',
      matchedOn: 'payer_claim_number',
    });
  });

  it('finds people by last name prefix, "last, first" and "first last"', () => {
    expect(new Set(find('lop').results.map((r) => r.patientName))).toEqual(
      new Set(['Lopez, Maria', 'Lopes, Ana']),
    );
    expect(find('Lopez, Ma').results.every((r) => r.patientName === 'Lopez, Maria')).toBe(true);
    expect(find('maria lopez').results.length).toBe(2);
    expect(find('Lopez, Zed').results).toEqual([]);
  });

  it('finds by date of birth in US or ISO form, and by phone in any punctuation', () => {
    expect(find('3/7/1961').results.map((r) => r.accountId)).toContain(lopezAccount);
    expect(find('1961-03-07').results).toHaveLength(2);
    expect(find('312-555-0147').results.map((r) => r.matchedOn)).toEqual(['phone', 'phone']);
    expect(find('(773) 555').results[0]?.patientName).toBe('Lopes, Ana');
  });

  it('says what it searched for and when the list was cut short', () => {
    expect(find('3/7/1961').interpretedAs).toBe('date of birth 03/07/1961');
    const cut = call(ctx, 'search', { query: 'lop', limit: 1 });
    expect(cut.results).toHaveLength(1);
    expect(cut.truncated).toBe(true);
  });

  it('treats wildcard characters as plain text', () => {
    expect(find('%').results).toEqual([]);
    expect(find('_opez').results).toEqual([]);
  });
});

describe('parseSearch', () => {
  it('reads what was typed', () => {
    expect(parseSearch('02/30/1961')).toMatchObject({ kind: 'number' });
    expect(parseSearch('  ')).toBeNull();
    expect(parseSearch('smith,')).toMatchObject({ kind: 'name', last: 'smith', first: null });
  });
});

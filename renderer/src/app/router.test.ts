import { describe, expect, it } from 'vitest';
import { accountPath, appealPath, batchPath, cashPath, parseRoute } from './router';
import { isoDate } from '../../../shared/dates/iso-date';

describe('parseRoute', () => {
  it('opens the work queue on an empty hash, a bare slash and #/queue', () => {
    for (const hash of ['', '#', '#/', '#/queue']) expect(parseRoute(hash).name).toBe('queue');
  });

  it('keeps the queue filters in its params', () => {
    const route = parseRoute('#/queue?payer=3&aging=over120');
    expect(route.name).toBe('queue');
    if (route.name !== 'queue') return;
    expect(route.params.get('payer')).toBe('3');
    expect(route.params.get('aging')).toBe('over120');
  });

  it('reads an account id and the list it was opened from', () => {
    const route = parseRoute('#/accounts/42?from=queue');
    expect(route).toMatchObject({ name: 'account', accountId: 42 });
    if (route.name === 'account') expect(route.params.get('from')).toBe('queue');
  });

  it('reads posting with and without a batch', () => {
    expect(parseRoute('#/posting')).toEqual({ name: 'posting', batchId: null });
    expect(parseRoute('#/posting/7')).toEqual({ name: 'posting', batchId: 7 });
  });

  it('takes the cash summary date only when it is a real calendar date', () => {
    expect(parseRoute('#/cash?date=2026-03-07')).toEqual({ name: 'cash', date: '2026-03-07' });
    expect(parseRoute('#/cash')).toEqual({ name: 'cash', date: null });
    // an impossible date or the screen's own MM/DD/YYYY is not a date in a link
    expect(parseRoute('#/cash?date=2026-02-30')).toEqual({ name: 'cash', date: null });
    expect(parseRoute('#/cash?date=03/07/2026')).toEqual({ name: 'cash', date: null });
  });

  it('reads the collection agencies with the one chosen', () => {
    const route = parseRoute('#/agencies?agency=3');
    expect(route.name).toBe('agencies');
    if (route.name === 'agencies') expect(route.params.get('agency')).toBe('3');
  });

  it('reads the appeal of a denial', () => {
    expect(parseRoute('#/appeal/15')).toEqual({ name: 'appeal', denialId: 15 });
  });

  it('names the screens that take their state from the query', () => {
    expect(parseRoute('#/imports?tab=exceptions').name).toBe('imports');
    expect(parseRoute('#/denials?payer=2&page=3').name).toBe('denials');
    expect(parseRoute('#/templates?template=appeal-medical&copy=4').name).toBe('templates');
    expect(parseRoute('#/statements')).toEqual({ name: 'statements' });
  });

  it('opens the settings tab asked for, and the facility tab otherwise', () => {
    expect(parseRoute('#/settings?tab=users')).toEqual({ name: 'settings', tab: 'users' });
    expect(parseRoute('#/settings')).toEqual({ name: 'settings', tab: 'facility' });
    expect(parseRoute('#/settings?tab=passwords')).toEqual({ name: 'settings', tab: 'facility' });
    // the older address of the facility screen still leads there
    expect(parseRoute('#/facility')).toEqual({ name: 'settings', tab: 'facility' });
  });

  it('says not found, with the path, for anything it does not know', () => {
    for (const path of [
      '/nowhere',
      '/accounts',
      '/accounts/',
      '/accounts/abc',
      '/accounts/-3',
      '/accounts/4.5',
      '/accounts/0',
      '/accounts/007',
      '/appeal/0',
      '/posting/0',
      '/accounts/42/extra',
      '/posting/x',
      '/appeal',
      '/Queue',
      'queue',
    ])
      expect(parseRoute(`#${path}?from=queue`)).toEqual({ name: 'notFound', path });
  });

  it('reads the hash with or without its leading #', () => {
    expect(parseRoute('/accounts/9')).toMatchObject({ name: 'account', accountId: 9 });
  });
});

describe('paths back into the router', () => {
  it('lead to the screen they name', () => {
    expect(parseRoute(accountPath(12))).toMatchObject({ name: 'account', accountId: 12 });
    expect(parseRoute(appealPath(5))).toEqual({ name: 'appeal', denialId: 5 });
    expect(parseRoute(batchPath(3))).toEqual({ name: 'posting', batchId: 3 });
    expect(parseRoute(cashPath(isoDate('2026-12-31')))).toEqual({
      name: 'cash',
      date: '2026-12-31',
    });
  });
});

import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { keys } from '../app/query';
import { dropPagesScrolledPast } from './page-cache';

const filters = { sortBy: 'dueDate' };
const pageKey = (page: number) => [...keys.queue, filters, page];
const cachedPages = (client: QueryClient) =>
  client
    .getQueryCache()
    .findAll({ queryKey: keys.queue })
    .map((q) => q.queryKey[2])
    .sort((a, b) => Number(a) - Number(b));

describe('the queue page cache', () => {
  it('keeps the pages on screen, the first page and the pages fetched last, and drops the rest', () => {
    const client = new QueryClient();
    // pages 0..60 fetched in order, one millisecond apart
    for (let p = 0; p <= 60; p++) client.setQueryData(pageKey(p), { rows: [] }, { updatedAt: p });
    // page 3 is on screen: an observer watches it
    const onScreen = new QueryObserver(client, { queryKey: pageKey(3), staleTime: Infinity });
    const stop = onScreen.subscribe(() => undefined);
    // another query of the app is left alone
    client.setQueryData(['accounts'], []);

    dropPagesScrolledPast(client.getQueryCache(), 5);

    expect(cachedPages(client)).toEqual([0, 3, 56, 57, 58, 59, 60]);
    expect(client.getQueryData(['accounts'])).toEqual([]);
    stop();
  });

  it('drops nothing while no more pages than it keeps are cached', () => {
    const client = new QueryClient();
    for (let p = 0; p < 4; p++) client.setQueryData(pageKey(p), { rows: [] }, { updatedAt: p });
    dropPagesScrolledPast(client.getQueryCache(), 5);
    expect(cachedPages(client)).toEqual([0, 1, 2, 3]);
  });
});

import { describe, expect, it } from 'vitest';
import { change, serverRow, TRAVELLING_TABLES } from './wire';

const tablesOf = (options: readonly { shape: { tbl: { value: string } } }[]) =>
  options.map((o) => o.shape.tbl.value);

describe('the wire', () => {
  it('takes a change to, and a row of, every table that travels, each once', () => {
    // the unions list their members by position: one left out would make a pulled row of it
    // fail to parse, and stop every pull at that row
    const all = [...TRAVELLING_TABLES].sort();
    expect(new Set(all).size).toBe(all.length);
    expect(tablesOf(change.options).sort()).toEqual(all);
    expect(tablesOf(serverRow.options).sort()).toEqual(all);
  });
});

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES } from '../../shared/api/contract';
import { handlers } from './handlers';

const apiFolder = new URL('../../shared/api/', import.meta.url);

/** Every `<domain>Methods` slice exported under shared/api, by file. */
async function slices(): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const file of readdirSync(apiFolder)) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    const exports = (await import(new URL(file, apiFolder).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (name.endsWith('Methods') && typeof value === 'object' && value !== null) {
        found.set(`${file}:${name}`, Object.keys(value));
      }
    }
  }
  return found;
}

describe('the contract is combined from the domain slices', () => {
  // a spread lets a later slice silently replace an earlier one's method of the same name
  it('takes every slice whole, and no method from two slices', async () => {
    const owners = new Map<string, string[]>();
    for (const [slice, methods] of await slices()) {
      for (const m of methods) owners.set(m, [...(owners.get(m) ?? []), slice]);
    }
    const twice = [...owners].filter(([, by]) => by.length > 1);
    expect(twice).toEqual([]);
    expect([...owners.keys()].sort()).toEqual([...METHOD_NAMES].sort());
    for (const m of METHOD_NAMES) expect(contract[m], m).toBeDefined();
  });

  it('has exactly one handler for each method', () => {
    expect(Object.keys(handlers).sort()).toEqual([...METHOD_NAMES].sort());
  });
});

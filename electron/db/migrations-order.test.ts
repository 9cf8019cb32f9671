import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_MIGRATIONS, SERVER_SCHEMA_VERSION } from '../office/server/migrations';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

/** The numbers the files of a migrations folder start with (NNN-name.ts). */
function fileNumbers(folder: string): number[] {
  return readdirSync(folder)
    .flatMap((f) => /^(\d{3})-.*\.ts$/.exec(f)?.slice(1, 2) ?? [])
    .map(Number)
    .sort((x, y) => x - y);
}

const ascending = (versions: readonly number[]) =>
  versions.every((v, i) => i === 0 || v > (versions[i - 1] ?? v));

// some numbers are deliberately unused (given out and not taken), so neither list need be
// contiguous; each must go up, from 1, and hold every migration file of its folder, since a
// database's version is the last one applied and one registered out of order or not at all
// would never run where a later one already has
describe('migration lists', () => {
  it('the desktop’s go up strictly from 1, one for each file, the schema version the last', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions[0]).toBe(1);
    expect(ascending(versions)).toBe(true);
    expect(versions).toEqual(fileNumbers(join(__dirname, 'migrations')));
    expect(SCHEMA_VERSION).toBe(versions[versions.length - 1]);
  });

  it('the server’s go up strictly from 1, one for each file, the schema version the last', () => {
    const versions = SERVER_MIGRATIONS.map((m) => m.version);
    expect(versions[0]).toBe(1);
    expect(ascending(versions)).toBe(true);
    expect(versions).toEqual(fileNumbers(join(__dirname, '../office/server/migrations')));
    expect(SERVER_SCHEMA_VERSION).toBe(versions[versions.length - 1]);
  });

  it('a list out of order is caught', () => {
    expect(ascending([1, 2, 4, 3])).toBe(false);
    expect(ascending([1, 2, 2])).toBe(false);
  });
});

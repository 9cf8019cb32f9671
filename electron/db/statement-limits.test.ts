import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * SQLite's planner reads a LIMIT or OFFSET that is a bare parameter while it plans, and then
 * compiles the statement again whenever a new value is bound: with better-sqlite3, which binds
 * on every run, that is every run. Compiling costs several times what a short read does (a
 * number search: ~100 µs compiled each time against ~10 µs). Written `LIMIT +?` the value is an
 * expression the planner does not read, and the plan is the same. The app's statements all
 * write it so; this holds them to it.
 */

const root = path.join(__dirname, '..', '..');
// the app writes SQL's keywords in capitals: a property named limit is not a statement's
const BARE = /\b(LIMIT|OFFSET)\s+(\?|[@:]\w|\$[a-z])/;

/** The app's own source: not tests, test helpers or benchmarks' set-ups, nor PostgreSQL's. */
function appSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) {
      return ['testing', 'bench', 'server', 'node_modules'].includes(e.name)
        ? []
        : appSources(file);
    }
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [file] : [];
  });
}

describe('statements with a limit', () => {
  it('give SQLite their LIMIT and OFFSET in a form its planner does not read', () => {
    const bare = [path.join(root, 'electron'), path.join(root, 'shared')]
      .flatMap(appSources)
      .flatMap((file) =>
        fs
          .readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ at: `${path.relative(root, file)}:${i + 1}`, line }))
          .filter(({ line }) => BARE.test(line)),
      )
      .map(({ at, line }) => `${at}: ${line.trim()}`);
    expect(bare).toEqual([]);
  });
});

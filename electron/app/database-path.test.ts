import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDatabasePath } from './database-path';

const base = {
  argv: ['electron', '.'],
  env: {},
  remembered: undefined,
  userDataDir: '/data/ClaimDesk',
};

describe('resolveDatabasePath', () => {
  it('defaults to the user data folder, then to the file used last', () => {
    expect(resolveDatabasePath(base)).toEqual({
      path: path.join('/data/ClaimDesk', 'claimdesk.sqlite'),
      source: 'default',
    });
    expect(resolveDatabasePath({ ...base, remembered: '/x/y.sqlite' })).toEqual({
      path: '/x/y.sqlite',
      source: 'remembered',
    });
  });

  it('prefers --db (either form) over the environment, and the environment over the remembered file', () => {
    const env = { CLAIMDESK_DB: '/env/e.sqlite' };
    expect(resolveDatabasePath({ ...base, env, remembered: '/x/y.sqlite' }).path).toBe(
      path.resolve('/env/e.sqlite'),
    );
    expect(
      resolveDatabasePath({ ...base, env, argv: ['e', '.', '--db', '/a/b.sqlite'] }).path,
    ).toBe(path.resolve('/a/b.sqlite'));
    expect(resolveDatabasePath({ ...base, argv: ['e', '.', '--db=/c/d.sqlite'] })).toEqual({
      path: path.resolve('/c/d.sqlite'),
      source: 'argument',
    });
  });

  it('ignores a --db with no file after it and a blank environment variable', () => {
    expect(
      resolveDatabasePath({ ...base, argv: ['e', '--db'], env: { CLAIMDESK_DB: '  ' } }).source,
    ).toBe('default');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open';
import {
  decideOpening,
  fileState,
  resolveDatabasePath,
  type DatabaseTarget,
  type FileState,
} from './database-path';

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
    expect(resolveDatabasePath({ ...base, env, remembered: '/x/y.sqlite' })).toEqual({
      path: path.resolve('/env/e.sqlite'),
      source: 'environment',
    });
    expect(resolveDatabasePath({ ...base, env, argv: ['e', '.', '--db', '/a/b.sqlite'] })).toEqual({
      path: path.resolve('/a/b.sqlite'),
      source: 'argument',
    });
    expect(resolveDatabasePath({ ...base, argv: ['e', '.', '--db=/c/d.sqlite'] })).toEqual({
      path: path.resolve('/c/d.sqlite'),
      source: 'argument',
    });
  });

  it('refuses a --db followed by an option or by nothing, rather than opening another database', () => {
    for (const argv of [
      ['e', '.', '--db', '--inspect=9229'],
      ['e', '.', '--db=--inspect=9229'],
      ['e', '.', '--db', '-x'],
    ]) {
      expect(resolveDatabasePath({ ...base, argv })).toEqual({
        refused: expect.stringMatching(/is an option, not a database file/),
      });
    }
    for (const argv of [
      ['e', '--db'],
      ['e', '--db='],
    ]) {
      expect(resolveDatabasePath({ ...base, argv })).toEqual({
        refused: expect.stringMatching(/--db but no database file after it/),
      });
    }
  });

  it('ignores a blank environment variable', () => {
    expect(resolveDatabasePath({ ...base, env: { CLAIMDESK_DB: '  ' } })).toMatchObject({
      source: 'default',
    });
  });
});

describe('deciding whether to open, create or ask', () => {
  const named: DatabaseTarget = { path: '/office/clinic.sqlite', source: 'argument' };
  const missing: FileState = { kind: 'missing', folderExists: true };

  it('opens an existing database from any source, and creates the usual one on the first start', () => {
    for (const source of ['argument', 'environment', 'remembered', 'default'] as const) {
      expect(decideOpening({ ...named, source }, { kind: 'database' })).toEqual({
        action: 'open',
      });
    }
    expect(decideOpening({ ...named, source: 'default' }, missing)).toEqual({ action: 'open' });
  });

  it('asks before a named file that does not exist (a typo) or is empty becomes a new database', () => {
    for (const source of ['argument', 'environment', 'remembered'] as const) {
      const decision = decideOpening({ ...named, source }, missing);
      expect(decision).toMatchObject({ action: 'ask', question: 'Create a new, empty database?' });
      expect(decision.action === 'ask' && decision.detail).toMatch(
        /check the name for a typo.*you become its supervisor/,
      );
    }
    expect(decideOpening(named, { kind: 'empty' })).toMatchObject({
      action: 'ask',
      detail: expect.stringMatching(/is an empty file, not a database/),
    });
    expect(decideOpening({ ...named, source: 'default' }, { kind: 'empty' })).toMatchObject({
      action: 'ask',
    });
  });

  it('refuses a folder, a file that is not a database and a missing folder, saying which', () => {
    expect(decideOpening(named, { kind: 'folder' })).toMatchObject({
      action: 'refuse',
      message: expect.stringMatching(/is a folder, not a database file/),
    });
    expect(decideOpening(named, { kind: 'other' })).toMatchObject({
      action: 'refuse',
      message: expect.stringMatching(/is not a ClaimDesk database file/),
    });
    expect(decideOpening(named, { kind: 'missing', folderExists: false })).toMatchObject({
      action: 'refuse',
      message: expect.stringMatching(/There is no folder "\/office"/),
    });
  });
});

describe('fileState', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-path-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('tells a database from a missing, empty or foreign file and a folder', () => {
    const db = path.join(dir, 'real.sqlite');
    openDatabase(db).close();
    expect(fileState(db)).toEqual({ kind: 'database' });
    expect(fileState(path.join(dir, 'typo.sqlite'))).toEqual({
      kind: 'missing',
      folderExists: true,
    });
    expect(fileState(path.join(dir, 'nope', 'x.sqlite'))).toEqual({
      kind: 'missing',
      folderExists: false,
    });
    fs.writeFileSync(path.join(dir, 'empty.sqlite'), '');
    expect(fileState(path.join(dir, 'empty.sqlite'))).toEqual({ kind: 'empty' });
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a database');
    expect(fileState(path.join(dir, 'notes.txt'))).toEqual({ kind: 'other' });
    expect(fileState(dir)).toEqual({ kind: 'folder' });
  });
});

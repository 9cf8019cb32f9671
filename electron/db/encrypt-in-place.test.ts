import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../demo/generate';
import { addAccount, addPerson } from '../testing/builders';
import { holdsName, PATIENT } from '../testing/plain-bytes';
import { createTestCtx } from '../testing/test-db';
import { isEncryptedFile, newDatabaseKey, type DatabaseKey } from './cipher';
import {
  contentsOf,
  encryptDatabaseFile,
  ENCRYPTION_STEPS,
  finishEncryption,
  type Contents,
} from './encrypt-in-place';
import { openDatabase } from './open';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const child = path.join(repo, 'electron', 'testing', 'encrypt-child.ts');

let demo = '';
let expected: Contents;
const dirs: string[] = [];

beforeAll(() => {
  const ctx = createTestCtx();
  dirs.push(ctx.dir);
  generateDemoData(ctx.db, { today: ctx.clock.today(), now: ctx.clock.now(), scale: 'demo' });
  addAccount(ctx, { patientId: addPerson(ctx, { last: PATIENT }) });
  expected = contentsOf(ctx.db);
  ctx.db.close();
  demo = ctx.databasePath;
  expect(holdsName(demo)).toBe(true);
}, 120_000);
afterAll(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A copy of the demo hospital's plain database in a folder of its own. */
function plainCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-encrypt-'));
  dirs.push(dir);
  const file = path.join(dir, 'claimdesk.sqlite');
  fs.copyFileSync(demo, file);
  return file;
}

function contentsWith(file: string, key: DatabaseKey): Contents {
  const db = openDatabase(file, { key });
  try {
    return contentsOf(db);
  } finally {
    db.close();
  }
}

/** Only the database is left in its folder: no copy, no plain file aside, no WAL. */
const leftovers = (file: string) =>
  fs.readdirSync(path.dirname(file)).filter((name) => name !== path.basename(file));

describe('encrypting a plain database in place', () => {
  it('round-trips the demo hospital exactly and leaves no patient name in any file', () => {
    const file = plainCopy();
    const key = newDatabaseKey();
    encryptDatabaseFile(file, key);
    expect(isEncryptedFile(file)).toBe(true);
    expect(leftovers(file)).toEqual([]);
    expect(holdsName(file)).toBe(false);
    expect(contentsWith(file, key)).toEqual(expected);
    // and again is nothing: an encrypted file is left as it is
    const bytes = fs.readFileSync(file);
    encryptDatabaseFile(file, key);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  }, 60_000);

  it('writes zeros over the plain file before deleting it', () => {
    const file = plainCopy();
    const size = fs.statSync(file).size;
    let aside: Buffer | null = null;
    encryptDatabaseFile(file, newDatabaseKey(), (step) => {
      if (step === 'overwritten') aside = fs.readFileSync(`${file}.plain`);
    });
    const seen = aside as Buffer | null;
    expect(seen?.length).toBe(size);
    expect(seen?.every((byte) => byte === 0)).toBe(true);
    expect(leftovers(file)).toEqual([]);
  }, 60_000);

  it.each(ENCRYPTION_STEPS)(
    'loses nothing when killed after the step "%s": the next start finishes or rolls back',
    (step) => {
      const file = plainCopy();
      const key = newDatabaseKey();
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', child, file, key.toString('hex'), step],
        { cwd: repo, encoding: 'utf8' },
      );
      expect(run.stderr).toBe('');
      expect(run.signal, `the child reached the step ${step}`).toBe('SIGKILL');

      // the next start, before anything opens the file
      finishEncryption(file);
      expect(leftovers(file)).toEqual([]);
      const checkedBeforeKill = ENCRYPTION_STEPS.indexOf(step) >= ENCRYPTION_STEPS.indexOf('named');
      expect(isEncryptedFile(file)).toBe(checkedBeforeKill);
      if (checkedBeforeKill) {
        expect(holdsName(file)).toBe(false);
        expect(contentsWith(file, key)).toEqual(expected);
      } else {
        const db = openDatabase(file);
        expect(contentsOf(db)).toEqual(expected);
        db.close();
      }
      // and asked again, it is done
      encryptDatabaseFile(file, key);
      expect(isEncryptedFile(file)).toBe(true);
      expect(leftovers(file)).toEqual([]);
      expect(contentsWith(file, key)).toEqual(expected);
    },
    60_000,
  );
});

import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open';
import { describeFailure, failureKind } from './failure';
import { longWorkNotePath } from './long-work-note';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-failure-'));
});
afterEach(() => {
  fs.chmodSync(dir, 0o755);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The error a real call throws. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
}

/**
 * A folder nobody may create files in. chmod does not stop root, and the build machines
 * run the tests as root; sysfs refuses root too, so there it stands in.
 */
function readOnlyFolder(): string {
  if (process.getuid?.() === 0 && fs.existsSync('/sys/kernel')) return '/sys/kernel';
  fs.chmodSync(dir, 0o555);
  return dir;
}

describe('describeFailure', () => {
  it('says the disk is full, and what to do, when the database cannot grow', () => {
    const db = openDatabase(path.join(dir, 'full.sqlite'));
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 2}`);
    const error = thrownBy(() => {
      for (let i = 0; i < 1_000; i++) {
        db.prepare(
          `INSERT INTO users (username, display_name, created_at) VALUES (?, ?, 'now')`,
        ).run(`user-${i}-${'x'.repeat(500)}`, 'A User');
      }
    });
    db.close();
    expect(failureKind(error)).toBe('disk_full');
    expect(describeFailure(error)).toEqual({
      code: 'internal',
      message: expect.stringMatching(
        /^The disk .* is full, so nothing was saved\. Free some space/,
      ),
    });
  });

  it('names the folder it may not write to', () => {
    const folder = readOnlyFolder();
    const error = thrownBy(() => fs.writeFileSync(path.join(folder, 'claimdesk-42.pdf'), 'x'));
    expect(failureKind(error)).toBe('folder_read_only');
    expect(describeFailure(error).message).toBe(
      `ClaimDesk may not write to the folder "${folder}" where it files documents, so nothing ` +
        'was saved. Ask your IT support to give you permission to write there.',
    );
  });

  it('says a damaged database is damaged and not to keep working in it', () => {
    const file = path.join(dir, 'damaged.sqlite');
    const raw = new Database(file);
    raw.exec(`CREATE TABLE scratch (note TEXT); INSERT INTO scratch VALUES ('kept');`);
    const { rootpage } = raw
      .prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'scratch'`)
      .get() as { rootpage: number };
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.close();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (rootpage - 1) * pageSize);
    fs.closeSync(fd);
    const again = new Database(file);
    const error = thrownBy(() => again.prepare(`SELECT * FROM scratch`).all());
    again.close();
    expect(failureKind(error)).toBe('damaged');
    expect(describeFailure(error).message).toMatch(
      /^The database file is damaged.*restore the latest backup/,
    );
  });

  it('offers trying again for a busy database, and for nothing that trying again cannot fix', () => {
    const file = path.join(dir, 'busy.sqlite');
    const holder = openDatabase(file);
    const other = openDatabase(file, { busyTimeoutMs: 0 });
    holder.exec('BEGIN IMMEDIATE');
    const error = thrownBy(() =>
      other
        .prepare(`INSERT INTO users (username, display_name, created_at) VALUES ('a', 'A', 'n')`)
        .run(),
    );
    holder.exec('ROLLBACK');
    expect(failureKind(error)).toBe('busy');
    expect(describeFailure(error, { databasePath: file })).toEqual({
      code: 'conflict',
      message:
        'Another ClaimDesk was saving to this database at the same moment. ' +
        'Nothing was saved. Please try again.',
    });
    // with a note from a live import beside the file, it says who and what
    fs.writeFileSync(
      longWorkNotePath(file),
      JSON.stringify({
        who: 'Maria Lopez',
        what: 'importing remit.835',
        since: '2026-03-16T10:02:00.000Z',
        pid: process.pid,
        host: os.hostname(),
      }),
    );
    expect(describeFailure(error, { databasePath: file }).message).toMatch(
      /^Maria Lopez is importing remit\.835 \(since \d\d:\d\d\)\. .* Try again when it has finished\.$/,
    );
    holder.close();
    other.close();
    for (const kind of ['disk_full', 'folder_read_only', 'damaged', 'unexpected'] as const) {
      const sample = {
        disk_full: { code: 'SQLITE_FULL' },
        folder_read_only: { code: 'EROFS', path: '/docs/x.pdf' },
        damaged: { code: 'SQLITE_NOTADB' },
        unexpected: new TypeError('x is undefined'),
      }[kind];
      expect(failureKind(sample)).toBe(kind);
      expect(describeFailure(sample).message).not.toMatch(/try again/i);
    }
  });
});

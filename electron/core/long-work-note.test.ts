import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { longWorkNotePath, readLongWorkNote, withLongWorkNote } from './long-work-note';

let dir: string;
let databasePath: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-note-'));
  databasePath = path.join(dir, 'office.sqlite');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const work = { who: 'Maria Lopez', what: 'importing remit.835', since: '2026-03-16T10:02:00Z' };

describe('the long-work note beside the database', () => {
  it('is there while the work runs and gone after, even when the work fails', async () => {
    const seen = await withLongWorkNote(databasePath, work, () =>
      Promise.resolve(readLongWorkNote(databasePath)),
    );
    expect(seen).toEqual({ ...work, pid: process.pid, host: os.hostname() });
    expect(fs.existsSync(longWorkNotePath(databasePath))).toBe(false);
    await expect(
      withLongWorkNote(databasePath, work, () => Promise.reject(new Error('cancelled'))),
    ).rejects.toThrow('cancelled');
    expect(fs.existsSync(longWorkNotePath(databasePath))).toBe(false);
  });

  it('ignores a note left by a process that has gone, and keeps one of a process still running', async () => {
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const note = (pid: number) =>
      fs.writeFileSync(
        longWorkNotePath(databasePath),
        JSON.stringify({ ...work, pid, host: os.hostname() }),
      );
    note(gone);
    expect(readLongWorkNote(databasePath)).toBeNull();
    const mine = { ...work, who: 'Rita Representative' };
    await withLongWorkNote(databasePath, mine, () => Promise.resolve());
    // a live one (this process stands in for another workstation) is left as it is
    note(process.pid);
    await withLongWorkNote(databasePath, mine, () => Promise.resolve());
    expect(readLongWorkNote(databasePath)?.who).toBe('Maria Lopez');
  });

  it('reads nothing from a missing or malformed note', () => {
    expect(readLongWorkNote(databasePath)).toBeNull();
    fs.writeFileSync(longWorkNotePath(databasePath), '{"who": 1');
    expect(readLongWorkNote(databasePath)).toBeNull();
  });
});

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open';
import { addAccount } from '../testing/builders';
import { createTestCtx, type TestCtx } from '../testing/test-db';
import { documentsDir, recordedPath, SET_ASIDE_FOLDER, setAsideDir, stagingDir } from './location';
import { fileDocument } from './store';
import { sweepDocuments } from './sweep';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const child = path.join(repo, 'electron', 'testing', 'filing-child.ts');
/** Every step of the child's filing of six documents (see filing-child.ts). */
const STEPS = 20;

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

function pdfsUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.pdf'))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/** Files in the folder that no row names, and staged files: what a crash left. */
function strays(rows: { fileName: string }[]): number {
  const known = new Set(rows.map((r) => r.fileName.split('/').join(path.sep)));
  const root = documentsDir(ctx.databasePath);
  const filed = pdfsUnder(root).filter(
    (f) => !f.startsWith(`.staging${path.sep}`) && !f.startsWith(SET_ASIDE_FOLDER) && !known.has(f),
  );
  return filed.length + pdfsUnder(stagingDir(ctx.databasePath)).length;
}

describe('a crash while filing', () => {
  it(`blocks no later filing, whichever of its ${STEPS} steps it happens at`, async () => {
    const { accountId } = addAccount(ctx);
    let blocked = 0;
    let setAside = 0;
    for (let killAt = 1; killAt <= STEPS; killAt++) {
      const rowsBefore = (
        ctx.db.prepare(`SELECT count(*) AS n FROM documents`).get() as {
          n: number;
        }
      ).n;
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', child, ctx.databasePath, String(killAt), String(accountId)],
        { cwd: repo, encoding: 'utf8' },
      );
      expect(run.stderr).toBe('');
      expect(run.signal, `the child reached step ${killAt}`).toBe('SIGKILL');

      // the next start of ClaimDesk: open, scan, then file
      const db = openDatabase(ctx.databasePath);
      const next = { ...ctx, db };
      try {
        const rows = db
          .prepare(`SELECT id, folder, file_name AS fileName, sha256 FROM documents`)
          .all() as { id: number; folder: string; fileName: string; sha256: string }[];
        // only a crash after the commit kept the run; every other one kept nothing
        expect(rows.length - rowsBefore).toBe(killAt === STEPS ? 6 : 0);
        const left = strays(rows);
        const report = sweepDocuments(next);
        expect(report.notDone).toBeNull();
        expect(report.setAside).toHaveLength(left);
        setAside += left;
        expect(pdfsUnder(setAsideDir(ctx.databasePath))).toHaveLength(setAside);
        expect(pdfsUnder(stagingDir(ctx.databasePath))).toEqual([]);

        try {
          await fileDocument(
            next,
            {
              kind: 'statement',
              title: `after kill ${killAt}`,
              accountId,
              templateId: 'patient-statement',
              templateCopyId: null,
              documentDate: ctx.clock.today(),
              pages: 1,
              warnings: [],
            },
            Buffer.from(`%PDF-1.7 after kill ${killAt}`),
            (id) => id,
          );
        } catch {
          blocked++;
        }
        // every row's file is there and is what was filed
        const all = db
          .prepare(`SELECT folder, file_name AS fileName, sha256 FROM documents`)
          .all() as { folder: string; fileName: string; sha256: string }[];
        for (const row of all) {
          const file = recordedPath(ctx.databasePath, row.folder, row.fileName) ?? '';
          const hash = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
          expect(hash, row.fileName).toBe(row.sha256);
        }
        expect(strays(all)).toBe(0);
      } finally {
        db.close();
      }
    }
    expect(blocked).toBe(0);
    // nothing deleted: a crash while staging left the files staged so far (1, 1, 2, 2 ... 6,
    // 6: 42 in all); one after the rows were written left all six of its run (7 x 6)
    expect(setAside).toBe(84);
  }, 240_000);
});

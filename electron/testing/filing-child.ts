/**
 * Run as a child process by the kill-during-filing test: files a statement run with its
 * statements, as a statement run does, and kills itself (kill -9) at the filing step the
 * test chose, so the test sees exactly what a crash at that point leaves behind.
 *
 *   node --import tsx electron/testing/filing-child.ts <database> <kill at step n> <account id>
 */
import { fixedClock } from '../core/context';
import { openDatabase } from '../db/open';
import { oneOrThrow } from '../db/query';
import type { AccountId, UserId } from '../../shared/ids';
import { onFilingStep } from '../filing/steps';
import { fileStaged, stageDocument, type NewDocument } from '../filing/store';
import { TEST_TODAY } from './test-db';

/** With the run itself, six documents: 2 steps each to stage, then rows, 6 moves, commit: 20. */
const STATEMENTS_PER_RUN = 5;

async function main(): Promise<void> {
  const [databasePath = '', killAt = '0', accountArg = '0'] = process.argv.slice(2);
  const db = openDatabase(databasePath);
  // the test database's one user, who files the run
  const { userId } = oneOrThrow<{ userId: UserId }>(
    db,
    `SELECT id AS userId FROM users WHERE id = 1`,
  );
  const { accountId } = oneOrThrow<{ accountId: AccountId }>(
    db,
    `SELECT id AS accountId FROM accounts WHERE id = ?`,
    Number(accountArg),
  );
  const ctx = { db, clock: fixedClock(TEST_TODAY), userId, databasePath };
  let step = 0;
  onFilingStep(() => {
    if (++step === Number(killAt)) process.kill(process.pid, 'SIGKILL');
  });
  const doc = (kind: NewDocument['kind'], i: number): NewDocument => ({
    kind,
    title: `${kind} ${i}`,
    accountId: kind === 'statement_run' ? null : accountId,
    templateId: 'patient-statement',
    templateCopyId: null,
    documentDate: TEST_TODAY,
    pages: 1,
    warnings: [],
    inRun: kind === 'statement',
  });
  const staged = [];
  for (let i = 0; i <= STATEMENTS_PER_RUN; i++) {
    const kind = i === 0 ? 'statement_run' : 'statement';
    staged.push(
      await stageDocument(ctx, doc(kind, i), Buffer.from(`%PDF-1.7 ${process.pid} ${i}`)),
    );
  }
  fileStaged(ctx, staged, (ids) => ids);
  db.close();
}

await main();

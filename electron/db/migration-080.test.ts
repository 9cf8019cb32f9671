import { expect, it } from 'vitest';
import { all, run } from './query';
import { addAccount } from '../testing/builders';
import { createTestCtx } from '../testing/test-db';

/**
 * Migration 80: a de-identification stays as made (migration 29) but for one waiting for the
 * office's answer, which the office's refusal removes with what waited beside it.
 */
it('lets only a waiting de-identification be removed, and what waited goes with it', () => {
  const ctx = createTestCtx();
  try {
    const deidentified = () => {
      const { accountId, patientId } = addAccount(ctx);
      run(
        ctx.db,
        `INSERT INTO deidentifications (person_id, account_id, reason, done_at, done_by)
           VALUES (?, ?, 'Retention period over', ?, ?)`,
        patientId,
        accountId,
        ctx.clock.now(),
        ctx.userId,
      );
      return patientId;
    };
    const made = deidentified();
    const waiting = deidentified();
    run(
      ctx.db,
      `INSERT INTO deidentifications_waiting (person_id, person, texts) VALUES (?, '{}', '[]')`,
      waiting,
    );
    expect(() => run(ctx.db, `DELETE FROM deidentifications WHERE person_id = ?`, made)).toThrow(
      /kept as made/,
    );
    run(ctx.db, `DELETE FROM deidentifications WHERE person_id = ?`, waiting);
    expect(all(ctx.db, `SELECT person_id AS id FROM deidentifications`)).toEqual([{ id: made }]);
    expect(all(ctx.db, `SELECT person_id FROM deidentifications_waiting`)).toEqual([]);
    // nothing waits for a de-identification that is not recorded
    expect(() =>
      run(
        ctx.db,
        `INSERT INTO deidentifications_waiting (person_id, person, texts) VALUES (?, '{}', '[]')`,
        waiting,
      ),
    ).toThrow(/FOREIGN KEY/);
  } finally {
    ctx.close();
  }
});

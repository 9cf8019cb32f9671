import pg from 'pg';
import { expect, it } from 'vitest';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { stageOrderSql } from './server/stages';
import { laterStage, type DunningStageRow } from './wire-stages';

const row = (updatedAt: string): DunningStageRow => ({
  accountGid: 'base:1',
  guarantorGid: 'base:2',
  stage: 1,
  firstStatementDate: '2026-01-01',
  statementsSent: 2,
  lastStatementDate: '2026-02-01',
  lastAmountDue: 100,
  source: 'statement',
  updatedAt,
});

describeWithPg('the stage order on a desk and on the server', () => {
  it('a desk and the server agree on which of two stage rows is later', async () => {
    const server = await createServerDatabase();
    const client = new pg.Client(server);
    await client.connect();
    try {
      // two texts that UTF-16 code units and code points order differently
      const a = row('2026-02-01T10:00:00.000Z\u{FFFD}');
      const b = row('2026-02-01T10:00:00.000Z\u{1F600}');
      const values = (r: DunningStageRow) =>
        `SELECT ${r.stage}::smallint AS stage, '${r.firstStatementDate}'::text AS first_statement_date,
           ${r.statementsSent} AS statements_sent, '${r.lastStatementDate}'::text AS last_statement_date,
           ${r.lastAmountDue}::bigint AS last_amount_due, '${r.source}'::text AS source,
           '${r.updatedAt}'::text AS updated_at`;
      const { rows } = await client.query<{ later: boolean }>(
        `SELECT ${stageOrderSql('x')} > ${stageOrderSql('y')} AS later
           FROM (${values(b)}) x, (${values(a)}) y`,
      );
      expect(rows[0]?.later).toBe(laterStage(b, a));
    } finally {
      await client.end();
    }
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../testing/call';
import { addAccount, addClaim, addPayer } from '../../testing/builders';
import { createTestCtx, type TestCtx } from '../../testing/test-db';
import { read277 } from '../x12/read-277';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

const dir = fileURLToPath(new URL('../../../../shared/fixtures/x12/277/', import.meta.url));
const fixture = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

describe('importing claim status (277)', () => {
  it('reads every public sample and updates the claims it can match', () => {
    const payerId = addPayer(ctx);
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.277'))) {
      // give each claim in the sample a claim of ours with its patient control number
      for (const t of read277(fixture(name)).transactions) {
        for (const c of t.claims) {
          const exists = ctx.db
            .prepare(`SELECT 1 FROM claims WHERE claim_number = ?`)
            .get(c.patientControlNumber);
          if (!exists) {
            const { accountId } = addAccount(ctx, { payerId });
            addClaim(ctx, accountId, payerId, { number: c.patientControlNumber, status: 'billed' });
          }
        }
      }
      const report = call(ctx, 'importFile', { fileName: name, text: fixture(name) });
      expect(report.status, name).toBe('posted');
      expect(report.claimStatus?.unmatched, name).toBe(0);
    }
    const events = ctx.db.prepare(`SELECT count(*) AS n FROM claim_status_events`).get() as {
      n: number;
    };
    expect(events.n).toBeGreaterThan(0);
    const statuses = ctx.db.prepare(`SELECT DISTINCT status FROM claims ORDER BY status`).all() as {
      status: string;
    }[];
    expect(statuses.map((s) => s.status).some((s) => s !== 'billed')).toBe(true);
  });
});

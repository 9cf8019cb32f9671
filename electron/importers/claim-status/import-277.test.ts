import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../testing/call';
import { addAccount, addClaim, addPayer } from '../../testing/builders';
import { createTestCtx, type TestCtx } from '../../testing/test-db';
import { read277 } from '../x12/read-277';
import { file277 } from '../../testing/x12/write-277';

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

describe('importing 277CA acknowledgments', () => {
  const billed = (number: string) => {
    const payerId = addPayer(ctx);
    const { accountId } = addAccount(ctx, { payerId });
    const claimId = addClaim(ctx, accountId, payerId, { number, status: 'billed' });
    return { accountId, claimId };
  };
  const claimStatus = (claimId: number) =>
    (ctx.db.prepare(`SELECT status FROM claims WHERE id = ?`).get(claimId) as { status: string })
      .status;
  const followUps = (claimId: number) =>
    ctx.db
      .prepare(`SELECT kind, reason, status FROM follow_ups WHERE claim_id = ? ORDER BY id`)
      .all(claimId) as { kind: string; reason: string; status: string }[];

  it('marks a rejected claim and opens a fix-and-resubmit follow-up with every code in words', () => {
    const accepted = billed('CA-ACCEPTED');
    const rejected = billed('CA-REJECTED');
    const text = file277([
      { patientControlNumber: 'CA-ACCEPTED', status: { codes: ['A2:20:PR'] } },
      {
        patientControlNumber: 'CA-REJECTED',
        status: { codes: ['A7:21:85', 'A7:562:85'], message: 'NPI\tNOT ON FILE' },
        lines: [{ procedure: '99213', charge: '125', status: { codes: ['A7:454'] } }],
      },
      { patientControlNumber: 'NOT-OURS', status: { codes: ['A3:21:IL'] } },
    ]);
    const report = call(ctx, 'importFile', { fileName: 'ack.277', text });
    expect(report.status).toBe('posted');
    expect(report.claimStatus).toEqual({
      claimsRead: 3,
      claimsUpdated: 2,
      rejections: 1,
      followUpsCreated: 1,
      unmatched: 1,
      skipped: 0,
      alreadyRecorded: 0,
    });
    expect(report.summary).toBe(
      '3 claims: 2 updated, 1 rejected (fix and resubmit), 1 follow-up, 1 not matched',
    );
    expect(claimStatus(accepted.claimId)).toBe('acknowledged');
    expect(followUps(accepted.claimId)).toEqual([]);
    expect(claimStatus(rejected.claimId)).toBe('rejected');
    expect(followUps(rejected.claimId)).toEqual([
      {
        kind: 'claim_status',
        status: 'open',
        reason:
          'Fix and resubmit: FIRST CLEARINGHOUSE rejected claim CA-REJECTED: ' +
          'A7:21:85 (Acknowledgement: rejected for invalid information; Missing or invalid information; about the billing provider); ' +
          "A7:562:85 (Acknowledgement: rejected for invalid information; Entity's National Provider Identifier (NPI); about the billing provider) (message: NPI NOT ON FILE); " +
          'line 1 (99213): A7:454 (Acknowledgement: rejected for invalid information; Procedure code for services rendered).',
      },
    ]);
    const events = ctx.db
      .prepare(`SELECT category, status_code AS status FROM claim_status_events WHERE claim_id = ?`)
      .all(rejected.claimId);
    expect(events).toEqual([
      { category: 'A7', status: '21' },
      { category: 'A7', status: '562' },
      { category: 'A7', status: '454' },
    ]);

    // the corrected claim is accepted by the next acknowledgment
    const again = call(ctx, 'importFile', {
      fileName: 'ack2.277',
      text: file277([{ patientControlNumber: 'CA-REJECTED', status: { codes: ['A2:20:PR'] } }], {
        controlNumber: '000000278',
      }),
    });
    expect(again.claimStatus?.claimsUpdated).toBe(1);
    expect(claimStatus(rejected.claimId)).toBe('acknowledged');
    expect(followUps(rejected.claimId).map((f) => f.status)).toEqual(['done']);

    // the first file imported again: each claim's statuses are recorded already, so nothing is
    // posted twice (no second event or note, and the claim keeps its newer acknowledgment)
    const notes = () => ctx.db.prepare(`SELECT count(*) AS n FROM activities`).get();
    const before = notes();
    const repeat = call(ctx, 'importFile', { fileName: 'ack.277', text });
    expect(repeat.claimStatus).toMatchObject({
      claimsUpdated: 0,
      alreadyRecorded: 2,
      unmatched: 1,
    });
    expect(repeat.summary).toBe(
      '3 claims: 0 updated, 0 follow-ups, 1 not matched, 2 recorded already',
    );
    expect(notes()).toEqual(before);
    expect(claimStatus(rejected.claimId)).toBe('acknowledged');
    expect(
      ctx.db
        .prepare(`SELECT count(*) AS n FROM claim_status_events WHERE claim_id = ?`)
        .get(rejected.claimId),
    ).toEqual({ n: 4 });
  });

  it('says when the whole batch was rejected above the claims', () => {
    billed('CA-BATCH');
    const report = call(ctx, 'importFile', {
      fileName: 'batch.277',
      text: file277([{ patientControlNumber: 'CA-BATCH', status: { codes: ['A3:21:85'] } }], {
        receiverStatus: { codes: ['A3:24:41'] },
      }),
    });
    expect(report.warnings.map((w) => w.message)).toContain(
      'Rejected for the submitter (information receiver) GENERAL HOSPITAL: A3:24:41 (Acknowledgement: returned as unprocessable claim; Entity not approved as an electronic submitter; about the submitter). The claims under it were not taken in; fix and send them again.',
    );
  });

  it('refuses a file whose every transaction fails its checks, storing nothing', () => {
    const { claimId } = billed('CA-BROKEN');
    // the patient level names a parent level that does not exist
    const text = file277([
      { patientControlNumber: 'CA-BROKEN', status: { codes: ['A7:21'] } },
    ]).replace('HL*4*3*PT', 'HL*4*9*PT');
    const report = call(ctx, 'importFile', { fileName: 'broken.277', text });
    expect(report.status).toBe('rejected');
    expect(report.summary).toBe(
      'Rejected: Nothing was stored: the file’s only transaction failed its checks.',
    );
    expect(claimStatus(claimId)).toBe('billed');
    expect(followUps(claimId)).toEqual([]);
  });
});

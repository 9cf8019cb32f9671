import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { contract, METHOD_NAMES, type MethodName } from '../../shared/api/contract';
import { addDays } from '../../shared/dates/iso-date';
import { fixedClock, type ReadCtx } from '../core/context';
import type { HandlerOf } from '../core/handlers';
import type { Db, ReadDb } from '../db/open';
import { listQueue } from '../queue/list';
import { call, expectRefused } from '../testing/call';
import { makeSupervisor } from '../testing/builders';
import { ensureUser } from '../users/users';
import { createTestCtx, tableCounts, type TestCtx } from '../testing/test-db';
import { dispatchAsync } from './dispatch';
import { ReadTriedToWrite, runRead } from './run';
import { flushTrail } from '../audit/trail';
import { one, run } from '../db/query';

let ctx: TestCtx;
beforeAll(() => {
  ctx = createTestCtx();
  call(ctx, 'loadDemoData', {});
  call(ctx, 'openBatch', { depositDate: ctx.clock.today(), source: 'mail', expectedTotal: 10_000 });
});
afterAll(() => ctx.close());

const first = (sql: string): number => (ctx.db.prepare(sql).get() as { id: number }).id;

/** A request each read method can answer from the demo hospital. */
function sampleInputs(): Record<string, unknown> {
  const accountId = first(`SELECT id FROM accounts ORDER BY id LIMIT 1`);
  const denialId = first(`SELECT id FROM denials ORDER BY id LIMIT 1`);
  const batchId = first(`SELECT id FROM deposit_batches ORDER BY id LIMIT 1`);
  const payerId = first(`SELECT id FROM payers ORDER BY id LIMIT 1`);
  const today = ctx.clock.today();
  return {
    getAppInfo: {},
    getQueueOptions: {},
    listQueue: {},
    search: { query: 'a' },
    getAccount: { accountId },
    getFacility: {},
    listFacilities: {},
    getBillingRules: {},
    listAdjustmentReasons: {},
    listUsers: {},
    listBatches: {},
    getBatch: { batchId },
    getCashSummary: { date: today },
    getDepositSlip: { date: today },
    getDepositSlipPdf: { date: today },
    listAdjustmentRequests: {},
    previewPlan: {
      accountId,
      downPayment: 0,
      length: { mode: 'months', months: 6 },
      firstDueDate: addDays(today, 30),
    },
    getRepaymentAdvice: { accountId, annualIncome: 3_000_000, householdSize: 3 },
    workProgress: {},
    cancelWork: {},
    listImports: {},
    getImport: { importId: 1 },
    getRemittance: { remittanceId: 1 },
    listRemittanceExceptions: {},
    listDenials: {},
    listCsvMappings: {},
    previewCsvImport: {
      fileName: 'accounts.csv',
      text: 'Account,Balance\nA1,10.00\n',
      columns: { accountNumber: 'Account', balance: 'Balance' },
    },
    listTemplates: {},
    getTemplateSource: { templateId: 'final-notice' },
    previewTemplate: { templateId: 'final-notice', text: 'x' },
    draftAppeal: { denialId },
    previewAppeal: { denialId, templateId: 'appeal-eligibility-1' },
    reproduceLetter: { documentId: 1 },
    listAccountDocuments: { accountId },
    getDocumentFile: { documentId: 1 },
    listAccountCorrespondence: { accountId },
    getCorrespondenceFile: { correspondenceId: 1 },
    previewCorrespondenceFolder: {
      type: 'payer',
      receivedDate: today,
      // the first bytes of a PDF are enough for it to be read as one
      files: [
        { fileName: 'A-1.pdf', size: 8, dataBase64: Buffer.from('%PDF-1.4').toString('base64') },
      ],
    },
    listSetAsideDocuments: {},
    listStatementCandidates: {},
    countStatementCandidates: {},
    listPayers: {},
    getPayer: { payerId },
    getCodeLists: {},
    previewCodeList: {
      kind: 'reason',
      published: today,
      fileName: 'carc.csv',
      text: 'Code,Description\n45,Over the fee schedule.\n',
    },
    listUnknownCodes: {},
    getAccountDunning: { accountId },
    getContactRules: { accountId },
    getAssistanceTimeline: { accountId },
    getBadDebt: { accountId },
    listUserPermissions: {},
    getAccessState: {},
    reportActivity: {},
    unlock: {},
    getAccessReview: {},
    listAuditTrail: {},
    verifyAuditTrail: {},
    getAuditStatus: {},
    getReport: { report: 'denials', filters: { payerId } },
    getReportPdf: { report: 'aging', filters: {} },
    listAgencies: {},
    getAgency: { agencyId: 1 },
    previewPlacement: { agencyId: 1 },
    getPlacementFile: { batchId: 1 },
    listBackups: {},
    getBackupWarning: {},
    listNotSynced: {},
    listWorkingMarks: {},
    officeStatus: {},
    getOfficeServer: {},
    // no ClaimDesk main process here: refused in words, never a write
    testOfficeServer: {
      host: 'claimdesk-db.example',
      port: 5432,
      database: 'claimdesk',
      user: 'desk1',
      password: 'a password',
      caPem: null,
    },
    // no backup by that name: refused as not found, never a write
    checkBackup: { id: '2026-03-16T15-00-00-000Z' },
  };
}

const readMethods = METHOD_NAMES.filter((m) => contract[m].access === 'read');

const changesSoFar = () => (ctx.db.prepare(`SELECT total_changes() AS n`).get() as { n: number }).n;
/** Entries in the trail, with the views of the last second moved into it first. */
const auditEntries = () => {
  flushTrail(ctx.db);
  return (ctx.db.prepare(`SELECT count(*) AS n FROM audit_log`).get() as { n: number }).n;
};

describe('read methods cannot write', () => {
  it('has a sample request for every read method in the contract', () => {
    expect(Object.keys(sampleInputs()).sort()).toEqual([...readMethods].sort());
  });

  it('answers every read method without changing a row, and never with a failed write', async () => {
    const inputs = sampleInputs();
    // the first request of the day does the daily work, which writes: not part of a read
    call(ctx, 'getAppInfo', {});
    const before = tableCounts(ctx);
    const entries = auditEntries();
    const changes = changesSoFar();
    for (const method of readMethods) {
      const result = await dispatchAsync(ctx, method as MethodName, inputs[method]);
      // a read may find nothing (no import or document in the demo) or refuse the input,
      // but a write attempted inside a read would surface as an internal failure
      if (!result.ok)
        expect(result.error.code, `${method}: ${result.error.message}`).not.toBe('internal');
    }
    // the one row each audited read appends, after its read, is all that changed
    const recorded = auditEntries() - entries;
    expect(recorded).toBeGreaterThan(0);
    expect(changesSoFar()).toBe(changes + recorded);
    expect(tableCounts(ctx)).toEqual(before);
  });

  it('refuses a write attempted inside a read, and leaves the connection writable after', () => {
    const before = tableCounts(ctx);
    expect(() =>
      runRead(ctx.db, () =>
        ctx.db.prepare(`UPDATE users SET display_name = 'Sneaky' WHERE id = ?`).run(ctx.userId),
      ),
    ).toThrow(ReadTriedToWrite);
    expect(tableCounts(ctx)).toEqual(before);
    expect(ctx.db.pragma('query_only', { simple: true })).toBe(0);
  });

  it('refuses a write through the query helper before it runs, and keeps nothing a read made', () => {
    const before = tableCounts(ctx);
    let afterTheWrite = false;
    expect(() =>
      runRead(ctx.db, () => {
        run(ctx.db, `UPDATE users SET display_name = 'Sneaky' WHERE id = ?`, ctx.userId);
        afterTheWrite = true;
      }),
    ).toThrow(ReadTriedToWrite);
    expect(afterTheWrite).toBe(false);
    // a change made another way (raw SQL: a table and its row) is refused and does not stay
    expect(() =>
      runRead(ctx.db, () => {
        ctx.db.exec(`CREATE TABLE sneaky (x); INSERT INTO sneaky VALUES (1)`);
      }),
    ).toThrow(ReadTriedToWrite);
    expect(one(ctx.db, `SELECT name FROM sqlite_schema WHERE name = 'sneaky'`)).toBeUndefined();
    expect(tableCounts(ctx)).toEqual(before);
    // and the connection writes as before once the read is over
    expect(ctx.db.inTransaction).toBe(false);
    expect(
      run(ctx.db, `UPDATE users SET display_name = display_name WHERE id = ?`, ctx.userId).changes,
    ).toBe(1);
  });

  it('does the daily work before the first request of a new day, never inside the queue read', () => {
    const later = { ...ctx, clock: fixedClock(addDays(ctx.clock.today(), 30)) };
    // a promise due today and not kept: a month on, the daily work finds it broken
    const accountId = first(
      `SELECT id FROM accounts WHERE patient_balance > 0 ORDER BY id LIMIT 1`,
    );
    call(ctx, 'recordPromise', {
      accountId,
      kind: 'promise',
      amount: 1_000,
      dueDate: ctx.clock.today(),
    });
    const broken = () =>
      ctx.db
        .prepare(`SELECT status FROM promises WHERE account_id = ? ORDER BY id DESC`)
        .get(accountId);
    expect(broken()).toEqual({ status: 'open' });
    // the queue read itself, as dispatch runs it, writes nothing even when the day's work is due
    runRead(ctx.db, () => listQueue(later, contract.listQueue.input.parse({})));
    expect(broken()).toEqual({ status: 'open' });
    // the first request of the day does it, once
    call(later, 'getAppInfo', {});
    expect(broken()).toEqual({ status: 'broken' });
    const entries = auditEntries();
    const changes = changesSoFar();
    call(later, 'listQueue', {});
    // only the view's own entry in the audit trail, no second round of daily work
    expect(auditEntries()).toBe(entries + 1);
    expect(changesSoFar()).toBe(changes + 1);
  });

  it('does not do a new day’s work for a read it refuses, checked in the read’s transaction', () => {
    const later = { ...ctx, clock: fixedClock(addDays(ctx.clock.today(), 60)) };
    makeSupervisor(ctx);
    const userId = ensureUser(ctx.db, 'casey.off', 'Casey Off', ctx.clock.now());
    call(ctx, 'saveUser', {
      userId,
      displayName: 'Casey Off',
      role: 'representative',
      active: false,
    });
    const changes = changesSoFar();
    // the read's checks run inside its transaction, after the day's work would have been done
    expectRefused({ ...later, userId }, 'listQueue', {}, /turned off your ClaimDesk user/);
    expect(changesSoFar()).toBe(changes);
    // the next request that passes its checks does the day's work
    call(later, 'listQueue', {});
    expect(changesSoFar()).toBeGreaterThan(changes + 1);
  });

  it('gives a read handler a connection that functions which write do not accept', () => {
    // checked by the type checker (npm run typecheck), not when the test runs
    expectTypeOf<ReadDb>().not.toExtend<Db>();
    expectTypeOf<Db>().toExtend<ReadDb>();
    expectTypeOf<Parameters<HandlerOf<typeof contract.getAccount>>[0]>().toEqualTypeOf<ReadCtx>();
    expectTypeOf<
      Parameters<HandlerOf<typeof contract.postPatientPayment>>[0]['db']
    >().toEqualTypeOf<Db>();
  });
});

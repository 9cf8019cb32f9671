import type { Ctx } from '../core/context';
import type { Claim837, PersonName, PostalAddress } from '../importers/claims/claim-types';
import { queueRank } from '../queue/priority';
import { prepare } from '../db/query';

const lastNameOf = (n: PersonName) => (n.suffix ? `${n.last} ${n.suffix}` : n.last);
const zipOf = (zip: string) => (/^\d{9}$/.test(zip) ? `${zip.slice(0, 5)}-${zip.slice(5)}` : zip);

interface BarePerson {
  name: PersonName;
  dateOfBirth: string | null;
  sex: string | null;
  address: PostalAddress | null;
}

/**
 * The rows an 837 import of new claims writes, through bare better-sqlite3 with every
 * payer id known beforehand and people told apart in memory: per claim its people and
 * their addresses (once per person), the account, the coverage, the claim, its lines, a
 * charge per line, the account's balance, the claim-status follow-up with its queue
 * columns and rank, and a history row. No reading, matching, checks or upkeep. The
 * caller rolls it back. Returns the number of claims written.
 */
export function writeBareClaims(
  ctx: Ctx,
  claims: readonly Claim837[],
  payerIds: ReadonlyMap<string, number>,
): number {
  const { db } = ctx;
  const now = ctx.clock.now();
  const today = ctx.clock.today();
  const user = ctx.userId;
  const person = prepare(
    db,
    `INSERT INTO people (last_name, first_name, middle_name, date_of_birth, sex, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const address = prepare(
    db,
    `INSERT INTO addresses (person_id, line1, line2, city, state, zip, effective_date, reason,
       recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, 'From claim file bare.837', ?, ?)`,
  );
  const account = prepare(
    db,
    `INSERT INTO accounts (account_number, patient_id, guarantor_id, guarantor_relationship,
       service_date, discharge_date, financial_class, status, created_at,
       insurance_balance, oldest_open_date)
     VALUES (?, ?, ?, ?, ?, NULL, 'commercial', 'open', ?, ?, ?)`,
  );
  const coverage = prepare(
    db,
    `INSERT INTO coverages (account_id, payer_id, priority, member_id, group_number, subscriber_id)
     VALUES (?, ?, 1, ?, ?, ?)`,
  );
  const claim = prepare(
    db,
    `INSERT INTO claims (claim_number, account_id, coverage_id, payer_id, billed_date, status,
       total_charge, created_at, claim_type, facility_code, frequency_code, diagnosis_codes,
       prior_authorization, referral_number, statement_from, statement_to,
       billing_provider_npi, fingerprint, import_file_id)
     VALUES (?, ?, ?, ?, ?, 'billed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', NULL)`,
  );
  const line = prepare(
    db,
    `INSERT INTO claim_lines (claim_id, line_number, service_date, revenue_code, procedure_code,
       modifiers, units, charge) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const charge = prepare(
    db,
    `INSERT INTO ledger_entries (account_id, claim_id, claim_line_id, kind, side, amount,
       posting_date, payer_id, reference, reason_code, memo, reverses_id, receipt_id, created_at,
       created_by) VALUES (?, ?, ?, 'charge', 'insurance', ?, ?, NULL, NULL, NULL, ?, NULL, NULL, ?, ?)`,
  );
  const followUp = prepare(
    db,
    `INSERT INTO follow_ups (account_id, claim_id, kind, due_date, reason, payer_id, balance,
       oldest_open_date, account_number, patient_name, rank, created_at, created_by)
     VALUES (?, ?, 'claim_status', ?, 'Billed; check the status', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const history = prepare(
    db,
    `INSERT INTO activities (account_id, claim_id, kind, direction, party, outcome, body,
       user_id, occurred_at) VALUES (?, ?, 'system', NULL, NULL, NULL, ?, ?, ?)`,
  );
  const people = new Map<string, number>();
  const personId = (p: BarePerson): number => {
    const key = `${lastNameOf(p.name)}|${p.name.first ?? ''}|${p.dateOfBirth ?? ''}`;
    const known = people.get(key);
    if (known !== undefined) return known;
    const id = Number(
      person.run(lastNameOf(p.name), p.name.first ?? '', p.name.middle, p.dateOfBirth, p.sex, now)
        .lastInsertRowid,
    );
    if (p.address) {
      const a = p.address;
      address.run(id, a.line1, a.line2, a.city, a.state, zipOf(a.zip), today, now, user);
    }
    people.set(key, id);
    return id;
  };
  let written = 0;
  for (const c of claims) {
    const payerId = payerIds.get(c.payer.payerId ?? '');
    if (payerId === undefined) throw new Error('bench: a claim names a payer not on file');
    const subscriberId = personId(c.subscriber);
    const patientId = c.patient ? personId(c.patient) : subscriberId;
    const dates = c.lines.map((l) => l.serviceDate ?? c.statementFrom ?? today).sort();
    const from = dates[0] ?? today;
    const accountId = Number(
      account.run(
        c.patientControlNumber,
        patientId,
        subscriberId,
        c.patient ? 'other' : 'self',
        from,
        now,
        c.totalCharge,
        from,
      ).lastInsertRowid,
    );
    const coverageId = coverage.run(
      accountId,
      payerId,
      c.subscriber.memberId ?? '',
      c.subscriber.groupNumber,
      subscriberId,
    ).lastInsertRowid;
    const claimId = claim.run(
      c.patientControlNumber,
      accountId,
      coverageId,
      payerId,
      today,
      c.totalCharge,
      now,
      c.claimType,
      c.facilityCode,
      c.frequencyCode,
      c.diagnosisCodes.join(' '),
      c.priorAuthorization,
      c.referralNumber,
      c.statementFrom,
      c.statementTo,
      c.billingProvider.npi,
    ).lastInsertRowid;
    for (const l of c.lines) {
      const date = l.serviceDate ?? c.statementFrom ?? today;
      const lineId = line.run(
        claimId,
        l.lineNumber,
        date,
        l.revenueCode,
        l.procedure?.code ?? null,
        l.procedure && l.procedure.modifiers.length > 0 ? l.procedure.modifiers.join(':') : null,
        l.units,
        l.charge,
      ).lastInsertRowid;
      if (l.charge > 0) charge.run(accountId, claimId, lineId, l.charge, date, 'Charge', now, user);
    }
    const patient = c.patient ?? c.subscriber;
    const patientName = `${lastNameOf(patient.name)}, ${patient.name.first ?? ''}`;
    const rank = queueRank(
      { balance: c.totalCharge, oldestOpenDate: from, dueDate: today, deadlineDate: null },
      today,
    );
    followUp.run(
      accountId,
      claimId,
      today,
      payerId,
      c.totalCharge,
      from,
      c.patientControlNumber,
      patientName,
      rank,
      now,
      user,
    );
    history.run(accountId, claimId, `Claim ${c.patientControlNumber} imported`, user, now);
    written++;
  }
  return written;
}

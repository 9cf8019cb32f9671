import { describeReason } from '../../shared/codes/adjustment-codes';
import { addDays, daysBetween, formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import { allocate, cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { CLAIM_DENIALS, LINE_DENIALS, pickDenial, type DenialScenario } from './denials';
import { callReference, eftTrace, payerClaimNumber } from './numbers';
import type { AccountBuilder, ClaimLineWithDate, CoverageInfo } from './plan';

/**
 * The insurance side of an account: the claim goes out, and the payer pays, pays part,
 * denies, pends or later takes its money back; patient responsibility moves to a
 * secondary payer or to the patient.
 */

const money = (amount: number) => formatCents(cents(amount));
const us = formatUsDate;

interface PatientShare {
  code: '1' | '2' | '3';
  amount: number;
}

const SHARE_LABEL: Record<PatientShare['code'], string> = {
  '1': 'Deductible',
  '2': 'Coinsurance',
  '3': 'Copay',
};

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

function dollars(b: AccountBuilder, min: number, max: number): number {
  return b.rng.int(min, max) * 100;
}

/** What the plan leaves to the patient, by the rules of each kind of coverage. */
function patientShare(b: AccountBuilder, coverage: CoverageInfo, allowed: number): PatientShare[] {
  const shares: PatientShare[] = [];
  let left = allowed;
  const take = (code: PatientShare['code'], amount: number) => {
    const a = Math.max(0, Math.min(left, Math.round(amount)));
    if (a > 0) {
      shares.push({ code, amount: a });
      left -= a;
    }
  };
  const { rng } = b;
  switch (coverage.payer.financialClass) {
    case 'medicare':
      if (b.s.encounter === 'inpatient') {
        take('1', 167_600);
      } else {
        if (rng.chance(0.25)) take('1', 25_700);
        take('2', left * 0.2);
      }
      break;
    case 'medicaid':
      if (rng.chance(0.15)) take('3', 390);
      break;
    case 'workers_comp':
      break;
    default:
      if (rng.chance(0.4)) take('1', dollars(b, 50, 2500));
      if (rng.chance(0.5)) take('2', left * rng.pick([0.1, 0.2, 0.2, 0.3]));
      if (rng.chance(0.4)) {
        const copay =
          b.s.encounter === 'emergency'
            ? dollars(b, 150, 350)
            : b.s.encounter === 'clinic'
              ? dollars(b, 25, 60)
              : dollars(b, 0, 100);
        take('3', copay);
      }
  }
  return shares;
}

interface Adjudication {
  payment: number;
  shares: PatientShare[];
  entries: number[];
}

/** Posts a payer's payment and contractual adjustment for some lines of a claim. */
function adjudicatePaid(
  b: AccountBuilder,
  ci: number,
  lineIndexes: readonly number[],
  date: IsoDate,
): Adjudication {
  const c = b.claim(ci);
  const payer = c.coverage.payer;
  const charges = sum(lineIndexes.map((i) => c.lines[i]?.charge ?? 0));
  const [lo, hi] = payer.allowed;
  const allowed = Math.round(charges * (lo + b.rng.next() * (hi - lo)));
  const shares = patientShare(b, c.coverage, allowed);
  const payment = allowed - sum(shares.map((s) => s.amount));
  const contractual = charges - allowed;
  const entries = [
    b.post({
      kind: 'payment',
      side: 'insurance',
      amount: -payment,
      postingDate: date,
      claim: ci,
      payerId: payer.id,
      reference: eftTrace(b.rng),
    }),
  ];
  // remittances carry the contractual adjustment per service line, so it is posted per line
  const perLine = allocate(
    cents(contractual),
    lineIndexes.map((i) => c.lines[i]?.charge ?? 0),
  );
  lineIndexes.forEach((line, k) => {
    const amount = perLine[k] ?? 0;
    if (amount <= 0) return;
    entries.push(
      b.post({
        kind: 'adjustment',
        side: 'insurance',
        amount: -amount,
        postingDate: date,
        claim: ci,
        line,
        payerId: payer.id,
        reasonCode: 'CO-45',
        memo: 'Contractual allowance',
      }),
    );
    c.adjustments.push({ line, group: 'CO', reason: '45', amount, remitDate: date });
  });
  for (const s of shares)
    c.adjustments.push({
      line: null,
      group: 'PR',
      reason: s.code,
      amount: s.amount,
      remitDate: date,
    });
  return { payment, shares, entries: entries.filter((i) => i >= 0) };
}

function newClaim(
  b: AccountBuilder,
  coverage: CoverageInfo,
  lines: ClaimLineWithDate[],
  billed: IsoDate | null,
  createdOn: IsoDate,
): number {
  return b.addClaim({
    coverage,
    claimNumber: b.s.sequences.nextClaimNumber(),
    payerClaimNumber: null,
    billedDate: billed,
    remitDate: null,
    status: billed ? 'billed' : 'unbilled',
    lines,
    createdOn,
  });
}

function postCharges(b: AccountBuilder, ci: number): void {
  const c = b.claim(ci);
  c.lines.forEach((l, i) => {
    b.post({
      kind: 'charge',
      side: 'insurance',
      amount: l.charge,
      postingDate: l.serviceDate,
      claim: ci,
      line: i,
      memo: l.procedureCode ? `Rev ${l.revenueCode} / ${l.procedureCode}` : `Rev ${l.revenueCode}`,
    });
  });
}

/** Billed and not yet answered: the representative checks status after 30 days. */
function inFlight(b: AccountBuilder, ci: number, billed: IsoDate): void {
  const c = b.claim(ci);
  const payer = c.coverage.payer;
  const since = daysBetween(billed, b.today);
  c.status = since <= 2 ? 'billed' : since <= 12 ? 'acknowledged' : 'pending';
  if (c.status !== 'billed' && b.rng.chance(0.5)) {
    b.activity(addDays(billed, b.rng.int(1, 2)), {
      kind: 'system',
      body: `277CA: claim ${c.claimNumber} accepted by ${payer.shortName}.`,
      claim: ci,
    });
  }
  b.openFollowUp({
    kind: 'claim_status',
    claim: ci,
    anchor: addDays(billed, 30),
    reason:
      since > 30
        ? `No remittance from ${payer.shortName} ${since} days after billing; check claim status.`
        : `Check status if no remittance by ${us(addDays(billed, 30))}.`,
    createdOn: billed,
  });
}

/** A claim the payer has pended for weeks: the representative calls and chases it. */
function stuck(b: AccountBuilder, ci: number, billed: IsoDate): void {
  const c = b.claim(ci);
  const payer = c.coverage.payer;
  c.status = 'pending';
  c.payerClaimNumber = payerClaimNumber(b.rng, payer.code, addDays(billed, 3));
  const callOn = addDays(billed, b.rng.int(32, 45));
  let anchor = addDays(billed, 30);
  let reason = `Claim pended by ${payer.shortName}; no remittance. Check status.`;
  if (callOn <= b.today) {
    const ref = callReference(b.rng);
    if (b.rng.chance(0.5)) {
      b.call(
        callOn,
        'payer',
        'info_requested',
        `Called ${payer.shortName} provider services about claim ${c.claimNumber} (payer # ${c.payerClaimNumber}). Claim pended for medical records and itemized bill. Faxed records to ${payer.fax} same day. Call ref ${ref}.`,
        ci,
      );
      reason = `Records faxed ${us(callOn)} for pended claim; confirm received and in review.`;
    } else {
      b.call(
        callOn,
        'payer',
        'claim_in_process',
        `Called ${payer.shortName} about claim ${c.claimNumber}. Rep states claim is in process, received ${us(addDays(billed, 2))}; allow 30 more days. Call ref ${ref}.`,
        ci,
      );
      reason = `Payer said allow 30 days (call ${us(callOn)}); check status again.`;
    }
    anchor = addDays(callOn, b.rng.int(14, 30));
  }
  b.openFollowUp({
    kind: 'claim_status',
    claim: ci,
    anchor,
    reason,
    createdOn: callOn <= b.today ? callOn : billed,
  });
}

/** Patient responsibility goes to the secondary payer when there is one, otherwise to the patient. */
function settleShares(
  b: AccountBuilder,
  ci: number,
  shares: readonly PatientShare[],
  date: IsoDate,
  secondary: CoverageInfo | null,
): number[] {
  const total = sum(shares.map((s) => s.amount));
  if (total === 0) return [];
  const c = b.claim(ci);
  if (secondary) {
    const billed = addDays(date, b.rng.int(2, 6));
    if (billed > b.today) return [];
    if (secondary.payer.financialClass !== 'medicaid' && c.coverage.payer.code === 'MCR')
      c.remarks.push({ line: null, code: 'MA18' });
    const si = newClaim(
      b,
      secondary,
      c.lines.map((l) => ({ ...l })),
      billed,
      billed,
    );
    const memo = `Patient responsibility billed to secondary payer ${secondary.payer.shortName}`;
    const entries = [
      b.post({
        kind: 'transfer',
        side: 'insurance',
        amount: -total,
        postingDate: billed,
        claim: ci,
        memo,
      }),
      b.post({
        kind: 'transfer',
        side: 'insurance',
        amount: total,
        postingDate: billed,
        claim: si,
        memo,
      }),
    ];
    adjudicateSecondary(b, si, total, shares, billed);
    return entries;
  }
  const entries: number[] = [];
  for (const s of shares) {
    entries.push(
      ...b.transferToPatient(
        s.amount,
        date,
        ci,
        `PR-${s.code}`,
        `${SHARE_LABEL[s.code]} per ${c.coverage.payer.shortName} remittance`,
      ),
    );
  }
  return entries;
}

function adjudicateSecondary(
  b: AccountBuilder,
  si: number,
  owed: number,
  shares: readonly PatientShare[],
  billed: IsoDate,
): void {
  const c = b.claim(si);
  const payer = c.coverage.payer;
  const remit = addDays(billed, b.rng.int(payer.turnaround[0], payer.turnaround[1]));
  if (remit > b.today) {
    inFlight(b, si, billed);
    return;
  }
  c.status = 'paid';
  c.remitDate = remit;
  c.payerClaimNumber = payerClaimNumber(b.rng, payer.code, remit);
  const totalCharge = sum(c.lines.map((l) => l.charge));
  c.adjustments.push({
    line: null,
    group: 'OA',
    reason: '23',
    amount: totalCharge - owed,
    remitDate: remit,
  });
  let paid = owed;
  let leftToPatient = 0;
  if (payer.financialClass === 'medicaid') {
    paid = Math.round(owed * b.rng.next() * 0.6);
  } else if (b.rng.chance(0.15)) {
    // some supplements do not cover the deductible
    leftToPatient = sum(shares.filter((s) => s.code === '1').map((s) => s.amount));
    paid = owed - leftToPatient;
  }
  b.post({
    kind: 'payment',
    side: 'insurance',
    amount: -paid,
    postingDate: remit,
    claim: si,
    payerId: payer.id,
    reference: eftTrace(b.rng),
  });
  const writeOff = owed - paid - leftToPatient;
  if (writeOff > 0) {
    b.post({
      kind: 'adjustment',
      side: 'insurance',
      amount: -writeOff,
      postingDate: remit,
      claim: si,
      payerId: payer.id,
      reasonCode: 'CO-45',
      memo: 'Medicaid secondary: amount over Medicaid allowed is not billable to the patient',
    });
    c.adjustments.push({
      line: null,
      group: 'CO',
      reason: '45',
      amount: writeOff,
      remitDate: remit,
    });
  }
  if (leftToPatient > 0) {
    c.adjustments.push({
      line: null,
      group: 'PR',
      reason: '1',
      amount: leftToPatient,
      remitDate: remit,
    });
    b.transferToPatient(
      leftToPatient,
      remit,
      si,
      'PR-1',
      `Deductible not covered by ${payer.shortName}`,
    );
  }
}

function denialReason(d: DenialScenario, remarks: readonly string[], deadline: IsoDate): string {
  const text = describeReason(d.reason).replace(/\.$/, '');
  return `CO-${d.reason}${remarks.length ? ` (${remarks.join(', ')})` : ''}: ${text}. Appeal deadline ${us(deadline)}.`;
}

function appealNote(d: DenialScenario, payerName: string): string {
  if (d.reason === '16')
    return `Corrected claim submitted electronically to ${payerName} (frequency 7) with the missing information.`;
  if (d.reason === '18')
    return `Reconsideration sent to ${payerName}: this is not a duplicate; services are on a different date/line than the claim on file.`;
  return `First-level appeal mailed to ${payerName} appeals unit with itemized bill, medical records and physician letter. Sent certified mail.`;
}

/** A denial's life after the remittance: worked, appealed, overturned or written off. */
function evolveDenial(
  b: AccountBuilder,
  ci: number,
  d: DenialScenario,
  remit: IsoDate,
  amount: number,
  lineIndexes: readonly number[],
  secondary: CoverageInfo | null,
): void {
  const c = b.claim(ci);
  const payer = c.coverage.payer;
  const deadline = addDays(remit, payer.appealWindowDays);
  const remarks = c.remarks.map((r) => r.code);
  const sinceRemit = daysBetween(remit, b.today);
  const wholeClaim = d.scope === 'claim';
  b.note(addDays(remit, b.rng.int(1, 6)), `Denial review, claim ${c.claimNumber}: ${d.review}`, ci);
  if (b.rng.chance(0.35)) {
    b.call(
      addDays(remit, b.rng.int(2, 9)),
      'payer',
      'claim_denied',
      `Called ${payer.shortName} about claim ${c.payerClaimNumber ?? c.claimNumber}: denied CO-${d.reason} on ${us(remit)}. Rep confirmed appeal window ends ${us(deadline)}. Call ref ${callReference(b.rng)}.`,
      ci,
    );
  }
  const route =
    sinceRemit <= 20
      ? 'open'
      : sinceRemit <= 150
        ? b.rng.weighted([
            ['open', 60],
            ['appeal', sinceRemit > 25 ? 40 : 0],
          ] as const)
        : b.rng.weighted([
            ['overturn', wholeClaim ? 35 : 10],
            ['appeal', 15],
            ['resolve', 35],
            ['open', 15],
          ] as const);
  const denialFollowUp = {
    kind: 'denial' as const,
    claim: ci,
    deadline,
    reason: denialReason(d, remarks, deadline),
    createdOn: addDays(remit, 1),
  };
  if (route === 'open') {
    b.openFollowUp({ ...denialFollowUp, anchor: addDays(remit, b.rng.int(3, 15)) });
    return;
  }
  if (route === 'resolve') {
    const on = addDays(remit, b.rng.int(30, 120));
    if (on > b.today) {
      b.openFollowUp({ ...denialFollowUp, anchor: addDays(remit, 10) });
      return;
    }
    if (d.movesToPatient && wholeClaim) {
      b.transferToPatient(
        amount,
        on,
        ci,
        null,
        `CO-${d.reason} coverage denial: balance moved to patient responsibility`,
      );
    } else {
      b.post({
        kind: 'adjustment',
        side: 'insurance',
        amount: -amount,
        postingDate: on,
        claim: ci,
        payerId: payer.id,
        reasonCode: `CO-${d.reason}`,
        memo: d.writeOff,
      });
      b.note(
        on,
        `Write-off of ${money(amount)} approved (CO-${d.reason}). ${d.writeOff}`,
        ci,
        b.s.supervisorId,
      );
    }
    if (wholeClaim) c.status = 'closed';
    b.doneFollowUp({ ...denialFollowUp, due: addDays(remit, 10), completedOn: on });
    return;
  }
  const latestAppeal = Math.max(10, Math.min(60, sinceRemit - 1));
  const appealed = addDays(remit, b.rng.int(10, latestAppeal));
  c.status = 'appealed';
  b.note(appealed, appealNote(d, payer.shortName), ci);
  b.doneFollowUp({ ...denialFollowUp, due: addDays(remit, 10), completedOn: appealed });
  const decision = addDays(appealed, b.rng.int(30, 60));
  if (route === 'overturn' && decision <= b.today) {
    c.status = 'paid';
    c.remitDate = decision;
    const adjudication = adjudicatePaid(b, ci, lineIndexes, decision);
    b.note(
      decision,
      `Appeal approved: ${payer.shortName} reprocessed claim ${c.claimNumber} and paid ${money(adjudication.payment)} on ${us(decision)}.`,
      ci,
    );
    b.doneFollowUp({
      kind: 'claim_status',
      claim: ci,
      due: addDays(appealed, 30),
      reason: `Appeal sent ${us(appealed)}; check status.`,
      createdOn: appealed,
      completedOn: decision,
    });
    settleShares(b, ci, adjudication.shares, decision, secondary);
    return;
  }
  b.openFollowUp({
    kind: 'claim_status',
    claim: ci,
    anchor: addDays(appealed, b.rng.int(30, 45)),
    reason: `Appeal sent ${us(appealed)} to ${payer.shortName}; check appeal status.`,
    createdOn: appealed,
  });
}

function denyWholeClaim(
  b: AccountBuilder,
  ci: number,
  remit: IsoDate,
  secondary: CoverageInfo | null,
): void {
  const c = b.claim(ci);
  const d = pickDenial(b.rng, CLAIM_DENIALS, c.coverage.payer.financialClass);
  c.status = 'denied';
  c.lines.forEach((l, i) =>
    c.adjustments.push({
      line: i,
      group: 'CO',
      reason: d.reason,
      amount: l.charge,
      remitDate: remit,
    }),
  );
  for (const code of b.rng.pick(d.remarks)) c.remarks.push({ line: null, code });
  const all = c.lines.map((_, i) => i);
  evolveDenial(b, ci, d, remit, sum(c.lines.map((l) => l.charge)), all, secondary);
}

function denySomeLines(
  b: AccountBuilder,
  ci: number,
  remit: IsoDate,
  secondary: CoverageInfo | null,
): void {
  const c = b.claim(ci);
  const d = pickDenial(b.rng, LINE_DENIALS, c.coverage.payer.financialClass);
  const count = c.lines.length > 4 && b.rng.chance(0.3) ? 2 : 1;
  const denied = new Set<number>();
  while (denied.size < count) denied.add(b.rng.int(1, c.lines.length - 1));
  const paidLines = c.lines.map((_, i) => i).filter((i) => !denied.has(i));
  const adjudication = adjudicatePaid(b, ci, paidLines, remit);
  c.status = 'partially_paid';
  const remarks = b.rng.pick(d.remarks);
  let deniedAmount = 0;
  for (const i of denied) {
    const charge = c.lines[i]?.charge ?? 0;
    deniedAmount += charge;
    c.adjustments.push({
      line: i,
      group: 'CO',
      reason: d.reason,
      amount: charge,
      remitDate: remit,
    });
    for (const code of remarks) c.remarks.push({ line: i, code });
  }
  settleShares(b, ci, adjudication.shares, remit, secondary);
  evolveDenial(b, ci, d, remit, deniedAmount, [...denied], secondary);
}

/** The payer paid and later took the money back (a recoupment): everything it posted is reversed. */
function paidThenReversed(b: AccountBuilder, ci: number, remit: IsoDate): boolean {
  const reversedOn = addDays(remit, b.rng.int(20, 90));
  if (reversedOn > b.today) return false;
  const c = b.claim(ci);
  const payer = c.coverage.payer;
  const adjudication = adjudicatePaid(
    b,
    ci,
    c.lines.map((_, i) => i),
    remit,
  );
  const shares = settleShares(b, ci, adjudication.shares, remit, null);
  const why = b.rng.pick([
    'retroactive eligibility review',
    'coordination of benefits review: other coverage primary',
    'post-payment audit of level of care',
    'claim paid in error under wrong member',
  ]);
  for (const index of [...adjudication.entries, ...shares])
    b.reverse(index, reversedOn, `Payer recoupment (${why})`);
  c.status = 'reversed';
  b.note(
    reversedOn,
    `${payer.shortName} reversed claim ${c.payerClaimNumber ?? c.claimNumber} on remittance dated ${us(reversedOn)}: ${money(adjudication.payment)} recouped (${why}). Patient portion moved back to insurance pending reprocessing.`,
    ci,
  );
  b.openFollowUp({
    kind: 'claim_status',
    claim: ci,
    anchor: addDays(reversedOn, b.rng.int(10, 20)),
    reason: `Payer recouped ${money(adjudication.payment)} on ${us(reversedOn)}; confirm claim is being reprocessed.`,
    createdOn: reversedOn,
  });
  return true;
}

function paid(
  b: AccountBuilder,
  ci: number,
  billed: IsoDate,
  remit: IsoDate,
  secondary: CoverageInfo | null,
): void {
  const c = b.claim(ci);
  const payer = c.coverage.payer;
  c.status = 'paid';
  const adjudication = adjudicatePaid(
    b,
    ci,
    c.lines.map((_, i) => i),
    remit,
  );
  settleShares(b, ci, adjudication.shares, remit, secondary);
  if (b.rng.chance(0.25)) {
    b.doneFollowUp({
      kind: 'claim_status',
      claim: ci,
      due: addDays(billed, 30),
      reason: `Check status if no remittance by ${us(addDays(billed, 30))}.`,
      createdOn: billed,
      completedOn: remit,
    });
  }
  if (adjudication.payment > 0 && b.rng.chance(0.012)) {
    const again = addDays(remit, b.rng.int(10, 40));
    if (again > b.today) return;
    b.post({
      kind: 'payment',
      side: 'insurance',
      amount: -adjudication.payment,
      postingDate: again,
      claim: ci,
      payerId: payer.id,
      reference: eftTrace(b.rng),
      memo: 'Duplicate payment: claim paid a second time',
    });
    b.note(
      again,
      `${payer.shortName} paid claim ${c.claimNumber} twice (${money(adjudication.payment)}). Insurance credit balance; refund request sent for approval.`,
      ci,
    );
    const refunded = addDays(again, b.rng.int(20, 60));
    if (refunded <= b.today && b.rng.chance(0.5)) {
      b.post({
        kind: 'refund',
        side: 'insurance',
        amount: adjudication.payment,
        postingDate: refunded,
        claim: ci,
        payerId: payer.id,
        reference: `Refund check #${b.rng.int(50001, 59999)}`,
        memo: 'Refund of duplicate payment to payer',
      });
      b.note(
        refunded,
        `Refund of ${money(adjudication.payment)} approved and mailed to ${payer.shortName}.`,
        ci,
        b.s.supervisorId,
      );
    }
  }
}

export function planInsured(b: AccountBuilder, lines: ClaimLineWithDate[]): void {
  const { rng, today, s } = b;
  const primary = s.coverages[0];
  if (!primary) throw new Error('demo plan: insured account without coverage');
  const secondary = s.coverages[1] ?? null;
  const payer = primary.payer;
  const endDate = s.dischargeDate ?? s.serviceDate;
  let billed = addDays(endDate, rng.int(2, 9));
  if (billed > today || (rng.chance(0.025) && daysBetween(billed, today) < 60)) {
    const held = billed <= today;
    const ci = newClaim(b, primary, lines, null, endDate);
    postCharges(b, ci);
    const reason = held
      ? `Claim held in scrubber: ${rng.pick(['missing authorization number', 'invalid principal diagnosis code', 'attending physician NPI missing', 'HCPCS code requires NDC'])}. Correct and release.`
      : `Not yet billed: awaiting final coding. Expected to bill ${us(billed)}.`;
    b.openFollowUp({
      kind: 'claim_status',
      claim: ci,
      anchor: held ? addDays(billed, 3) : billed,
      deadline: addDays(s.serviceDate, payer.timelyFilingDays),
      reason,
      createdOn: endDate,
    });
    return;
  }
  let ci = newClaim(b, primary, lines, billed, billed);
  if (rng.chance(0.03)) {
    const replacedOn = addDays(billed, rng.int(8, 30));
    if (replacedOn <= today) {
      const voided = b.claim(ci);
      voided.status = 'voided';
      if (rng.chance(0.5))
        voided.payerClaimNumber = payerClaimNumber(rng, payer.code, addDays(billed, 5));
      const why = rng.pick([
        'corrected revenue code on line 1',
        'added modifier 25 to E/M line',
        'corrected member ID',
        'added missing occurrence code',
        'corrected discharge status',
      ]);
      ci = newClaim(
        b,
        primary,
        lines.map((l) => ({ ...l })),
        replacedOn,
        replacedOn,
      );
      b.note(
        replacedOn,
        `Claim ${voided.claimNumber} voided (frequency 8) and replaced by corrected claim ${b.claim(ci).claimNumber} (frequency 7): ${why}.`,
        ci,
      );
      billed = replacedOn;
    }
  }
  postCharges(b, ci);
  const remit = addDays(billed, rng.int(payer.turnaround[0], payer.turnaround[1]));
  if (remit > today) {
    inFlight(b, ci, billed);
    return;
  }
  const c = b.claim(ci);
  const outcome = rng.weighted([
    ['paid', 70],
    ['partial', c.lines.length >= 2 ? 7 : 0],
    ['denied', payer.financialClass === 'medicaid' ? 20 : 14],
    ['reversed', secondary ? 0 : 2],
    ['stuck', 5],
  ] as const);
  if (outcome === 'stuck') {
    stuck(b, ci, billed);
    return;
  }
  c.remitDate = remit;
  c.payerClaimNumber = payerClaimNumber(rng, payer.code, remit);
  if (outcome === 'denied') denyWholeClaim(b, ci, remit, secondary);
  else if (outcome === 'partial') denySomeLines(b, ci, remit, secondary);
  else if (outcome !== 'reversed' || !paidThenReversed(b, ci, remit))
    paid(b, ci, billed, remit, secondary);
}

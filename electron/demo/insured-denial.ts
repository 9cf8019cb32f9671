import { describeReason } from '../../shared/codes/adjustment-codes';
import { addDays, daysBetween, type IsoDate } from '../../shared/dates/iso-date';
import { CLAIM_DENIALS, LINE_DENIALS, pickDenial, type DenialScenario } from './denials';
import { money, us } from './format';
import { adjudicatePaid, sum } from './insured-adjudication';
import { settleShares } from './insured-secondary';
import { callReference } from './numbers';
import type { AccountBuilder, CoverageInfo } from './plan';

/** Claims the payer denies in whole or in part, and what becomes of each denial. */

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

export function denyWholeClaim(
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

export function denySomeLines(
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

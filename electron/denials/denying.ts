/**
 * Which of a remittance's adjustment codes are the payer refusing to pay, as opposed to
 * routine adjudication on the same claim (the contractual allowance, the patient's
 * deductible, coinsurance and copay, sequestration, the prior payer's share). The rule
 * itself is the reason code table's (shared/codes/reason-rules.ts).
 */
import { isDenyingAdjustment } from '../../shared/codes/reason-rules';

interface Coded<L> {
  lineId: L;
  a: { group: string; reason: string };
}

/**
 * The codes a denial lists: its denying adjustments (each once, in the payer's order) and
 * the remark codes that go with them, a remark on a service line when that line was
 * denied, a claim-level remark when anything was. When the payer denied without a
 * denying code (claim status 4 with routine codes only), every remark stays, since the
 * remarks are then all the reason given.
 */
export function denialCodes<L>(
  adjustments: readonly Coded<L>[],
  remarks: readonly { lineId: L | null; code: string }[],
): { reasons: { group: string; reason: string }[]; remarks: string[] } {
  const denying = adjustments.filter(({ a }) => isDenyingAdjustment(a.group, a.reason));
  const seen = new Set<string>();
  const reasons: { group: string; reason: string }[] = [];
  for (const { a } of denying) {
    const key = `${a.group}-${a.reason}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reasons.push({ group: a.group, reason: a.reason });
  }
  const deniedLines = new Set(denying.map((d) => d.lineId));
  const kept =
    denying.length === 0
      ? remarks
      : remarks.filter((r) => r.lineId === null || deniedLines.has(r.lineId));
  return { reasons, remarks: [...new Set(kept.map((r) => r.code))] };
}

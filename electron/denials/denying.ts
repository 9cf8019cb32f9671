/**
 * Which of a remittance's adjustment codes are the payer refusing to pay, as opposed to
 * routine adjudication on the same claim (the contractual allowance, the patient's
 * deductible, coinsurance and copay, sequestration, the prior payer's share). This is
 * the one place the importers and the denials ask; it is kept here, small, until the
 * full reason code tables can answer it, and then swapped for theirs.
 */

/**
 * Reason codes that are routine whatever the group: the patient's share (1, 2, 3), the
 * contractual allowance and fee schedule (45, 42, A2, 131), the prior payer's share (23),
 * capitation (24), multiple procedure rules (59), processed in excess of charges (94),
 * sequestration (253).
 */
const ROUTINE_REASONS = new Set([
  '1',
  '2',
  '3',
  '23',
  '24',
  '42',
  '45',
  '59',
  '94',
  '131',
  'A2',
  '253',
]);

/**
 * Whether an adjustment (group and reason code) says the payer refused to pay: never a
 * patient responsibility (PR) amount, never a routine code.
 */
export function isDenyingAdjustment(group: string, code: string): boolean {
  return group !== 'PR' && !ROUTINE_REASONS.has(code);
}

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

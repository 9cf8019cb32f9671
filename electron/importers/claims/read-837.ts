import type { GroupHeader } from '../x12/envelope';
import { issueAt, type SegmentPosition, type X12Issue } from '../x12/issues';
import { groupOf, readFile } from '../x12/read-file';
import { plural } from '../../../shared/text/count';
import type { ClaimTransaction, Read837Result } from './claim-types';
import { claimTypeOfGuide, readTransaction } from './transaction-837';

/** Other guides a file sent here by mistake may follow, named so the message helps. */
const OTHER_GUIDES: readonly { prefix: string; name: string }[] = [
  { prefix: '005010X221', name: 'an 835 remittance advice' },
  { prefix: '005010X212', name: 'a 276/277 claim status' },
  { prefix: '005010X214', name: 'a 277CA claim acknowledgment' },
  { prefix: '005010X279', name: 'a 270/271 eligibility' },
  { prefix: '005010X220', name: 'an 834 enrollment' },
  { prefix: '005010X224', name: 'an 837 dental claim' },
  { prefix: '004010', name: 'a version 4010' },
];

/** GS01 functional identifiers, for saying what a group is when it is not claims. */
const FUNCTIONAL_GROUPS: Record<string, string> = {
  HP: 'remittance advice',
  HN: 'claim status',
  HR: 'claim status requests',
  HS: 'eligibility requests',
  HB: 'eligibility responses',
  BE: 'enrollment',
  FA: 'acknowledgments',
};

/**
 * Reads an 837 claim file, institutional or professional: every interchange, group and
 * transaction in it, with the envelope checks, the claim-level checks (service lines that
 * add up to the claim total, dates, amounts) and the claims as a flat list. Never throws;
 * see `Read837Result` for where problems go.
 */
export function read837(text: string): Read837Result {
  const result = readFile(text, '837', readTransaction, (t) => [
    ...t.errors,
    ...t.claims.flatMap((c) => c.errors),
  ]);
  for (const t of result.transactions) {
    const group = groupOf(result.interchanges, t);
    checkHeaders(t, group, result.envelopeErrors);
  }
  setEncountersAside(result);
  return result;
}

const FILE_START: SegmentPosition = { segmentIndex: 1, byteOffset: 0 };

/**
 * Encounter reports (BHT06 RP) ask for no payment, so ClaimDesk has nothing to bill from
 * them. In a file that also holds claims they are skipped with a warning and the claims
 * go in; a file of encounters only is refused, saying what it holds.
 */
function setEncountersAside(result: Read837Result): void {
  const isEncounter = (t: ClaimTransaction) => t.claimOrEncounter === 'RP';
  const encounters = result.transactions.filter(isEncounter);
  if (encounters.length === 0) return;
  const why = (t: ClaimTransaction) =>
    `Transaction ${t.controlNumber} reports encounters (BHT06 RP), not claims for payment`;
  const at = (t: ClaimTransaction, message: string): X12Issue => ({
    ...issueAt(t.position ?? FILE_START, 'wrong-transaction-type', message),
    segmentId: 'ST',
  });
  if (encounters.length === result.transactions.length) {
    result.envelopeErrors.push(
      ...encounters.map((t) => at(t, `${why(t)}; ClaimDesk imports claims.`)),
    );
    return;
  }
  result.transactions = result.transactions.filter((t) => !isEncounter(t));
  result.warnings.push(
    ...encounters.map((t) =>
      at(
        t,
        `${why(t)}; it was skipped with its ${plural(t.claims.length, 'encounter')}, and the file's claim transactions were imported.`,
      ),
    ),
  );
}

/**
 * The functional group and the implementation guide must both say "837 claims": an 835
 * whose ST01 was changed, or a dental or 4010 file, is refused as a whole with a message
 * naming what it is instead.
 */
function checkHeaders(t: ClaimTransaction, group: GroupHeader | null, errors: X12Issue[]): void {
  const at = t.position ?? FILE_START;
  const where = (problem: string) =>
    errors.push({ ...issueAt(at, 'wrong-transaction-type', problem), segmentId: 'ST' });
  if (group && group.functionalId !== 'HC') {
    const what = FUNCTIONAL_GROUPS[group.functionalId];
    where(
      `This is not an 837 claim file: transaction ${t.controlNumber} is marked 837, but its functional group (GS01) is ${group.functionalId || 'empty'}${what ? ` (${what})` : ''}, not HC (health care claims).`,
    );
  }
  const reference = t.implementationReference ?? group?.version ?? null;
  if (reference === null) return;
  const type = claimTypeOfGuide(reference);
  if (type === null) {
    const other = OTHER_GUIDES.find((g) => reference.startsWith(g.prefix));
    where(
      `Transaction ${t.controlNumber} follows implementation guide ${reference}${other ? `, ${other.name} guide` : ''}; ClaimDesk reads 837 claim files of version 5010, institutional (005010X223A2) and professional (005010X222A1).`,
    );
    return;
  }
  if (t.claimType === null) {
    t.claimType = type;
    for (const c of t.claims) {
      if (c.claimType !== type) {
        c.errors.push(
          issueAt(
            at,
            'wrong-transaction-type',
            `The claim's type does not match GS08 ${reference}.`,
          ),
        );
      }
    }
  }
}

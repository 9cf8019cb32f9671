import type { ClaimStatus, StatusEntity, StatusReport } from '../x12/claim-status-types';
import { oneLine } from '../x12/issues';
import type { Person } from '../x12/remittance-types';
import { explainStatusCode, isRejection } from '../x12/status-codes';

/*
 * The words a 277's statuses are filed under: every STC composite explained, with the
 * free text the sender added, and who sent it.
 */

/** Every code of the statuses in words, the sender's own message after them. */
export function explainStatuses(statuses: readonly StatusReport[], prefix = ''): string[] {
  return statuses.map((s) => {
    const codes = s.codes.map(explainStatusCode).join('; ');
    return `${prefix}${codes}${s.message ? ` (message: ${oneLine(s.message)})` : ''}`;
  });
}

/** The claim's statuses and those of its service lines, each line named by its procedure. */
export function explainClaim(claim: ClaimStatus): string[] {
  return [
    ...explainStatuses(claim.statuses),
    ...claim.serviceLines.flatMap((line, i) =>
      explainStatuses(
        line.statuses,
        `line ${i + 1}${line.procedure ? ` (${oneLine(line.procedure.code)})` : ''}: `,
      ),
    ),
  ];
}

export function claimRejected(claim: ClaimStatus): boolean {
  return [...claim.statuses, ...claim.serviceLines.flatMap((l) => l.statuses)].some((s) =>
    s.codes.some((c) => isRejection(c.category)),
  );
}

export function entityRejected(entity: StatusEntity): boolean {
  return entity.statuses.some((s) => s.codes.some((c) => isRejection(c.category)));
}

/** The clearinghouse or payer at the top of the HL tree, by name. */
export function senderOf(source: Person | null): string {
  const name = source?.lastOrOrganizationName ? oneLine(source.lastOrOrganizationName) : '';
  if (name) return name;
  return source?.entityCode === 'AY' ? 'The clearinghouse' : 'The payer';
}

const LEVEL_WORDS: Record<StatusEntity['level'], string> = {
  payer: 'the payer',
  'information-receiver': 'the submitter (information receiver)',
  provider: 'the billing provider',
  subscriber: 'the subscriber',
  dependent: 'the dependent',
  patient: 'the patient',
  other: 'a level',
};

export function levelWords(entity: StatusEntity): string {
  return LEVEL_WORDS[entity.level];
}

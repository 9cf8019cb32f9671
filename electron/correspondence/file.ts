import type { ParsedInputOf } from '../../shared/api/contract';
import type { CorrespondenceFiled, CorrespondenceType } from '../../shared/api/correspondence';
import { invalid, notFound } from '../../shared/api/errors';
import type { Party } from '../../shared/codes/enums';
import { formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { recordActivity } from '../activities/record';
import type { Ctx } from '../core/context';
import { touchAccount } from '../core/touched';
import type { ReadDb } from '../db/open';
import { one } from '../db/query';
import { fileSize, spacedFingerprint } from '../../shared/text/fingerprint';
import { checkScan, receivedProblem, typeLabel } from './check';
import { SCAN_TYPE_LABEL, type ScanType } from './file-type';
import { correspondenceView } from './list';
import { fileScans, sha256, type NewScan } from './store';

const PARTY: Record<CorrespondenceType, Party> = {
  payer: 'payer',
  patient: 'patient',
  returned_mail: 'guarantor',
  legal: 'attorney',
};

/** The scan already filed on the account with these bytes, if any. */
export function filedWith(db: ReadDb, accountId: AccountId, fingerprint: string): number | null {
  return (
    one<{ id: number }>(
      db,
      `SELECT id FROM correspondence WHERE account_id = ? AND sha256 = ?`,
      accountId,
      fingerprint,
    )?.id ?? null
  );
}

/** The history row a filed scan leaves on its account. */
export function recordFiled(
  ctx: Ctx,
  s: { accountId: AccountId; type: CorrespondenceType; originalName: string; media: ScanType },
  bytes: number,
  fingerprint: string,
  receivedDate: IsoDate,
): void {
  recordActivity(ctx, {
    accountId: s.accountId,
    kind: 'letter',
    direction: 'inbound',
    party: PARTY[s.type],
    text: `${typeLabel(s.type)} filed: "${s.originalName}" (${SCAN_TYPE_LABEL[s.media]}, ${fileSize(bytes)}), received ${formatUsDate(receivedDate)}. Fingerprint (SHA-256) ${spacedFingerprint(fingerprint)}.`,
  });
  touchAccount(ctx.db, s.accountId);
}

/**
 * Files one scan on an account (dropped on it or picked with its button). The same bytes
 * filed on the same account again are the same document: nothing new is filed.
 */
export function fileCorrespondence(
  ctx: Ctx,
  input: ParsedInputOf<'fileCorrespondence'>,
): CorrespondenceFiled {
  const account = one<{ id: AccountId; accountNumber: string }>(
    ctx.db,
    `SELECT id, account_number AS accountNumber FROM accounts WHERE id = ?`,
    input.accountId,
  );
  if (!account) throw notFound('The account');
  const late = receivedProblem(input.receivedDate, ctx.clock.today());
  if (late) throw invalid(late, 'receivedDate');
  const checked = checkScan(input.file);
  if (!checked.ok)
    throw invalid(`"${input.file.fileName}" cannot be filed: ${checked.problem}`, 'file');
  const fingerprint = sha256(checked.data);
  const earlier = filedWith(ctx.db, account.id, fingerprint);
  if (earlier !== null) {
    const view = correspondenceView(ctx.db, earlier);
    return {
      correspondence: view,
      alreadyFiled: true,
      accountId: account.id,
      message: `"${input.file.fileName}" was already filed on account ${account.accountNumber} (as "${view.originalName}", received ${formatUsDate(view.receivedDate)}); nothing new was filed.`,
    };
  }
  const scan: NewScan = {
    accountId: account.id,
    type: input.type,
    receivedDate: input.receivedDate,
    originalName: input.file.fileName,
    media: checked.media,
    data: checked.data,
  };
  recordFiled(ctx, scan, checked.data.length, fingerprint, input.receivedDate);
  // last: the file is moved into place only once everything else of the request is written
  const [id] = fileScans(ctx, [scan]);
  return {
    correspondence: correspondenceView(ctx.db, id as number),
    alreadyFiled: false,
    accountId: account.id,
    message: `${typeLabel(input.type)} "${input.file.fileName}" filed on account ${account.accountNumber}.`,
  };
}

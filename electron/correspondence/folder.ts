import type { ParsedInputOf } from '../../shared/api/contract';
import type {
  CorrespondenceFolderPreview,
  CorrespondenceFolderResult,
  CorrespondenceFolderRow,
} from '../../shared/api/correspondence';
import { ApiError } from '../../shared/api/errors';
import type { AccountId } from '../../shared/ids';
import { plural } from '../../shared/text/count';
import type { Ctx, ReadCtx } from '../core/context';
import type { ReadDb } from '../db/open';
import { one } from '../db/query';
import { checkScan, receivedProblem, typeLabel } from './check';
import { accountNumberFromName } from './file-type';
import { filedWith, recordFiled } from './file';
import { fileScans, sha256, type NewScan } from './store';

type FolderInput = ParsedInputOf<'importCorrespondenceFolder'>;

interface Planned {
  rows: CorrespondenceFolderRow[];
  scans: NewScan[];
}

/**
 * Where each file of a folder goes: the account its name begins with, the type its bytes
 * really are. A file already filed on that account (or twice in the folder) files nothing.
 */
function planFolder(db: ReadDb, input: FolderInput): Planned {
  const rows: CorrespondenceFolderRow[] = [];
  const scans: NewScan[] = [];
  const seen = new Set<string>();
  for (const file of input.files) {
    const accountNumber = accountNumberFromName(file.fileName);
    const account =
      accountNumber === null
        ? undefined
        : one<{ id: AccountId }>(
            db,
            `SELECT id FROM accounts WHERE account_number = ?`,
            accountNumber,
          );
    const checked = checkScan(file);
    const said: string[] = [];
    if (accountNumber === null) said.push('its name does not begin with an account number.');
    else if (!account) said.push(`no account ${accountNumber}.`);
    if (!checked.ok) said.push(checked.problem);
    const row: CorrespondenceFolderRow = {
      fileName: file.fileName,
      accountNumber,
      accountId: account?.id ?? null,
      media: checked.ok ? checked.media : null,
      bytes: file.size,
      alreadyFiled: false,
      problem: said.length > 0 ? `${file.fileName}: ${said.join(' ')}` : null,
    };
    rows.push(row);
    if (!account || !checked.ok || row.problem) continue;
    const fingerprint = sha256(checked.data);
    const key = `${account.id}:${fingerprint}`;
    if (seen.has(key) || filedWith(db, account.id, fingerprint) !== null) {
      row.alreadyFiled = true;
      continue;
    }
    seen.add(key);
    scans.push({
      accountId: account.id,
      type: input.type,
      receivedDate: input.receivedDate,
      originalName: file.fileName,
      media: checked.media,
      data: checked.data,
    });
  }
  return { rows, scans };
}

function summary(rows: readonly CorrespondenceFolderRow[], toFile: number) {
  return {
    toFile,
    alreadyFiled: rows.filter((r) => r.alreadyFiled).length,
    problems: rows.filter((r) => r.problem !== null).length,
  };
}

/** What importing the folder would do, file by file, before anything is filed. */
export function previewCorrespondenceFolder(
  ctx: ReadCtx,
  input: ParsedInputOf<'previewCorrespondenceFolder'>,
): CorrespondenceFolderPreview {
  const { rows, scans } = planFolder(ctx.db, input);
  return { rows, ...summary(rows, scans.length) };
}

/**
 * Files every scan of a folder whose names begin with account numbers, all or nothing: a
 * file that cannot be filed refuses the whole folder, naming each such file. Importing the
 * same folder again files nothing and says so.
 */
export function importCorrespondenceFolder(
  ctx: Ctx,
  input: FolderInput,
): CorrespondenceFolderResult {
  const late = receivedProblem(input.receivedDate, ctx.clock.today());
  if (late) {
    throw new ApiError({
      code: 'invalid_input',
      message: late,
      details: [{ path: 'receivedDate', message: late }],
    });
  }
  const { rows, scans } = planFolder(ctx.db, input);
  const problems = rows.flatMap((r, i) =>
    r.problem === null ? [] : [{ path: `files.${i}`, message: r.problem }],
  );
  if (problems.length > 0) {
    throw new ApiError({
      code: 'invalid_input',
      message: `Nothing was filed: ${plural(problems.length, 'file')} of ${rows.length} cannot be filed. Take them out of the folder or fix their names, then import it again.`,
      details: problems,
    });
  }
  const alreadyFiled = rows.filter((r) => r.alreadyFiled).length;
  const accountIds = [...new Set(scans.map((s) => s.accountId))];
  if (scans.length === 0) {
    return {
      filed: 0,
      alreadyFiled,
      accountIds: [],
      message: `Every file of the folder was filed before; nothing was filed again.`,
    };
  }
  for (const s of scans) recordFiled(ctx, s, s.data.length, sha256(s.data), s.receivedDate);
  fileScans(ctx, scans);
  const skipped =
    alreadyFiled > 0
      ? ` ${plural(alreadyFiled, 'file')} filed before ${alreadyFiled === 1 ? 'was' : 'were'} left alone.`
      : '';
  return {
    filed: scans.length,
    alreadyFiled,
    accountIds,
    message: `${plural(scans.length, 'scan')} filed as ${typeLabel(input.type).toLowerCase()} on ${plural(accountIds.length, 'account')}.${skipped}`,
  };
}

import type { ParsedInputOf } from '../../shared/api/contract';
import type { DocumentView } from '../../shared/api/documents';
import { notFound } from '../../shared/api/errors';
import { formatUsDate } from '../../shared/dates/iso-date';
import { negate } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import type { Ctx } from '../core/context';
import { recordActivity } from '../activities/record';
import type { StatementData } from '../documents/statement-data';
import { renderStatement } from '../documents/statement-layout';
import { documentView } from '../filing/list';
import { fileDocument } from '../filing/store';
import { statementTemplateInUse } from '../templates/in-use';
import { billingRules } from '../rules/billing-rules';
import { STAGES } from './dunning';
import { accountHolds, accountStates } from './holds';
import { onDemandWarnings } from './on-demand';
import { recordStatementStages } from './stages';
import { loadStatementData } from './statement-data';

export const STATEMENT_TITLE = 'Patient statement';

/** The account history's line for a statement. */
export function statementActivity(data: StatementData, documentId: number, run?: string): string {
  const due = data.summary.amountDue;
  const what =
    due < 0
      ? `credit balance ${formatCents(negate(due))}, no payment due`
      : `amount due ${formatCents(due)}${due > 0 ? ` by ${formatUsDate(data.dueDate)}` : ''}`;
  return `Statement of ${formatUsDate(data.statementDate)}${run ? ` (${run})` : ''}: ${what} (document ${documentId}).`;
}

/**
 * A statement for one account on demand, from its ledger as of today, at the stage the
 * account's cycle has reached (a plan statement while a plan is in good standing); an
 * account that owes nothing gets one too when asked (it says so). Each hold is decided by
 * ON_DEMAND: refused with its reason, printed by a supervisor with a reason, or printed with
 * the hold among the warnings.
 */
export async function generateStatement(
  ctx: Ctx,
  input: ParsedInputOf<'generateStatement'>,
): Promise<DocumentView> {
  const today = ctx.clock.today();
  const state = accountStates(ctx.db, today, billingRules(ctx.db), {
    accountIds: [input.accountId],
  })[0];
  if (!state) throw notFound('The account');
  const held = onDemandWarnings(ctx.db, ctx.userId, accountHolds(state), input.override);
  const dunning = state.patientBalance > 0 && !state.planInGoodStanding;
  const stage = dunning ? STAGES[Math.min(state.stage, STAGES.indexOf('final_notice'))] : undefined;
  const loaded = loadStatementData(ctx.db, input.accountId, today, {
    ...(stage ? { stage } : {}),
    plan: state.planInGoodStanding,
  });
  if (!loaded) throw notFound('The account');
  const { template, copyId } = statementTemplateInUse(ctx.db);
  const rendered = await renderStatement(loaded.data, { template });
  return fileDocument(
    ctx,
    {
      kind: 'statement',
      title: STATEMENT_TITLE,
      accountId: loaded.accountId,
      templateId: template.id,
      templateCopyId: copyId,
      documentDate: today,
      pages: rendered.pageCount,
      warnings: [...held, ...loaded.warnings, ...rendered.warnings],
    },
    rendered.pdf,
    (documentId) => {
      if (stage) {
        recordStatementStages(ctx, [state], stage, today, loaded.amountsDue);
      }
      recordActivity(ctx, {
        accountId: loaded.accountId,
        kind: 'letter',
        direction: 'outbound',
        party: 'guarantor',
        text:
          statementActivity(loaded.data, documentId) +
          (input.override ? ` Printed despite a hold by a supervisor: ${input.override}` : ''),
      });
      return documentView(ctx.db, documentId);
    },
  );
}

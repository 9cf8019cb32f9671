import type { statementsMethods } from '../../shared/api/statements';
import type { HandlersOf } from '../core/handlers';
import { getAccountDunning, releaseStatementHold, setCollectionHold } from './account-dunning';
import { countStatementCandidates, listStatementCandidates } from './candidates';
import { generateStatement } from './generate';
import { startStatementRun } from './runs';

/** The handlers of patient statements: one for each method of the slice. */
export const statementsHandlers = {
  generateStatement,
  listStatementCandidates,
  countStatementCandidates,
  startStatementRun,
  getAccountDunning,
  setCollectionHold,
  releaseStatementHold,
} satisfies HandlersOf<typeof statementsMethods>;

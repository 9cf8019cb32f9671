import type { ChangeableTable, RecordTable } from '../record-columns';
import { constraintOf, sqlState } from './connection';

/**
 * The server's refusal of a supervisor's decision that names someone it does not know as an
 * active supervisor (server migration 21), as distinct from the other refusals of rights a
 * desk's login meets (those are failures, not a person's work to list).
 */
export function isSupervisorRefusal(error: unknown): boolean {
  return sqlState(error) === '42501' && constraintOf(error) === 'supervisor_decision';
}

/**
 * The server's refusal of a request decided by the person who asked for it (server migration
 * 39): listed at its desk as a supervisor's decision refused, with its own reason.
 */
export function isDecidedByAsker(error: unknown): boolean {
  return sqlState(error) === '42501' && constraintOf(error) === 'decided_by_another';
}

const MADE: Partial<Record<RecordTable, string>> = {
  bad_debt_moves:
    'approve a move to bad debt, and the office does not know the person who approved this one as an active supervisor; this move and its write-off were withdrawn here and are listed',
  extraordinary_actions:
    'record an extraordinary collection action, and the office does not know the person who recorded this one as an active supervisor; it was withdrawn here with what went with it, and is listed',
  agencies:
    'add a collection agency, and the office does not know the person who added this one as an active supervisor; it was withdrawn here with what names it, and is listed',
  agency_placement_batches:
    'place accounts with a collection agency, and the office does not know the person who placed these as an active supervisor; the placements were withdrawn here and are listed',
};

/** What a later decision ending a record is, and whose record the desktop then holds. */
const ENDED: Partial<Record<ChangeableTable, readonly [decision: string, record: string]>> = {
  bad_debt_moves: ['undo a move to bad debt', 'the move'],
  assistance_applications: ['decide a financial-assistance application', 'the application'],
  contact_restrictions: ['lift a contact restriction', 'the restriction, which stands'],
  agencies: ['change a collection agency', 'the agency'],
  adjustment_requests: ['approve or refuse a request waiting for approval', 'the request'],
};

/** Why the office refused a record made by someone it does not know as a supervisor. */
export function notMadeBySupervisor(tbl: RecordTable): string {
  return `Only a supervisor can ${MADE[tbl] ?? 'make this record; it was withdrawn here and is listed'}.`;
}

/**
 * Why the office refused a change ending a record, made by someone not a supervisor. With
 * no row of it (a first-copy record nobody changed at the office) the desk keeps its own
 * state, listed, and is told so rather than that it took the office's.
 */
export function notEndedBySupervisor(tbl: ChangeableTable, officeHasIt: boolean): string {
  const [decision, record] = ENDED[tbl] ?? ['make this change', 'it'];
  const after = officeHasIt
    ? `this desktop took the office’s record of ${record}`
    : `the office has no record of it yet, so this desktop keeps its change here, listed, for a person to put right`;
  return `Only a supervisor can ${decision}, and the office does not know the person who made this change as an active supervisor; ${after}.`;
}

/**
 * Why the office refused a request's decision made by the person who asked for it. With no
 * row of it (a first-copy request, which reaches the office only with its first decision)
 * the request waits again at this desk as everywhere else (requests.ts); filed here already
 * decided, it is withdrawn.
 */
export function notDecidedByAnother(office: 'has it' | 'has none' | 'filed'): string {
  const after = {
    'has it': 'this desktop took the office’s record of the request',
    'has none':
      'the office has no record of it yet, so it waits here again, as at the other desktops',
    filed: 'it was withdrawn here and is listed',
  }[office];
  return `A request waiting for approval is approved or refused by a supervisor other than the one who asked for it, and the person who made this change asked for it; ${after}.`;
}

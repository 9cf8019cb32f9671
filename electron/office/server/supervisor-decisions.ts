import type { ChangeableTable, RecordTable } from '../record-columns';
import { sqlState } from './connection';

/**
 * The server's refusal of a supervisor's decision that names someone it does not know as an
 * active supervisor (server migration 21), as distinct from the other refusals of rights a
 * desk's login meets (those are failures, not a person's work to list).
 */
export function isSupervisorRefusal(error: unknown): boolean {
  return (
    sqlState(error) === '42501' &&
    (error as { constraint?: unknown }).constraint === 'supervisor_decision'
  );
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

const ENDED: Partial<Record<ChangeableTable, string>> = {
  bad_debt_moves:
    'undo a move to bad debt, and the office does not know the person who undid this one as an active supervisor; this desktop took the office’s record of the move',
  assistance_applications:
    'decide a financial-assistance application, and the office does not know the person who decided this one as an active supervisor; the decision and its charity adjustment were withdrawn here and are listed',
  contact_restrictions:
    'lift a contact restriction, and the office does not know the person who lifted this one as an active supervisor; this desktop took the office’s record of the restriction, which stands',
};

/** Why the office refused a record made by someone it does not know as a supervisor. */
export function notMadeBySupervisor(tbl: RecordTable): string {
  return `Only a supervisor can ${MADE[tbl] ?? 'make this record; it was withdrawn here and is listed'}.`;
}

/** Why the office refused a change ending a record, made by someone not a supervisor. */
export function notEndedBySupervisor(tbl: ChangeableTable): string {
  return `Only a supervisor can ${ENDED[tbl] ?? 'make this change; this desktop took the office’s record of it'}.`;
}

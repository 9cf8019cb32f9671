/**
 * Migration 65: a de-identified person's name taken out of the collection records' texts.
 *
 * The de-identification's scrub (purge/scrub-records.ts) rewrites the free texts of the
 * person's accounts' contact restrictions, statement holds, plans, promises, applications
 * and collection actions. Three of those tables keep a row as recorded: a hold release
 * always, a lifted restriction and a recalled placement (but for the sync worker, the
 * capture off). As migration 29 narrowed the history's rule, each now lets through an update
 * that changes only the row's free texts, each changed one to a text holding the marker, on
 * an account of a person recorded as de-identified: the scrub and nothing else. The capture
 * flag could not serve: a standalone desktop has no link row to turn it off.
 */
const DEIDENTIFIED = `EXISTS (SELECT 1 FROM deidentifications d JOIN accounts a
      ON d.person_id IN (a.patient_id, a.guarantor_id) WHERE a.id = OLD.account_id)`;

/** Only `texts` changed, each to a text with the marker, on a de-identified person's account. */
const scrubbed = (texts: readonly string[], fixed: readonly string[]) =>
  `(${fixed.map((c) => `NEW.${c} IS OLD.${c}`).join(' AND ')}
    AND ${texts.map((c) => `(NEW.${c} IS OLD.${c} OR instr(NEW.${c}, '[removed]') > 0)`).join(' AND ')}
    AND ${DEIDENTIFIED})`;

export const migration065 = `
DROP TRIGGER statement_hold_releases_no_change;
CREATE TRIGGER statement_hold_releases_no_change BEFORE UPDATE ON statement_hold_releases
WHEN NOT ${scrubbed(['reason'], ['id', 'account_id', 'hold', 'released_at', 'released_by'])}
BEGIN SELECT RAISE(ABORT, 'hold releases are kept as made'); END;

DROP TRIGGER contact_restrictions_lift_once;
CREATE TRIGGER contact_restrictions_lift_once BEFORE UPDATE ON contact_restrictions
WHEN (SELECT capture FROM office_link) IS NOT 0 AND (NEW.id IS NOT OLD.id
  OR NEW.account_id IS NOT OLD.account_id
  OR NEW.person_id IS NOT OLD.person_id OR NEW.kind IS NOT OLD.kind
  OR NEW.effective_date IS NOT OLD.effective_date OR NEW.recorded_at IS NOT OLD.recorded_at
  OR (OLD.lifted_at IS NOT NULL AND NOT ${scrubbed(
    ['note', 'lift_reason'],
    [
      'attorney_name',
      'attorney_phone',
      'attorney_address',
      'recorded_by',
      'lifted_at',
      'lifted_by',
    ],
  )}))
BEGIN SELECT RAISE(ABORT, 'a contact restriction is kept as recorded; it may be lifted once'); END;

DROP TRIGGER agency_placements_kept;
CREATE TRIGGER agency_placements_kept BEFORE UPDATE ON agency_placements
  WHEN (SELECT capture FROM office_link) IS NOT 0 AND (NEW.agency_id IS NOT OLD.agency_id
    OR NEW.account_id IS NOT OLD.account_id OR NEW.batch_id IS NOT OLD.batch_id
    OR NEW.placed_on IS NOT OLD.placed_on OR NEW.balance_placed IS NOT OLD.balance_placed
    OR (OLD.recalled_on IS NOT NULL AND NOT ${scrubbed(
      ['recall_reason'],
      ['recalled_on', 'recalled_at', 'recalled_by'],
    )}))
BEGIN SELECT RAISE(ABORT, 'a placement is kept as placed; only its recall is recorded'); END;
`;

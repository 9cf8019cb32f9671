import { conflict } from '../../shared/api/errors';
import type { Db, ReadDb } from '../db/open';
import { all, one } from '../db/query';
import { withCaptureOff } from './capture';
import { describeAgency } from './describe';
import { localIdOf } from './gids';
import { takeRows } from './take';
import { serverRow, type ServerRow } from './wire';

type AgencyServerRow = Extract<ServerRow, { tbl: 'agencies' }>;

interface AgencyHere {
  id: number;
  name: string;
}

/**
 * An office agency's row that waits in sync_held because another agency this desk keeps
 * has its name (one name office-wide, and on each desk): one of the desk's own, the office
 * having refused its adding or an older version having named it so, which the office never
 * sees and so never refuses a rename over.
 */
export interface WaitingAgency {
  /** sync_held's row, to tell the entries of the not-synced list apart */
  heldId: number;
  office: AgencyServerRow;
  /** this desk's copy of the agency the office changed; none for one added at another desk */
  stale: AgencyHere | undefined;
  /** the agency here that has the office's name */
  holder: AgencyHere;
  /**
   * the one a supervisor renames to put it right: the holder, or, when the holder is itself
   * an office agency whose own change waits on another's name, the one holding that name
   */
  toRename: AgencyHere;
}

/** Each office agency waiting here on a name another agency of this desk has, oldest first. */
export function waitingAgencies(db: ReadDb): WaitingAgency[] {
  const held = all<{ heldId: number; tbl: string; gid: string; version: number; row: string }>(
    db,
    `SELECT rowid AS heldId, tbl, gid, version, row FROM sync_held WHERE tbl = 'agencies'
       ORDER BY rowid`,
  );
  const out: WaitingAgency[] = [];
  for (const { heldId, row, ...r } of held) {
    const office = serverRow.parse({ ...r, row: JSON.parse(row) });
    if (office.tbl !== 'agencies') continue;
    const staleId = localIdOf(db, 'agencies', office.gid);
    const stale =
      staleId === undefined
        ? undefined
        : one<AgencyHere>(db, `SELECT id, name FROM agencies WHERE id = ?`, staleId);
    const holder = one<AgencyHere>(
      db,
      `SELECT id, name FROM agencies WHERE name = ? COLLATE NOCASE AND id IS NOT ?`,
      office.row.name,
      staleId ?? null,
    );
    // a name freed since is taken at the next take (a rename here takes it at once)
    if (holder) out.push({ heldId, office, stale, holder, toRename: holder });
  }
  // the office's agency holding a name waits itself (renamed away at another desk, onto a
  // name this desk's own has): renaming it would be refused here, so the one to rename is
  // at the end of that chain
  for (const w of out) {
    const seen = new Set<number>();
    let next = out.find((x) => x.stale?.id === w.toRename.id);
    while (next && !seen.has(next.heldId)) {
      seen.add(next.heldId);
      w.toRename = next.holder;
      next = out.find((x) => x.stale?.id === w.toRename.id);
    }
  }
  return out;
}

/** Why the office's change cannot be taken here, and what a person does about it. */
export function waitingReason(w: WaitingAgency): string {
  const waitsToo =
    w.toRename.id === w.holder.id
      ? ''
      : ` (${w.holder.name} waits on that name for a change of its own from the office)`;
  const fix = `A supervisor renames this desktop’s ${w.toRename.name} in Settings, Collection agencies${waitsToo};`;
  if (w.stale) {
    return (
      `The office renamed collection agency ${w.stale.name} to ${w.office.row.name} at another ` +
      `desktop, and this desktop cannot take the change while another agency kept here, ` +
      `${w.holder.name}, has that name. ${fix} the office’s change is then taken here and this ` +
      `leaves the list. Until then ${w.stale.name} keeps its old name and terms here, and ` +
      `neither agency takes accounts at this desktop.`
    );
  }
  return (
    `Collection agency ${w.office.row.name} was added at another desktop, and this desktop ` +
    `cannot take it while another agency kept here, ${w.holder.name}, has that name. ${fix} ` +
    `the office’s agency is then taken here and this leaves the list. Until then this ` +
    `desktop’s ${w.holder.name} takes no accounts.`
  );
}

/** What the office did, as the not-synced list shows it. */
export function waitingLine(w: WaitingAgency): string {
  return w.stale ? describeAgency(w.office.row) : `New collection agency ${w.office.row.name}.`;
}

/**
 * Refuses work with an agency caught in a wait (handlers call it, so no screen can skip
 * it): the one whose office change waits is here on terms the office no longer has, so it
 * takes no account, payment file or change of its own; the one holding the name takes no
 * account, which would never reach the office (it names an agency the office has not) while
 * the account's new status did, leaving it at an agency elsewhere with no placement to
 * recall. Payments on what the holder placed before still post, on its own terms.
 */
export function refuseWaitingAgency(
  db: ReadDb,
  agencyId: number,
  work: 'place' | 'post' | 'change',
): void {
  for (const w of waitingAgencies(db)) {
    const until = `until a supervisor renames this desktop’s ${w.toRename.name} in Settings, Collection agencies`;
    if (w.stale?.id === agencyId) {
      throw conflict(
        `${w.stale.name} was renamed to ${w.office.row.name} at another desktop, and this ` +
          `desktop cannot take that while another agency kept here, ${w.holder.name}, has the ` +
          `name: ${w.stale.name} keeps its old name and terms here and takes no account, ` +
          `payment file or change ${until}.`,
      );
    }
    if (w.holder.id === agencyId && work === 'place') {
      throw conflict(
        `${w.holder.name} has the name of a collection agency of the office that this desktop ` +
          `cannot take beside it (${w.stale ? `renamed from ${w.stale.name}` : 'added'} at ` +
          `another desktop), so no account is placed with it here ${until}.`,
      );
    }
  }
}

/**
 * After an agency here is renamed, takes what waited on its old name at once, as the next
 * pull would (and what waited on that, an account placed with the office's agency), so the
 * desk does not hold the old terms until it is next online. With the capture off: these
 * are the office's rows, not news to send it.
 */
export function takeWaitingAgencies(db: Db): void {
  if (!one(db, `SELECT 1 AS n FROM sync_held WHERE tbl = 'agencies'`)) return;
  withCaptureOff(db, () => takeRows(db, []));
}

/**
 * The office said no for a reason of its own (an office made already, a ledger that does
 * not add up), in words written here for a person, never the server's own text.
 */
export class OfficeRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OfficeRefused';
  }
}

export const REPLAYED =
  'This desktop’s database was put back to an earlier state (was a backup restored?): it ' +
  'numbers its new work as work the office already has, so nothing more is sent from it. ' +
  'Its work is kept here. A supervisor joins this desktop to the office again from ' +
  'Settings, Office server.';

/** The server already holds a different entry under this desktop's number. */
export class EntryReplayed extends Error {
  constructor() {
    super(REPLAYED);
    this.name = 'EntryReplayed';
  }
}

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

/**
 * X12 reading layer: 835 remittance advice and 277 claim status, read from text into
 * typed models with envelope and money checks. Pure functions: no database, no file system.
 * The writers that make test files live in electron/testing/x12.
 */
export { read835 } from './read-835';
export { read277 } from './read-277';
export { tokenize } from './tokenizer';
export type { Delimiters, Segment, TokenizeResult } from './tokenizer';
export type { X12Issue, IssueCode, SegmentPosition } from './issues';
export type { InterchangeHeader, GroupHeader } from './envelope';
export { parseCents, formatCents } from './amounts';
export { describeStatusCategory, statusMeaning } from './status-codes';
export type { StatusMeaning } from './status-codes';
export type * from './remittance-types';
export type * from './claim-status-types';

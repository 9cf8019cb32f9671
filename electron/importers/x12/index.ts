/**
 * X12 reading layer: 835 remittance advice and 277 claim status, read from text into
 * typed models with envelope and money checks, plus an 835 writer for generated files.
 * Pure functions: no database, no file system.
 */
export { read835 } from './read-835';
export { read277 } from './read-277';
export { write835, DEFAULT_DELIMITERS } from './write-835';
export type { Remittance835Document, Write835Options } from './write-835';
export { tokenize } from './tokenizer';
export type { Delimiters, Segment, TokenizeResult } from './tokenizer';
export type { X12Issue, IssueCode, SegmentPosition } from './issues';
export type { InterchangeHeader, GroupHeader } from './envelope';
export { parseCents, formatCents } from './amounts';
export { describeStatusCategory, statusMeaning } from './status-codes';
export type { StatusMeaning } from './status-codes';
export type * from './remittance-types';
export type * from './claim-status-types';

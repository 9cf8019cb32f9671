// The document layer: templates in, PDF bytes out. Pure functions over plain data; the
// caller loads the data and decides where the file goes.
export { PLACEHOLDERS, PLACEHOLDER_KEYS, isPlaceholderKey, missingMarker } from './placeholders';
export type { PlaceholderKey, PlaceholderSpec, PlaceholderType } from './placeholders';
export {
  DENIAL_CATEGORIES,
  STATEMENT_SECTIONS,
  TEMPLATE_KINDS,
  type AppealLevel,
  type BodyBlock,
  type DenialCategory,
  type ParseResult,
  type Recipient,
  type Template,
  type TemplateError,
  type TemplateKind,
} from './template';
export { describeErrors, parseTemplate } from './template-parse';
export { TemplateLoadError, loadShippedTemplates, shippedStatementTemplate } from './template-load';
export type {
  DateRange,
  LetterData,
  LetterDenialCode,
  LetterFields,
  LetterServiceLine,
} from './letter-data';
export { fillTemplate, letterWarnings } from './fill';
export type { FieldUse, FilledBlock, FilledLetter, FillOptions } from './fill';
export { renderFilledLetter, renderLetter } from './letter-layout';
export type { RenderOptions, RenderedDocument } from './letter-layout';
export type {
  PatientShare,
  StatementAging,
  StatementData,
  StatementLine,
  StatementSummary,
} from './statement-data';
export { messageTier, type MessageTier } from './statement-text';
export { renderStatement, type StatementOptions } from './statement-layout';
export { openStatementBatch } from './statement-batch';
export type { BatchEntry, BatchResult, StatementBatch } from './statement-batch';
export { sampleLetterData, sampleStatementData } from './sample-data';
export { WINDOW } from './envelope';

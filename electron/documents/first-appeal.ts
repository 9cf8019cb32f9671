import { formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import { missingMarker } from './placeholders';

/** What is on file about the first-level appeal a second-level letter follows. */
export interface FirstAppealFacts {
  /** When our first appeal was sent. */
  readonly sent?: IsoDate | undefined;
  /** The date of the payer's letter upholding the denial on it. */
  readonly decided?: IsoDate | undefined;
  /** The payer's reference number for it, from its acknowledgment or decision. */
  readonly reference?: string | undefined;
}

/**
 * The sentence `{{first_appeal_citation}}` prints: the first appeal's date, the payer's
 * decision and its reference, each only when on file, so a missing reference or decision
 * leaves no gap or bracket in the letter. The date the first appeal went out is the one
 * fact a second-level appeal cannot do without: without it the sentence shows its marker
 * for the representative to fill.
 */
export function firstAppealSentence(facts: FirstAppealFacts): string {
  const sent = facts.sent ? formatUsDate(facts.sent) : missingMarker('first_appeal_date');
  const reference = facts.reference?.trim() || undefined;
  if (facts.decided) {
    const ref = reference ? ` (your reference ${reference})` : '';
    return `Our first appeal, sent on ${sent}, was upheld by your letter dated ${formatUsDate(facts.decided)}${ref}.`;
  }
  return reference
    ? `Our first appeal was sent on ${sent}; your reference for it is ${reference}.`
    : `Our first appeal was sent on ${sent}.`;
}

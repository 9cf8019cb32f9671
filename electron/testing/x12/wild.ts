import type { IsoDate } from '../../../shared/dates/iso-date';
import type { Claim837 } from '../../importers/claims/claim-types';
import { claimDocument } from './generate-837';
import { write837 } from './write-837';

/*
 * The shapes public sample files arrive in, made from files the writers produce: trailers
 * that miscount, no ISA header, lines wrapped at a fixed width, another version, an
 * encounter transaction beside the claims, amounts left out. Each takes text with `~`
 * terminators and `*` separators.
 */

/** SE01, GE01 and IEA01 off by one each, and every control number in a trailer changed. */
export function miscounted(text: string): string {
  return text
    .replace(/\nSE\*(\d+)\*(\w+)~/g, (_, n: string, c: string) => `\nSE*${Number(n) + 1}*${c}9~`)
    .replace(/\nGE\*(\d+)\*(\w+)~/g, (_, n: string, c: string) => `\nGE*${Number(n) + 1}*${c}9~`)
    .replace(/\nIEA\*(\d+)\*(\w+)~/g, (_, n: string, c: string) => `\nIEA*${Number(n) + 1}*${c}9~`);
}

/** The file without its ISA segment: it starts at GS. */
export function withoutIsa(text: string): string {
  return text.slice(text.indexOf('~') + 1).replace(/^\s+/, '');
}

/** All on one line, then broken every `width` characters, as some systems write files. */
export function wrapped(text: string, width = 80): string {
  const flat = text.replace(/~\r?\n/g, '~');
  const lines: string[] = [];
  for (let i = 0; i < flat.length; i += width) lines.push(flat.slice(i, i + width));
  return lines.join('\r\n');
}

/** GS08 (and ST03, if any) naming another guide, e.g. `004010X091A1`. */
export function withGuide(text: string, from: string, to: string): string {
  return text.replaceAll(from, to);
}

/** CLP03 and CLP04 of the claim left empty. */
export function withoutClaimAmounts(text: string, patientControlNumber: string): string {
  return text.replace(
    new RegExp(`CLP\\*${patientControlNumber}\\*(\\w+)\\*[\\d.]+\\*[\\d.]+\\*`),
    `CLP*${patientControlNumber}*$1***`,
  );
}

/** An 837 holding the claims in one transaction and the encounters (BHT06 RP) in another. */
export function claimsWithEncounters(
  claims: readonly Claim837[],
  encounters: readonly Claim837[],
  today: IsoDate,
): string {
  const document = claimDocument(claims, { today });
  const group = document.interchanges[0]?.groups[0];
  const claimTransaction = group?.transactions[0];
  if (!group || !claimTransaction) throw new Error('claimDocument changed shape');
  group.transactions.push({
    ...claimTransaction,
    controlNumber: '0099',
    claimOrEncounter: 'RP',
    claims: [...encounters],
  });
  return write837(document);
}

/** Every DMG date of birth in the file replaced, e.g. with `18000101` for unknown. */
export function withBirthDate(text: string, date8: string): string {
  return text.replace(/DMG\*D8\*\d{8}/g, `DMG*D8*${date8}`);
}

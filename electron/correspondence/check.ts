import {
  CORRESPONDENCE_TYPE,
  MAX_SCAN_BYTES,
  type CorrespondenceType,
  type ScannedFile,
} from '../../shared/api/correspondence';
import { formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import { SCAN_TYPE_LABEL, scanTypeOf, type ScanType } from './file-type';

/** A file as it will be filed, or why it cannot be. */
export type CheckedScan =
  { ok: true; data: Buffer; media: ScanType } | { ok: false; problem: string };

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/**
 * What the bytes really are decides: a name ending in ".pdf" on a Word document, or a
 * ".jpg" that is a program, is refused whatever the name says. The size the window read
 * is checked against the bytes that arrived, so a file cut short is not filed as whole.
 */
export function checkScan(file: ScannedFile): CheckedScan {
  if (file.size > MAX_SCAN_BYTES) {
    return {
      ok: false,
      problem: `it is ${megabytes(file.size)}, larger than the ${megabytes(MAX_SCAN_BYTES)} a scan may be.`,
    };
  }
  if (file.size === 0) return { ok: false, problem: 'the file is empty.' };
  const data = Buffer.from(file.dataBase64, 'base64');
  if (data.length !== file.size) {
    return {
      ok: false,
      problem: `only ${data.length} of its ${file.size} bytes arrived; choose the file again.`,
    };
  }
  const media = scanTypeOf(data);
  if (!media) {
    const kinds = Object.values(SCAN_TYPE_LABEL).join(', ');
    return {
      ok: false,
      problem: `its content is not a scan ClaimDesk files (${kinds}), whatever its name says.`,
    };
  }
  return { ok: true, data, media };
}

export function receivedProblem(date: IsoDate, today: IsoDate): string | null {
  return date > today ? `The date received, ${formatUsDate(date)}, is in the future.` : null;
}

export function typeLabel(type: CorrespondenceType): string {
  return CORRESPONDENCE_TYPE.labels[type];
}

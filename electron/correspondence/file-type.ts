/**
 * What a scanned letter really is, read from its first bytes: a file named ".pdf" that is a
 * Word document, or a ".jpg" that is an executable, is refused whatever its name says.
 */
export type ScanType = 'pdf' | 'png' | 'jpeg' | 'tiff';

export const SCAN_TYPE_LABEL: Record<ScanType, string> = {
  pdf: 'PDF',
  png: 'PNG image',
  jpeg: 'JPEG image',
  tiff: 'TIFF image',
};

const SIGNATURES: readonly { type: ScanType; bytes: readonly number[] }[] = [
  // "%PDF-"
  { type: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
  // little-endian "II*\0" and big-endian "MM\0*"
  { type: 'tiff', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { type: 'tiff', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
];

/** The type the content starts like, or null for anything else (the name is not consulted). */
export function scanTypeOf(data: Uint8Array): ScanType | null {
  for (const s of SIGNATURES) {
    if (data.length >= s.bytes.length && s.bytes.every((b, i) => data[i] === b)) return s.type;
  }
  return null;
}

const EXTENSIONS: Record<ScanType, readonly string[]> = {
  pdf: ['pdf'],
  png: ['png'],
  jpeg: ['jpg', 'jpeg'],
  tiff: ['tif', 'tiff'],
};

/** The extension a filed copy takes, from its content. */
export function extensionFor(type: ScanType): string {
  return EXTENSIONS[type][0] ?? type;
}

/**
 * The account number a scanned file's name carries, for a folder imported in one go: the
 * name without its extension, up to the first space, underscore or " - " ("A-1042.pdf",
 * "A-1042_returned.tif", "A-1042 - letter from payer.jpg"). Null when nothing is left.
 */
export function accountNumberFromName(fileName: string): string | null {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const head = base.split(/\s+-\s+|_|\s/)[0]?.trim() ?? '';
  return head.length > 0 && head.length <= 40 ? head : null;
}

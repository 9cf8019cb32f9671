import { MAX_SCAN_BYTES } from '../../../shared/api/correspondence';

/** A picked or dropped file as the main process takes it: its name, size and bytes. */
export interface ScanToSend {
  fileName: string;
  size: number;
  dataBase64: string;
}

function toBase64(bytes: Uint8Array): string {
  // in slices: one call with a whole scan's bytes overflows the argument list
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}

/**
 * Reads a file the person chose. One over the limit is sent with its size alone, so the
 * main process names it on its own row without the whole of it crossing over.
 */
export async function readScan(file: File): Promise<ScanToSend> {
  if (file.size > MAX_SCAN_BYTES) return { fileName: file.name, size: file.size, dataBase64: '' };
  return {
    fileName: file.name,
    size: file.size,
    dataBase64: toBase64(new Uint8Array(await file.arrayBuffer())),
  };
}

/** The file's name without the folders a folder picker puts before it. */
export function baseName(file: File): string {
  return file.name.replace(/^.*[\\/]/, '');
}

export const SCAN_ACCEPT =
  '.pdf,.png,.jpg,.jpeg,.tif,.tiff,application/pdf,image/png,image/jpeg,image/tiff';

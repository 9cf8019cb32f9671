import type { PdfFile } from '../../shared/api/documents';

/** A rendered PDF as it crosses to the window: base64, which IPC and the test bridge carry safely. */
export function pdfFile(
  fileName: string,
  pdf: Buffer,
  pages: number,
  warnings: readonly string[],
): PdfFile {
  return { fileName, pdfBase64: pdf.toString('base64'), pages, warnings: [...warnings] };
}

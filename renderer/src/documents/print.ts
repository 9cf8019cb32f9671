import type { PdfFile } from '../../../shared/api/documents';
import { base64ToBytes, openPdf, renderPage } from './pdf';
import './documents.css';
import { downloadBlob } from '../export/download';

/** Sharp enough for letters and statements on office printers, small enough for a long run. */
const PRINT_DPI = 150;
const CONTAINER_CLASS = 'print-pages';
const PRINTING_CLASS = 'printing-document';

function toBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) =>
        blob ? resolve(blob) : reject(new Error('A page could not be drawn for printing.')),
      'image/png',
    ),
  );
}

let cleanup: (() => void) | null = null;

/**
 * Prints a PDF through the system print dialog. The pages are drawn as images into a
 * container that only the print media shows, so the same path works in the desktop
 * window and in a plain browser, with no PDF plugin. `onPage` reports progress.
 */
export async function printPdf(
  file: PdfFile,
  onPage?: (done: number, total: number) => void,
): Promise<void> {
  cleanup?.();
  const pdf = await openPdf(file.pdfBase64);
  const urls: string[] = [];
  const container = document.createElement('div');
  container.className = CONTAINER_CLASS;
  container.setAttribute('aria-hidden', 'true');
  try {
    for (let n = 1; n <= pdf.numPages; n++) {
      const canvas = document.createElement('canvas');
      const { widthPt, heightPt } = await renderPage(pdf, n, canvas, { dpi: PRINT_DPI });
      const url = URL.createObjectURL(await toBlob(canvas));
      urls.push(url);
      const img = document.createElement('img');
      img.alt = '';
      img.src = url;
      img.style.width = `${widthPt / 72}in`;
      img.style.height = `${heightPt / 72}in`;
      container.append(img);
      await img.decode();
      onPage?.(n, pdf.numPages);
    }
  } catch (error) {
    for (const url of urls) URL.revokeObjectURL(url);
    throw error;
  } finally {
    void pdf.destroy();
  }
  document.body.append(container);
  document.body.classList.add(PRINTING_CLASS);
  const done = () => {
    window.removeEventListener('afterprint', done);
    document.body.classList.remove(PRINTING_CLASS);
    container.remove();
    for (const url of urls) URL.revokeObjectURL(url);
    if (cleanup === done) cleanup = null;
  };
  cleanup = done;
  // the dialog may return before the pages are spooled; tidy up once printing says so
  window.addEventListener('afterprint', done);
  window.print();
}

/** Saves the PDF through the browser's download, under the document's own file name. */
export function saveCopy(file: PdfFile): void {
  downloadBlob(
    file.fileName,
    new Blob([base64ToBytes(file.pdfBase64)], { type: 'application/pdf' }),
  );
}

import type { PDFDocumentProxy } from 'pdfjs-dist';
// Vite bundles the worker as a script of its own next to the app's files, so the
// window never loads code from anywhere else and no browser PDF plugin is involved.
import PdfWorker from 'pdfjs-dist/build/pdf.worker.min.mjs?worker';

type PdfJs = typeof import('pdfjs-dist');
type Loaded = { lib: PdfJs; worker: ReturnType<PdfJs['PDFWorker']['create']> };

let loaded: Promise<Loaded> | null = null;

/**
 * Starts the worker and waits for its first word: a worker that cannot start (a window
 * that refuses workers from its own files, say) reports an error instead, and the caller
 * falls back to pdf.js on the main thread rather than waiting forever.
 */
function startWorker(): Promise<Worker | null> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new PdfWorker({ name: 'pdf' });
    } catch {
      resolve(null);
      return;
    }
    const settle = (ok: boolean) => {
      worker.removeEventListener('message', started);
      worker.removeEventListener('error', failed);
      if (!ok) worker.terminate();
      resolve(ok ? worker : null);
    };
    // pdf.js ignores this first "ready" message when it is handed a running worker
    const started = () => settle(true);
    const failed = () => settle(false);
    worker.addEventListener('message', started);
    worker.addEventListener('error', failed);
  });
}

/**
 * pdf.js is large; it loads the first time a document is shown. All documents share one
 * worker that lives as long as the window: handed to each document explicitly, so that
 * closing one document does not take the worker from another still on screen.
 */
function pdfjs(): Promise<Loaded> {
  loaded ??= Promise.all([import('pdfjs-dist'), startWorker()]).then(async ([lib, port]) => {
    if (port) return { lib, worker: lib.PDFWorker.create({ port }) };
    // slower, and only when no worker could start: the same code on the main thread
    await import('pdfjs-dist/build/pdf.worker.min.mjs');
    return { lib, worker: lib.PDFWorker.create({}) };
  });
  return loaded;
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Opens a PDF held in memory; the caller destroys it when done. */
export async function openPdf(base64: string): Promise<PDFDocumentProxy> {
  const { lib, worker } = await pdfjs();
  return lib.getDocument({
    data: base64ToBytes(base64),
    worker,
    // the window's Content-Security-Policy allows no WebAssembly; our PDFs need none
    useWasm: false,
    verbosity: lib.VerbosityLevel.ERRORS,
  }).promise;
}

/** Fit the page to a width in CSS pixels (on screen), or draw it at a resolution (print). */
export type PageSize = { fitWidth: number } | { dpi: number };

/**
 * Draws one page (1-based) into a canvas; on screen it is sharp on high-density displays.
 * Returns the page's size in PDF points (1/72 inch).
 */
export async function renderPage(
  pdf: PDFDocumentProxy,
  pageNumber: number,
  canvas: HTMLCanvasElement,
  size: PageSize,
): Promise<{ widthPt: number; heightPt: number }> {
  const page = await pdf.getPage(pageNumber);
  try {
    const natural = page.getViewport({ scale: 1 });
    const pixelRatio = 'dpi' in size ? 1 : window.devicePixelRatio || 1;
    const scale = 'dpi' in size ? size.dpi / 72 : size.fitWidth / natural.width;
    const viewport = page.getViewport({ scale: scale * pixelRatio });
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    if ('fitWidth' in size) {
      canvas.style.width = `${Math.floor(viewport.width / pixelRatio)}px`;
      canvas.style.height = `${Math.floor(viewport.height / pixelRatio)}px`;
    }
    await page.render({ canvas, viewport, background: 'white' }).promise;
    return { widthPt: natural.width, heightPt: natural.height };
  } finally {
    page.cleanup();
  }
}

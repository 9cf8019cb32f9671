// pdf.js ships its worker without types; loaded on the main thread it only registers
// itself (globalThis.pdfjsWorker), so nothing of it is used by name.
declare module 'pdfjs-dist/build/pdf.worker.min.mjs';

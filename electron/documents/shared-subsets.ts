import { deflatedFontFile } from './font-cache';

/**
 * What pdfkit keeps on a document and its objects that this file reaches into (pdfkit
 * 0.20; its type declarations do not list them).
 */
interface EmbeddedFont {
  readonly subset: object;
  encode(text: string): [readonly string[], unknown];
}
interface Reference {
  compress: boolean;
  buffer: Uint8Array[];
  readonly data: Record<string, unknown>;
  finalize(): void;
}
interface Internals {
  readonly _font: EmbeddedFont | object | null;
  ref(data?: object): Reference;
}

/** Printable ASCII in code order: no two neighbours make a ligature in the shipped fonts. */
const SEED = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');

/**
 * Makes the fonts of documents that are filed by the thousand (a statement run) the same
 * bytes from one document to the next: each font's subset starts with every printable
 * ASCII glyph, in one order, before the document's own text, so two statements that use no
 * other glyphs, or the same others in the same order, embed identical subsets. Such a
 * subset is encoded and compressed once per process instead of once per file, and the run's
 * print file, combined from the filed copies, holds it once. A subset costs a few kilobytes
 * more than the glyphs a statement uses alone.
 */
export function shareFontSubsets(doc: PDFKit.PDFDocument): void {
  const internals = doc as unknown as Internals;
  const seeded = new WeakSet<object>();
  const font = doc.font.bind(doc) as (...args: unknown[]) => PDFKit.PDFDocument;
  (doc as unknown as { font: (...args: unknown[]) => PDFKit.PDFDocument }).font = (...args) => {
    font(...args);
    const current = internals._font;
    // only fonts pdfkit subsets; the first time the document selects each
    if (current && 'subset' in current && !seeded.has(current)) {
      seeded.add(current);
      const [glyphs] = current.encode(SEED);
      // a font that joins two of them into one glyph is given each on its own
      if (glyphs.length !== SEED.length) for (const ch of SEED) current.encode(ch);
    }
    return doc;
  };
  const ref = internals.ref.bind(doc);
  internals.ref = (data) => {
    const made = ref(data);
    const finalize = made.finalize.bind(made);
    made.finalize = () => {
      const [only] = made.buffer;
      const ready = made.compress && made.buffer.length === 1 && only && deflatedFontFile(only);
      if (ready) {
        // the same bytes pdfkit would write; its Filter is set already
        made.compress = false;
        made.buffer = [ready];
      }
      finalize();
    };
    return made;
  };
}

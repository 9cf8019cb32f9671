/**
 * fontkit 2 ships no types. This declares what ClaimDesk uses: parsing a TTF once, so
 * pdfkit (which accepts a parsed font wherever it takes font bytes) does not parse it again
 * for every document, and the two calls pdfkit makes per document that font-cache.ts
 * memoizes across documents.
 */
declare module 'fontkit' {
  /** One glyph's advance and offset, in font units (pdfkit scales them in place). */
  export interface GlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  /** A shaped run of text. */
  export interface GlyphRun {
    readonly glyphs: readonly unknown[];
    readonly positions: GlyphPosition[];
    readonly advanceWidth: number;
  }
  /** The glyphs a document used, written out as a font file of its own. */
  export interface Subset {
    readonly glyphs: readonly number[];
    encode(): Uint8Array;
  }
  /** A parsed font; pdfkit recognises it by its layout method. */
  export interface Font {
    layout(text: string, features?: unknown): GlyphRun;
    createSubset(): Subset;
  }
  export function create(data: Uint8Array, postscriptName?: string): Font;
}

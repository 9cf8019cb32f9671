/**
 * fontkit 2 ships no types. This declares the one call ClaimDesk makes: parsing a TTF
 * once, so pdfkit (which accepts a parsed font wherever it takes font bytes) does not
 * parse it again for every document.
 */
declare module 'fontkit' {
  /** A parsed font; pdfkit recognises it by its layout method. */
  export interface Font {
    layout(text: string, features?: readonly string[]): unknown;
  }
  export function create(data: Uint8Array, postscriptName?: string): Font;
}

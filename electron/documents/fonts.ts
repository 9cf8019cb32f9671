import { create, type Font } from 'fontkit';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withSharedCaches } from './font-cache';
import { shippedFontsDir } from './paths';

/**
 * Liberation Sans and Serif (SIL Open Font License, see templates/fonts/OFL.txt) are
 * embedded in every PDF so a document prints the same on any machine; the 14 standard
 * PDF fonts would only be referenced and substituted by the viewer.
 */
export const FONT_FILES = {
  serif: 'LiberationSerif-Regular.ttf',
  serifBold: 'LiberationSerif-Bold.ttf',
  serifItalic: 'LiberationSerif-Italic.ttf',
  sans: 'LiberationSans-Regular.ttf',
  sansBold: 'LiberationSans-Bold.ttf',
  sansItalic: 'LiberationSans-Italic.ttf',
} as const;

export type FontName = keyof typeof FONT_FILES;

const cache = new Map<string, Buffer>();

/** Font bytes, read once per process: a statement run opens the same files thousands of times. */
export function fontData(name: FontName, dir = shippedFontsDir()): Buffer {
  const path = join(dir, FONT_FILES[name]);
  let data = cache.get(path);
  if (!data) {
    data = readFileSync(path);
    cache.set(path, data);
  }
  return data;
}

const parsed = new Map<string, Font>();

/**
 * The font parsed once per process. Handing pdfkit font bytes makes it parse the font and
 * decode its layout tables again for every document, which took two thirds of the time of
 * a one-page statement; a statement run files a thousand of them. The parsed font is only
 * read from, so documents can share it, and the output bytes are the same.
 */
export function parsedFont(name: FontName, dir = shippedFontsDir()): PDFKit.Mixins.PDFFontSource {
  const path = join(dir, FONT_FILES[name]);
  let font = parsed.get(path);
  if (!font) {
    font = withSharedCaches(create(fontData(name, dir)));
    parsed.set(path, font);
  }
  // pdfkit 0.20 takes any object with a layout method as a font (PDFFontFactory.open);
  // its type declarations only list bytes and paths
  return font as unknown as PDFKit.Mixins.PDFFontSource;
}

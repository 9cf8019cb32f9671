import type { Font, GlyphPosition, GlyphRun, Subset } from 'fontkit';
import { deflateSync } from 'node:zlib';

/** Entries kept per font before a cache starts again: bounds memory over a 10,000-statement run. */
const MAX_RUNS = 50_000;
const MAX_SUBSETS = 256;

/**
 * A parsed font whose text shaping and subset encoding are remembered across documents.
 * pdfkit keeps a shaping cache per document, so a statement run filing each statement as
 * its own PDF shaped the same words again in every file, and encoded the same glyph subset
 * again whenever two statements used the same glyphs in the same order: together over half
 * of a one-statement PDF's time. Both are pure functions of the font and their input, so
 * the bytes pdfkit writes are the same with or without this.
 */
export function withSharedCaches(font: Font): Font {
  const runs = new Map<string, GlyphRun>();
  const subsets = new Map<string, Uint8Array>();
  const wrapped: Font = Object.create(font) as Font;
  wrapped.layout = (text, features) => {
    // shaping with features is rare (pdfkit's own option); not worth a key
    if (features !== undefined) return font.layout(text, features);
    let run = runs.get(text);
    if (!run) {
      if (runs.size >= MAX_RUNS) runs.clear();
      run = font.layout(text);
      runs.set(text, run);
    }
    return freshRun(run);
  };
  wrapped.createSubset = () => {
    const subset = font.createSubset();
    const encode = subset.encode.bind(subset);
    subset.encode = () => {
      const key = subset.glyphs.join(',');
      let bytes = subsets.get(key);
      if (!bytes) {
        if (subsets.size >= MAX_SUBSETS) subsets.clear();
        bytes = encode();
        subsets.set(key, bytes);
        encodedSubsets.add(bytes);
      }
      return bytes;
    };
    return subset satisfies Subset;
  };
  return wrapped;
}

/** Subsets encoded through a shared cache, whose compressed bytes are worth keeping too. */
const encodedSubsets = new WeakSet<Uint8Array>();
const deflated = new WeakMap<Uint8Array, Buffer>();

/**
 * The font file pdfkit is about to compress, compressed once for every document that embeds
 * the same subset (zlib with pdfkit's own defaults, so the bytes are the same); undefined for
 * bytes that did not come from a shared subset. Lives as long as the subset stays cached.
 */
export function deflatedFontFile(bytes: Uint8Array): Buffer | undefined {
  if (!encodedSubsets.has(bytes)) return undefined;
  let out = deflated.get(bytes);
  if (!out) {
    out = deflateSync(bytes);
    deflated.set(bytes, out);
  }
  return out;
}

/** pdfkit scales a run's positions in place, so each caller gets positions of its own. */
function freshRun(run: GlyphRun): GlyphRun {
  const positions: GlyphPosition[] = run.positions.map((p) => ({
    xAdvance: p.xAdvance,
    yAdvance: p.yAdvance,
    xOffset: p.xOffset,
    yOffset: p.yOffset,
  }));
  return {
    glyphs: run.glyphs,
    positions,
    // as fontkit's own run: the sum of the (by then scaled) advances
    get advanceWidth() {
      let width = 0;
      for (const p of positions) width += p.xAdvance;
      return width;
    },
  };
}

/**
 * WCAG 2.2 contrast for the theme's palette. Mantine's stock shades are made for looks:
 * its grey secondary text is 3.3:1 on white, white on its blue 3.6:1, green text 2.4:1.
 * The theme keeps the pale shades (backgrounds, borders) and darkens the text shades
 * until they read at AA on every pale background the screens paint behind text.
 */

/** WCAG 2.2 AA for normal-size text. */
export const AA_TEXT = 4.5;

function parseHex(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m?.[1]) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = parseInt(m[1], 16);
  return [n >> 16, (n >> 8) & 255, n & 255];
}

function linear(v: number): number {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function toHex(rgb: readonly number[]): string {
  return `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

/** Relative luminance as WCAG defines it. */
export function luminance(hex: string): number {
  const [r, g, b] = parseHex(hex);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The contrast ratio of two colours, 1 to 21, whichever is lighter. */
export function contrastRatio(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function darken(hex: string, by: number): string {
  return toHex(parseHex(hex).map((v) => v * (1 - by)));
}

/**
 * The colour itself when it already reads at `min` against every background, otherwise
 * the least darkening of it (towards black, in steps of 1%) that does: the hue stays.
 */
export function darkenToContrast(hex: string, backgrounds: readonly string[], min: number): string {
  for (let step = 0; step <= 100; step++) {
    const candidate = darken(hex, step / 100);
    if (backgrounds.every((bg) => contrastRatio(candidate, bg) >= min)) return candidate;
  }
  return '#000000';
}

/** A Mantine colour: ten shades, 0 the palest. */
export type Shades = readonly string[];

function shade(shades: Shades, i: number): string {
  const s = shades[i];
  if (s === undefined) throw new Error(`a colour needs ten shades, this one has ${shades.length}`);
  return s;
}

/**
 * The palette with shades 6 to 9 (Mantine's text, filled, outline and light-variant text
 * colours) darkened until each reads at `min` on every one of `backgrounds`, and each at
 * least as dark as the one before it, so a hover never loses contrast. Shade 9, the text
 * of a light button, also reads on the colour's own shade 2, that button's hover. Shades
 * 0 to 5 are kept as they are.
 */
export function readablePalette<K extends string>(
  colors: Record<K, Shades>,
  backgrounds: readonly string[],
  min: number = AA_TEXT,
): Record<K, string[]> {
  const out = {} as Record<K, string[]>;
  for (const name of Object.keys(colors) as K[]) {
    const shades = [...colors[name]];
    for (let i = 6; i <= 9; i++) {
      const behind = i === 9 ? [...backgrounds, shade(shades, 2)] : backgrounds;
      const text = darkenToContrast(shade(shades, i), behind, min);
      // a hover (the next shade) stays visibly darker than what it hovers
      const before = i > 6 ? darken(shade(shades, i - 1), 0.08) : text;
      shades[i] = luminance(before) < luminance(text) ? before : text;
    }
    out[name] = shades;
  }
  return out;
}

/** White and the pale shades (0 and 1) of the light scheme's colours: where text sits. */
export function paleBackgrounds(colors: Record<string, Shades>, except: readonly string[]) {
  return [
    '#ffffff',
    ...Object.entries(colors)
      .filter(([name]) => !except.includes(name))
      .flatMap(([, c]) => [shade(c, 0), shade(c, 1)]),
  ];
}

import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, test } from 'vitest';
import {
  AA_TEXT,
  contrastRatio,
  darkenToContrast,
  luminance,
  paleBackgrounds,
  readablePalette,
} from './contrast';

describe('contrast', () => {
  test('matches the WCAG ratios of known pairs', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    // Mantine's stock dimmed grey and primary blue on white, as axe measured them
    expect(contrastRatio('#868e96', '#ffffff')).toBeCloseTo(3.32, 2);
    expect(contrastRatio('#ffffff', '#228be6')).toBeCloseTo(3.56, 2);
  });

  test('darkens a colour only as far as the backgrounds need, and keeps one that reads', () => {
    expect(darkenToContrast('#495057', ['#ffffff'], AA_TEXT)).toBe('#495057');
    const grey = darkenToContrast('#868e96', ['#ffffff', '#f8f9fa'], AA_TEXT);
    expect(contrastRatio(grey, '#f8f9fa')).toBeGreaterThanOrEqual(AA_TEXT);
    expect(luminance(grey)).toBeLessThan(luminance('#868e96'));
    // and no darker than it needs: it stays a secondary grey, not black
    expect(contrastRatio(grey, '#f8f9fa')).toBeLessThan(AA_TEXT + 0.2);
  });

  test('refuses what is not a #rrggbb colour', () => {
    expect(() => contrastRatio('rgb(0,0,0)', '#ffffff')).toThrow(/#rrggbb/);
  });

  test("every text shade of the theme's palette reads at AA on every pale background", () => {
    const pale = paleBackgrounds(DEFAULT_THEME.colors, ['dark']);
    const palette = readablePalette(DEFAULT_THEME.colors, pale);
    for (const [name, shades] of Object.entries(palette)) {
      expect(shades.slice(0, 6), name).toEqual(DEFAULT_THEME.colors[name]?.slice(0, 6));
      const text = shades.slice(6);
      expect(text).toHaveLength(4);
      text.forEach((s, i) => {
        for (const bg of pale)
          expect(contrastRatio(s, bg), `${name}.${i + 6} on ${bg}`).toBeGreaterThanOrEqual(AA_TEXT);
        if (i === 3)
          expect(
            contrastRatio(s, shades[2] ?? ''),
            `${name}.9 on its hover`,
          ).toBeGreaterThanOrEqual(AA_TEXT);
        // white on a filled button reads too
        expect(contrastRatio('#ffffff', s), name).toBeGreaterThanOrEqual(AA_TEXT);
        // each shade at least as dark as the one before it
        expect(luminance(s), `${name}.${i + 6}`).toBeLessThanOrEqual(
          luminance(shades[i + 5] ?? ''),
        );
      });
    }
  });
});

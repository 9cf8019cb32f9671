import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillBudget, withinBudget } from './useFillPerFrame';

const row = (id: number) => ({ id });

describe('rows filled per frame', () => {
  it('keeps the rows already drawn and fills the first new ones, top down, up to the budget', () => {
    const [a, b, c, d, e] = [1, 2, 3, 4, 5].map(row);
    // b was drawn before; a, c, d and e are new; row 3 is still loading
    const shown = withinBudget([a, b, undefined, c, d, e], new Set([b]), 2);
    expect(shown).toEqual([a, b, undefined, c, undefined, undefined]);
    expect(shown[1]).toBe(b);
  });

  it('never fills more new rows than the budget, and never shows a row it was not given', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.nat(50), { nil: undefined }), { maxLength: 40 }),
        fc.uniqueArray(fc.nat(50)),
        fc.nat(30),
        (ids, drawnIds, budget) => {
          const rows = ids.map((id) => (id === undefined ? undefined : row(id)));
          const drawn = new Set(rows.filter((r) => r !== undefined && drawnIds.includes(r.id)));
          const shown = withinBudget(rows, drawn, budget);
          expect(shown).toHaveLength(rows.length);
          let filled = 0;
          let waited = false;
          shown.forEach((s, i) => {
            const r = rows[i];
            if (r === undefined || drawn.has(r)) return expect(s).toBe(r);
            if (s === undefined) return (waited = true);
            expect(s).toBe(r);
            // top down: no new row is filled below one that waits
            expect(waited).toBe(false);
            filled++;
          });
          expect(filled).toBeLessThanOrEqual(budget);
        },
      ),
    );
  });

  it('fills fewer in the render whose rows changed than in the frames after it', () => {
    const [a, b, c] = [1, 2, 3].map(row);
    const budget = { arriving: 5, perFrame: 8 };
    // the frames after a scroll: the same rows (a page's rows keep their identity)
    expect(fillBudget([a, b, undefined], [a, b, undefined], budget)).toBe(8);
    // a scroll moved the rows, or a page arrived for those that waited
    expect(fillBudget([b, c, undefined], [a, b, c], budget)).toBe(5);
    expect(fillBudget([a, b, c], [a, b, undefined], budget)).toBe(5);
    expect(fillBudget([a, b], [a, b, c], budget)).toBe(5);
    // an equal row that is not the same object is another row
    expect(fillBudget([{ id: 1 }], [a], budget)).toBe(5);
  });
});

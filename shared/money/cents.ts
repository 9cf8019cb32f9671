/**
 * Money is whole cents in a branded number so a dollar float can never be passed where
 * cents are expected. Every constructor checks the value is a safe integer.
 */
export type Cents = number & { readonly __brand: 'Cents' };

export function isCents(value: unknown): value is Cents {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function cents(value: number): Cents {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`Not a whole number of cents: ${value}`);
  }
  return value as Cents;
}

export const ZERO = cents(0);

export function addCents(...values: readonly Cents[]): Cents {
  let total = 0;
  for (const v of values) total += v;
  return cents(total);
}

export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0;
  for (const v of values) total += v;
  return cents(total);
}

export function negate(value: Cents): Cents {
  return cents(value === 0 ? 0 : -value);
}

/**
 * Splits `total` into parts proportional to `weights` using largest-remainder
 * allocation: the parts are whole cents and always sum exactly to `total`.
 */
export function allocate(total: Cents, weights: readonly number[]): Cents[] {
  if (weights.length === 0) throw new RangeError('allocate needs at least one weight');
  if (weights.some((w) => !(w >= 0) || !Number.isFinite(w))) {
    throw new RangeError('allocate weights must be finite and not negative');
  }
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const sign = total < 0 ? -1 : 1;
  const magnitude = Math.abs(total);
  const shares =
    weightSum === 0 ? weights.map(() => 1 / weights.length) : weights.map((w) => w / weightSum);
  const floors = shares.map((s) => Math.floor(magnitude * s));
  let remainder = magnitude - floors.reduce((a, b) => a + b, 0);
  const order = shares
    .map((s, i) => ({ i, frac: magnitude * s - Math.floor(magnitude * s) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (remainder === 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    remainder -= 1;
  }
  return floors.map((f) => cents(sign * f === 0 ? 0 : sign * f));
}

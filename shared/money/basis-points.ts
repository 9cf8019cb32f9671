/**
 * A commission typed as a percent ("25", "12.5", "7.25%") read as basis points without a
 * float: 12.5% is 1250. Null for anything else, or above 100%.
 */
export function bpsFrom(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?\s*%?$/.exec(text.trim());
  if (!m) return null;
  const bps = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bps <= 10_000 ? bps : null;
}

/** 1250 → "12.5", as the field shows it again. */
export function percentText(bps: number): string {
  const whole = Math.floor(bps / 100);
  const rest = String(bps % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : String(whole);
}

/**
 * What a patient calls a visit, read from the revenue codes (NUBC) on its claim lines:
 * the first kind in this list that any line falls under names the visit, so an emergency
 * visit with lab work is an "Emergency department visit".
 */
const KINDS: readonly { name: string; prefixes: readonly string[] }[] = [
  {
    name: 'Inpatient stay',
    prefixes: ['010', '011', '012', '013', '014', '015', '016', '017', '018', '019', '020', '021'],
  },
  { name: 'Surgery', prefixes: ['036', '049', '071'] },
  { name: 'Observation stay', prefixes: ['076'] },
  { name: 'Emergency department visit', prefixes: ['045'] },
  { name: 'Clinic visit', prefixes: ['051', '052'] },
  { name: 'Therapy visit', prefixes: ['042', '043', '044'] },
  { name: 'Imaging', prefixes: ['032', '033', '034', '035', '040', '061'] },
  { name: 'Cardiology tests', prefixes: ['048', '073'] },
  { name: 'Laboratory tests', prefixes: ['030', '031'] },
];

export function visitKind(revenueCodes: readonly (string | null)[]): string {
  const codes = revenueCodes.filter((c): c is string => c !== null).map((c) => c.padStart(4, '0'));
  for (const kind of KINDS) {
    if (codes.some((c) => kind.prefixes.some((p) => c.startsWith(p)))) return kind.name;
  }
  return 'Hospital services';
}

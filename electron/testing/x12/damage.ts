/*
 * The damage real X12 files suffer (cut-off transfers, lost, repeated or swapped segments,
 * flipped bytes), for the fuzz tests of the readers and the imports. Each test draws its
 * own mix and adds the amount edits that fit its transaction.
 */

export type Damage =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; char: string }
  | { kind: 'delete' | 'duplicate'; segment: number }
  | { kind: 'swap'; segment: number; other: number };

/** Positions are fractions of the text; segment numbers wrap around the file's segments. */
export function damage(text: string, d: Damage, terminator = '~'): string {
  const segments = text.split(terminator);
  const pick = (n: number): number => n % segments.length;
  switch (d.kind) {
    case 'truncate':
      return text.slice(0, Math.floor(d.at * text.length));
    case 'flip': {
      const at = Math.floor(d.at * text.length);
      return text.slice(0, at) + d.char + text.slice(at + 1);
    }
    case 'delete':
      segments.splice(pick(d.segment), 1);
      return segments.join(terminator);
    case 'duplicate': {
      const i = pick(d.segment);
      segments.splice(i, 0, segments[i] ?? '');
      return segments.join(terminator);
    }
    case 'swap': {
      const [i, j] = [pick(d.segment), pick(d.other)];
      const a = segments[i] ?? '';
      segments[i] = segments[j] ?? '';
      segments[j] = a;
      return segments.join(terminator);
    }
  }
}

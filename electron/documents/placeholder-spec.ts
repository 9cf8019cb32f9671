/** The shape of one placeholder; the placeholders themselves are listed in placeholders.ts. */
export type PlaceholderType = 'text' | 'multiline' | 'money' | 'date' | 'dateRange' | 'block';

export type PlaceholderGroup =
  | 'facility'
  | 'payer'
  | 'patient'
  | 'claim'
  | 'appeal'
  | 'representative'
  | 'guarantor'
  | 'collections'
  | 'document';

export interface PlaceholderSpec {
  readonly label: string;
  readonly caption: string;
  readonly type: PlaceholderType;
  readonly group: PlaceholderGroup;
  readonly description: string;
}

// Generic in the type so each entry keeps its literal type, which LetterFields reads.
export function p<T extends PlaceholderType>(
  group: PlaceholderGroup,
  type: T,
  label: string,
  caption: string,
  description: string,
): { group: PlaceholderGroup; type: T; label: string; caption: string; description: string } {
  return { group, type, label, caption, description };
}

import type { AppealDraft, DraftBlock, DraftField } from '../../../shared/api/letters';

/** The letter as previewed and generated (previewAppeal and generateAppeal take the same). */
export interface LetterInput {
  denialId: number;
  templateId: string;
  edits: { index: number; text: string }[];
  enclosures: string[];
  /** Optional arguments the representative ticked; the others do not print. */
  options: string[];
  /** Set only once the representative has said yes to sending a late appeal. */
  confirmLate: boolean;
}

/** The text of every editable block as the representative has it now, by block index. */
export type BlockTexts = Readonly<Record<number, string>>;

export type EditableBlock = Extract<DraftBlock, { type: 'paragraph' | 'heading' }>;

export function isEditable(block: DraftBlock): block is EditableBlock {
  return block.type === 'paragraph' || block.type === 'heading';
}

/** Optional arguments the representative has ticked, by id. */
export type Ticked = ReadonlySet<string>;

/** Whether the block prints: always, or when its optional argument is ticked. */
export function prints(block: DraftBlock, ticked: Ticked): boolean {
  return block.option === null || ticked.has(block.option);
}

/** The editable text as the template fills it; with `ticked`, only of blocks that print. */
export function originalTexts(draft: AppealDraft, ticked?: Ticked): BlockTexts {
  const texts: Record<number, string> = {};
  for (const b of draft.blocks) {
    if (isEditable(b) && (!ticked || prints(b, ticked))) texts[b.index] = b.text;
  }
  return texts;
}

/** Only the blocks that differ from the template's text travel as edits. */
export function changedBlocks(
  draft: AppealDraft,
  texts: BlockTexts,
): { index: number; text: string }[] {
  return draft.blocks
    .filter(isEditable)
    .filter((b) => texts[b.index] !== undefined && texts[b.index] !== b.text)
    .map((b) => ({ index: b.index, text: texts[b.index] ?? b.text }));
}

/** Blocks left empty: the letter cannot drop a paragraph, only reword it. */
export function emptyBlocks(
  draft: AppealDraft,
  texts: BlockTexts,
  ticked: Ticked = new Set(),
): number[] {
  return draft.blocks
    .filter(isEditable)
    .filter((b) => prints(b, ticked))
    .filter((b) => (texts[b.index] ?? b.text).trim() === '')
    .map((b) => b.index);
}

export function letterInput(
  draft: AppealDraft,
  texts: BlockTexts,
  enclosures: readonly string[],
  ticked: Ticked = new Set(),
): LetterInput {
  return {
    denialId: draft.denialId,
    templateId: draft.templateId,
    edits: changedBlocks(draft, texts).filter((e) =>
      draft.blocks.some((b) => b.index === e.index && prints(b, ticked)),
    ),
    enclosures: [...enclosures],
    // in the template's order, so the same choice always makes the same request
    options: draft.options.filter((o) => ticked.has(o.id)).map((o) => o.id),
    confirmLate: false,
  };
}

/** How a placeholder with no data prints, e.g. `[MEMBER ID]`. */
export function placeholderMark(field: DraftField): string {
  return `[${field.label.toUpperCase()}]`;
}

/** The first editable block that still shows the field's placeholder mark, if any. */
export function blockShowing(
  draft: AppealDraft,
  texts: BlockTexts,
  field: DraftField,
): number | null {
  const mark = placeholderMark(field);
  const block = draft.blocks
    .filter(isEditable)
    .find((b) => (texts[b.index] ?? b.text).includes(mark));
  return block ? block.index : null;
}

/** The fields the enclosure checklist fills. */
export const ENCLOSURE_FIELD = 'enclosures';

/**
 * Fields with no data that the letter still lacks: the enclosure list counts once
 * something is chosen, and a placeholder the representative wrote over in the letter text
 * counts as dealt with. A mark that was never in the editable text (the reference lines
 * under "RE:", say) can only come from the account's data.
 */
export function stillMissing(
  draft: AppealDraft,
  texts: BlockTexts,
  enclosures: readonly string[],
  ticked: Ticked = new Set(),
): DraftField[] {
  const original = originalTexts(draft, ticked);
  const printed: Record<number, string> = {};
  for (const [index, text] of Object.entries(texts)) {
    if (Number(index) in original) printed[Number(index)] = text;
  }
  return draft.fields.filter((f) => {
    if (f.value !== null) return false;
    if (f.key === ENCLOSURE_FIELD) return enclosures.length === 0;
    const mark = placeholderMark(f);
    const wasInText = Object.values(originalTexts(draft)).some((t) => t.includes(mark));
    if (!wasInText) return true;
    return Object.values({ ...original, ...printed }).some((t) => t.includes(mark));
  });
}

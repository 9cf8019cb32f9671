import {
  PLACEHOLDER_KEYS,
  PLACEHOLDERS,
  isPlaceholderKey,
  type BlockKey,
  type PlaceholderKey,
} from './placeholders';
import type { BodyBlock, TemplateOption } from './template';

/**
 * The body of a template: paragraphs, "# " headings, "- " lists, block placeholders on a
 * line of their own, and optional arguments between "[[optional: Label | hint]]" and
 * "[[end]]" lines.
 */

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const BLOCK_LINE = /^\{\{\s*([a-z0-9_]+)\s*\}\}$/;

export function validPlaceholderList(): string {
  return PLACEHOLDER_KEYS.join(', ');
}

export function readBody(
  lines: readonly string[],
  start: number,
  fail: (line: number, message: string) => void,
  noteUse: (key: PlaceholderKey) => void,
  options: TemplateOption[],
): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  let paragraph: { text: string[]; line: number } | null = null;
  let list: { items: string[]; line: number } | null = null;
  let open: { option: TemplateOption; blocks: number } | null = null;
  const place = (line: number) => (open ? { line, option: open.option.id } : { line });
  const push = (block: BodyBlock) => {
    blocks.push(block);
    if (open) open.blocks += 1;
  };
  const flush = () => {
    if (paragraph)
      push({ type: 'paragraph', text: paragraph.text.join(' '), ...place(paragraph.line) });
    if (list) push({ type: 'list', items: list.items, ...place(list.line) });
    paragraph = null;
    list = null;
  };

  for (let i = start; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i]!;
    const text = raw.trim();
    if (text === '') {
      flush();
      continue;
    }
    const marker = OPTION_MARKER.exec(text);
    if (marker) {
      flush();
      if (marker[1] === undefined) {
        if (!open)
          fail(
            line,
            '"[[end]]" closes nothing: an optional argument starts with "[[optional: ...]]".',
          );
        else if (open.blocks === 0)
          fail(open.option.line, `Optional argument "${open.option.label}" is empty.`);
        open = null;
        continue;
      }
      if (open) {
        fail(
          line,
          `Optional argument "${open.option.label}" (line ${open.option.line}) must end with "[[end]]" before another starts.`,
        );
      }
      const option = readOption(marker[1], line, fail, options);
      if (option) options.push(option);
      open = option ? { option, blocks: 0 } : null;
      continue;
    }
    checkInline(text, line, fail, noteUse);

    const block = BLOCK_LINE.exec(text);
    if (block && isPlaceholderKey(block[1]!) && PLACEHOLDERS[block[1]].type === 'block') {
      flush();
      push({ type: 'block', key: block[1] as BlockKey, ...place(line) });
      continue;
    }
    if (text.startsWith('# ')) {
      flush();
      push({ type: 'heading', text: text.slice(2).trim(), ...place(line) });
      continue;
    }
    if (text.startsWith('- ')) {
      if (paragraph) flush();
      list ??= { items: [], line };
      list.items.push(text.slice(2).trim());
      continue;
    }
    if (list && /^\s/.test(raw)) {
      // an indented line continues the list item above it
      const last = list.items.length - 1;
      list.items[last] = `${list.items[last]} ${text}`;
      continue;
    }
    if (list) flush();
    paragraph ??= { text: [], line };
    paragraph.text.push(text);
  }
  flush();
  const unclosed: { option: TemplateOption } | null = open;
  if (unclosed) {
    fail(unclosed.option.line, `Optional argument "${unclosed.option.label}" has no "[[end]]".`);
  }
  return blocks;
}

/** `[[optional: Label | hint]]` opens an optional argument, `[[end]]` closes it. */
const OPTION_MARKER = /^\[\[\s*(?:optional\s*:\s*(.*?)|end)\s*\]\]$/;

function readOption(
  spec: string,
  line: number,
  fail: (line: number, message: string) => void,
  seen: readonly TemplateOption[],
): TemplateOption | null {
  const [label = '', hint = '', ...rest] = spec.split('|').map((s) => s.trim());
  if (label === '' || hint === '' || rest.length > 0) {
    fail(line, 'Write an optional argument as "[[optional: Label | when it applies]]".');
    return null;
  }
  const id = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  if (seen.some((o) => o.id === id)) {
    fail(line, `Optional argument "${label}" is given twice.`);
    return null;
  }
  return { id, label, hint, line };
}

export function checkInline(
  text: string,
  line: number,
  fail: (line: number, message: string) => void,
  noteUse: (key: PlaceholderKey) => void,
): void {
  const standalone = BLOCK_LINE.test(text.trim());
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    if (!isPlaceholderKey(name)) {
      fail(line, unknownPlaceholder(name));
      continue;
    }
    if (PLACEHOLDERS[name].type === 'block' && !standalone) {
      fail(line, `{{${name}}} is a table or list and must stand alone on its own line.`);
    }
    noteUse(name);
  }
  const stripped = text.replace(PLACEHOLDER, '');
  if (stripped.includes('{{') || stripped.includes('}}')) {
    fail(line, 'Unbalanced "{{" or "}}": a placeholder is written {{name}}.');
  }
}

export function unknownPlaceholder(name: string): string {
  return `Unknown placeholder {{${name}}}. Valid placeholders: ${validPlaceholderList()}.`;
}

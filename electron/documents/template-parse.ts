import { isPlaceholderKey, type PlaceholderKey } from './placeholders';
import { checkInline, readBody, unknownPlaceholder } from './template-body';
import {
  DENIAL_CATEGORIES,
  RECIPIENTS,
  STATEMENT_SECTIONS,
  TEMPLATE_KINDS,
  type AppealLevel,
  type BodyBlock,
  type DenialCategory,
  type ParseResult,
  type Recipient,
  type TemplateError,
  type TemplateOption,
} from './template';

/**
 * Templates are plain text so a billing manager can edit them in any editor:
 *
 *     ---
 *     id: appeal-medical-necessity-1
 *     kind: appeal
 *     categories: medical-necessity
 *     required: patient_name, member_id
 *     suggested-enclosures:
 *       - Medical records
 *     ---
 *     Dear Appeals Reviewer:
 *
 *     We appeal claim {{payer_claim_number}} ...
 *
 * The front matter is a deliberately small subset of YAML (`key: value`, comma lists,
 * `- item` lists, `#` comments) parsed strictly here, so a typo is reported with its
 * line number instead of being silently ignored.
 */

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const REASON_CODE = /^[A-Z]?\d{1,3}$/;

type FrontKey =
  | 'id'
  | 'kind'
  | 'title'
  | 'subject'
  | 'description'
  | 'categories'
  | 'reason-codes'
  | 'level'
  | 'recipient'
  | 'reference'
  | 'required'
  | 'suggested-enclosures'
  | 'closing';

const FRONT_KEYS: readonly FrontKey[] = [
  'id',
  'kind',
  'title',
  'subject',
  'description',
  'categories',
  'reason-codes',
  'level',
  'recipient',
  'reference',
  'required',
  'suggested-enclosures',
  'closing',
];
const LIST_KEYS = new Set<FrontKey>([
  'categories',
  'reason-codes',
  'reference',
  'required',
  'suggested-enclosures',
]);

interface FrontValue {
  readonly line: number;
  readonly scalar?: string;
  readonly items?: readonly string[];
}

export { unknownPlaceholder, validPlaceholderList } from './template-body';

export function parseTemplate(text: string): ParseResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const errors: TemplateError[] = [];
  const fail = (line: number, message: string) => errors.push({ line, message });

  if (lines[0]?.trim() !== '---') {
    return { ok: false, errors: [{ line: 1, message: 'The first line must be "---".' }] };
  }
  const close = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (close < 0) {
    return {
      ok: false,
      errors: [{ line: 1, message: 'The front matter is not closed by a "---" line.' }],
    };
  }

  const front = readFrontMatter(lines.slice(1, close), 2, fail);
  const used: PlaceholderKey[] = [];
  const noteUse = (key: PlaceholderKey) => {
    if (!used.includes(key)) used.push(key);
  };

  const scalar = (key: FrontKey): string | undefined => front.get(key)?.scalar;
  const lineOf = (key: FrontKey): number => front.get(key)?.line ?? 1;
  const requireScalar = (key: FrontKey): string => {
    const value = scalar(key);
    if (value === undefined || value === '') fail(1, `The front matter needs "${key}".`);
    return value ?? '';
  };

  const id = requireScalar('id');
  if (id && !ID_PATTERN.test(id)) {
    fail(lineOf('id'), `id "${id}" may hold only lower-case letters, digits and dashes.`);
  }
  const kind = oneOf(requireScalar('kind'), TEMPLATE_KINDS, 'kind', lineOf('kind'), fail);
  const title = requireScalar('title');
  const subject = scalar('subject') ?? '';
  checkInline(subject, lineOf('subject'), fail, noteUse);
  const description = scalar('description') ?? '';
  const closing = scalar('closing') ?? 'Sincerely,';

  const categories: DenialCategory[] = [];
  for (const c of front.get('categories')?.items ?? []) {
    const category = oneOf(c, DENIAL_CATEGORIES, 'category', lineOf('categories'), fail);
    if (category) categories.push(category);
  }
  const reasonCodes = [...(front.get('reason-codes')?.items ?? [])];
  for (const code of reasonCodes) {
    if (!REASON_CODE.test(code)) {
      fail(lineOf('reason-codes'), `"${code}" is not a claim adjustment reason code (CARC).`);
    }
  }

  let level: AppealLevel | null = null;
  const levelText = scalar('level');
  if (levelText !== undefined) {
    if (levelText === '1' || levelText === '2') level = Number(levelText) as AppealLevel;
    else fail(lineOf('level'), `level must be 1 or 2, not "${levelText}".`);
  }
  const recipient: Recipient =
    oneOf(scalar('recipient') ?? 'payer', RECIPIENTS, 'recipient', lineOf('recipient'), fail) ??
    'payer';

  const keyList = (key: FrontKey): PlaceholderKey[] => {
    const out: PlaceholderKey[] = [];
    for (const name of front.get(key)?.items ?? []) {
      if (isPlaceholderKey(name)) out.push(name);
      else fail(lineOf(key), unknownPlaceholder(name));
    }
    return out;
  };
  const reference = keyList('reference');
  const required = keyList('required');
  const suggestedEnclosures = [...(front.get('suggested-enclosures')?.items ?? [])];

  if (kind === 'appeal' && (categories.length === 0 || level === null)) {
    fail(1, 'An appeal template needs "categories" and "level".');
  }

  const options: TemplateOption[] = [];
  const body = readBody(lines, close + 1, fail, noteUse, options);
  if (body.length === 0) fail(close + 2, 'The template has no body text.');
  if (kind === 'statement') checkStatementSections(body, close + 2, fail);
  for (const key of reference) noteUse(key);

  if (errors.length > 0 || !kind) return { ok: false, errors: sortErrors(errors) };
  return {
    ok: true,
    template: {
      id,
      kind,
      title,
      subject,
      description,
      categories,
      reasonCodes,
      level,
      recipient,
      reference,
      required,
      suggestedEnclosures,
      closing,
      body,
      options,
      placeholders: used,
    },
  };
}

function readFrontMatter(
  lines: readonly string[],
  firstLine: number,
  fail: (line: number, message: string) => void,
): Map<FrontKey, FrontValue> {
  const out = new Map<FrontKey, FrontValue>();
  let openList: { key: FrontKey; line: number; items: string[] } | null = null;
  const closeList = () => {
    if (openList) out.set(openList.key, { line: openList.line, items: openList.items });
    openList = null;
  };

  lines.forEach((raw, i) => {
    const line = firstLine + i;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const item = /^\s+-\s+(.*)$/.exec(raw);
    if (item) {
      if (openList) openList.items.push(item[1]!.trim());
      else fail(line, 'A "- " item must follow a key that ends with ":".');
      return;
    }
    closeList();
    const m = /^([a-z-]+):(?:\s+(.*))?$/.exec(raw);
    if (!m) {
      fail(line, `Expected "key: value", found "${trimmed}".`);
      return;
    }
    const name = m[1]!;
    const value = (m[2] ?? '').trim();
    if (!(FRONT_KEYS as readonly string[]).includes(name)) {
      fail(line, `Unknown front-matter key "${name}". Known keys: ${FRONT_KEYS.join(', ')}.`);
      return;
    }
    const key = name as FrontKey;
    if (out.has(key)) {
      fail(line, `"${key}" is given twice.`);
      return;
    }
    if (LIST_KEYS.has(key)) {
      if (value === '') openList = { key, line, items: [] };
      else
        out.set(key, {
          line,
          items: value
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== ''),
        });
    } else {
      out.set(key, { line, scalar: value });
    }
  });
  closeList();
  return out;
}

function checkStatementSections(
  body: readonly BodyBlock[],
  bodyLine: number,
  fail: (line: number, message: string) => void,
): void {
  const seen = new Set<string>();
  for (const block of body) {
    if (block.type !== 'heading') continue;
    if (!(STATEMENT_SECTIONS as readonly string[]).includes(block.text)) {
      fail(
        block.line,
        `Unknown statement section "${block.text}". Sections: ${STATEMENT_SECTIONS.join(', ')}.`,
      );
    } else if (seen.has(block.text)) {
      fail(block.line, `Section "${block.text}" appears twice.`);
    }
    seen.add(block.text);
  }
  if (body[0] && body[0].type !== 'heading') {
    fail(body[0].line, 'Statement text must start with a "# section" heading.');
  }
  const missing = STATEMENT_SECTIONS.filter((s) => !seen.has(s));
  if (missing.length > 0) fail(bodyLine, `Missing statement sections: ${missing.join(', ')}.`);
}

function oneOf<T extends string>(
  value: string,
  allowed: readonly T[],
  what: string,
  line: number,
  fail: (line: number, message: string) => void,
): T | undefined {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  if (value !== '') fail(line, `Unknown ${what} "${value}". Use one of: ${allowed.join(', ')}.`);
  return undefined;
}

function sortErrors(errors: TemplateError[]): TemplateError[] {
  return [...errors].sort((a, b) => a.line - b.line);
}

/** Makes one readable message out of a failed parse, for an error dialog or a thrown Error. */
export function describeErrors(errors: readonly TemplateError[], source = 'template'): string {
  return errors.map((e) => `${source} line ${e.line}: ${e.message}`).join('\n');
}

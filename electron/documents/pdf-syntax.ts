/**
 * Just enough of PDF's object syntax (ISO 32000-1, 7.2-7.3) to move objects from one file to
 * another: values are read from the bytes between an object's header and its stream or
 * `endobj`, and every indirect reference is kept with where it stands so it can be rewritten.
 * Stream data is never read here: its length comes from the dictionary.
 */
export type PdfValue =
  | { readonly kind: 'dict'; readonly entries: ReadonlyMap<string, PdfValue> }
  | { readonly kind: 'array'; readonly items: readonly PdfValue[] }
  | { readonly kind: 'ref'; readonly num: number; readonly gen: number }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'name'; readonly name: string }
  /** A literal or hex string, bool or null: carried over as written. */
  | { readonly kind: 'other' };

/** Where a reference `N G R` is written, from its first digit to just after the `R`. */
export interface RefSpan {
  readonly start: number;
  readonly end: number;
  readonly num: number;
  readonly gen: number;
}

export class PdfSyntaxError extends Error {}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
/** ( ) < > [ ] { } / % */
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
const INTEGER = /^\d+$/;

type Token =
  | { readonly type: 'open'; readonly what: '<<' | '[' }
  | { readonly type: 'close'; readonly what: '>>' | ']' }
  | { readonly type: 'name'; readonly name: string }
  | { readonly type: 'string' }
  | { readonly type: 'word'; readonly word: string; readonly start: number };

/** Reads tokens from `pos` on; stops at nothing by itself: the parser decides where to stop. */
export class PdfReader {
  pos: number;
  constructor(
    readonly buf: Buffer,
    start: number,
  ) {
    this.pos = start;
  }

  fail(what: string): never {
    throw new PdfSyntaxError(`${what} at byte ${this.pos}`);
  }

  skipSpace(): void {
    const { buf } = this;
    while (this.pos < buf.length) {
      const c = buf[this.pos] as number;
      if (WHITESPACE.has(c)) this.pos++;
      else if (c === 0x25) {
        // a comment runs to the end of its line
        while (this.pos < buf.length && buf[this.pos] !== 0x0a && buf[this.pos] !== 0x0d)
          this.pos++;
      } else return;
    }
  }

  private regular(): string {
    const { buf } = this;
    const start = this.pos;
    while (this.pos < buf.length) {
      const c = buf[this.pos] as number;
      if (WHITESPACE.has(c) || DELIMITERS.has(c)) break;
      this.pos++;
    }
    return buf.toString('latin1', start, this.pos);
  }

  /** A literal string: balanced parentheses, a backslash escapes the next byte. */
  private literalString(): void {
    const { buf } = this;
    let depth = 0;
    while (this.pos < buf.length) {
      const c = buf[this.pos++] as number;
      if (c === 0x5c) this.pos++;
      else if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) return;
    }
    this.fail('an unterminated string');
  }

  next(): Token {
    this.skipSpace();
    const { buf } = this;
    if (this.pos >= buf.length) this.fail('the file ends inside an object');
    const start = this.pos;
    const c = buf[start] as number;
    switch (c) {
      case 0x3c: // <
        if (buf[start + 1] === 0x3c) {
          this.pos += 2;
          return { type: 'open', what: '<<' };
        }
        this.pos = buf.indexOf(0x3e, start);
        if (this.pos < 0) this.fail('an unterminated hex string');
        this.pos++;
        return { type: 'string' };
      case 0x3e: // >
        if (buf[start + 1] !== 0x3e) this.fail('a stray ">"');
        this.pos += 2;
        return { type: 'close', what: '>>' };
      case 0x5b:
        this.pos++;
        return { type: 'open', what: '[' };
      case 0x5d:
        this.pos++;
        return { type: 'close', what: ']' };
      case 0x28:
        this.literalString();
        return { type: 'string' };
      case 0x2f:
        this.pos++;
        return { type: 'name', name: this.regular() };
      case 0x29:
      case 0x7b:
      case 0x7d:
        this.fail(`an unexpected "${String.fromCharCode(c)}"`);
    }
    return { type: 'word', word: this.regular(), start };
  }

  /** The keyword next in the file, or fails. */
  expectWord(word: string): void {
    const token = this.next();
    if (token.type !== 'word' || token.word !== word) this.fail(`"${word}" expected`);
  }

  /** An unsigned integer next in the file, or fails. */
  integer(): number {
    const token = this.next();
    if (token.type !== 'word' || !INTEGER.test(token.word)) this.fail('an integer expected');
    return Number(token.word);
  }
}

/**
 * Reads one direct value, noting every reference in it. Stops after the value; the word
 * that ends an object (`endobj`, `stream`) is left to the caller.
 */
export function readValue(reader: PdfReader, refs: RefSpan[]): PdfValue {
  const value = readItem(reader, refs, reader.next());
  if (value === 'close') reader.fail('a value expected');
  return value;
}

function readItem(reader: PdfReader, refs: RefSpan[], token: Token): PdfValue | 'close' {
  switch (token.type) {
    case 'close':
      return 'close';
    case 'name':
      return { kind: 'name', name: token.name };
    case 'string':
      return { kind: 'other' };
    case 'open':
      return token.what === '[' ? readArray(reader, refs) : readDict(reader, refs);
    case 'word':
      if (token.word === 'true' || token.word === 'false' || token.word === 'null')
        return { kind: 'other' };
      if (INTEGER.test(token.word)) return maybeRef(reader, refs, token.word, token.start);
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token.word))
        return { kind: 'number', value: Number(token.word) };
      return reader.fail(`an unexpected "${token.word}"`);
  }
}

/** `N G R` is a reference; a lone integer is a number (in an array, the next item may follow). */
function maybeRef(reader: PdfReader, refs: RefSpan[], first: string, start: number): PdfValue {
  const after = reader.pos;
  const second = reader.next();
  if (second.type === 'word' && INTEGER.test(second.word)) {
    const third = reader.next();
    if (third.type === 'word' && third.word === 'R') {
      const ref = { num: Number(first), gen: Number(second.word) };
      refs.push({ start, end: reader.pos, ...ref });
      return { kind: 'ref', ...ref };
    }
  }
  reader.pos = after;
  return { kind: 'number', value: Number(first) };
}

function readArray(reader: PdfReader, refs: RefSpan[]): PdfValue {
  const items: PdfValue[] = [];
  for (;;) {
    const token = reader.next();
    if (token.type === 'close') {
      if (token.what !== ']') reader.fail('">>" inside an array');
      return { kind: 'array', items };
    }
    items.push(readItem(reader, refs, token) as PdfValue);
  }
}

function readDict(reader: PdfReader, refs: RefSpan[]): PdfValue {
  const entries = new Map<string, PdfValue>();
  for (;;) {
    const key = reader.next();
    if (key.type === 'close') {
      if (key.what !== '>>') reader.fail('"]" inside a dictionary');
      return { kind: 'dict', entries };
    }
    if (key.type !== 'name') reader.fail('a dictionary key expected');
    entries.set(key.name, readValue(reader, refs));
  }
}

/** The entry of a dictionary value, or undefined when it is not a dictionary or has none. */
export function entry(value: PdfValue, key: string): PdfValue | undefined {
  return value.kind === 'dict' ? value.entries.get(key) : undefined;
}

export function nameOf(value: PdfValue | undefined): string | undefined {
  return value?.kind === 'name' ? value.name : undefined;
}

/** A PDF literal string holding `text` (Latin-1). */
export function pdfString(text: string): string {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

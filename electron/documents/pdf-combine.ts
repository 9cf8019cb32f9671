import { createHash } from 'node:crypto';
import type { IsoDate } from '../../shared/dates/iso-date';
import {
  PdfReader,
  PdfSyntaxError,
  entry,
  nameOf,
  pdfString,
  readValue,
  type PdfValue,
  type RefSpan,
} from './pdf-syntax';

/**
 * Puts the pages of PDFs that ClaimDesk wrote with pdfkit into one file, in order, so a
 * statement run draws each statement once (its filed copy) and prints the same bytes.
 * pdfkit cannot import pages, so the files are read here: each through its cross-reference
 * table, each object by its `N 0 obj` header, each stream skipped by its /Length. The
 * objects a part's pages use are copied with new numbers (references rewritten outside
 * streams and strings), under one new page tree; each part's catalog and info go. Objects
 * that come out byte for byte the same (a font subset two statements share) are written
 * once. Anything not understood is refused rather than written into a broken file.
 */
export interface PdfCombiner {
  /** Appends the file's pages; returns how many it had. */
  add(pdf: Buffer): number;
  /** The combined file; nothing may be added afterwards. */
  finish(): Buffer;
  readonly pageCount: number;
}

export class PdfCombineError extends Error {}

/** Catalog entries a part may have that the combined file can do without. */
const DROPPABLE_CATALOG = new Set(['Type', 'Pages', 'ViewerPreferences', 'Names']);
/** Page attributes a page inherits from its tree (7.7.3.4): refused there, kept on pages. */
const INHERITED = ['Resources', 'MediaBox', 'CropBox', 'Rotate'];

interface Parsed {
  readonly value: PdfValue;
  readonly refs: readonly RefSpan[];
  /** The value's bytes, from after `obj` to before `stream`/`endobj`. */
  readonly body: Buffer;
  readonly bodyStart: number;
  /** The stream's data, or null for an object without one. */
  readonly data: Buffer | null;
}

const fail = (what: string): never => {
  throw new PdfCombineError(`The PDF cannot be combined: ${what}.`);
};

/** One input file, its objects read on demand. */
class Part {
  readonly version: number;
  readonly offsets = new Map<number, number>();
  readonly trailer: PdfValue;

  constructor(readonly buf: Buffer) {
    const header = /^%PDF-1\.(\d)/.exec(buf.toString('latin1', 0, 16));
    if (!header) fail('it does not start with a PDF header');
    this.version = Number(header?.[1]);
    const tail = buf.toString('latin1', Math.max(0, buf.length - 64));
    const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
    if (!start) fail('it does not end with startxref and %%EOF');
    const reader = new PdfReader(buf, Number(start?.[1]));
    reader.expectWord('xref');
    this.readXref(reader);
    this.trailer = readValue(reader, []);
    for (const key of ['Prev', 'Encrypt', 'XRefStm']) {
      if (entry(this.trailer, key)) fail(`its trailer has /${key}`);
    }
  }

  /** The classic table pdfkit writes: subsections of 20-byte entries. */
  private readXref(reader: PdfReader): void {
    for (;;) {
      reader.skipSpace();
      if (this.buf.toString('latin1', reader.pos, reader.pos + 7) === 'trailer') {
        reader.pos += 7;
        return;
      }
      const first = reader.integer();
      const count = reader.integer();
      reader.skipSpace();
      for (let i = 0; i < count; i++) {
        const line = this.buf.toString('latin1', reader.pos, reader.pos + 20);
        const m = /^(\d{10}) (\d{5}) ([nf])[ \r\n]{2}$/.exec(line);
        if (!m) fail(`a cross-reference entry is malformed at byte ${reader.pos}`);
        if (m?.[3] === 'n') {
          if (m[2] !== '00000') fail('an object has a generation other than 0');
          this.offsets.set(first + i, Number(m[1]));
        }
        reader.pos += 20;
      }
    }
  }

  /** The object numbered `num`, read at the offset the table gives, or refused. */
  read(num: number): Parsed {
    const at = this.offsets.get(num);
    if (at === undefined) return fail(`object ${num} is not in its cross-reference table`);
    const reader = new PdfReader(this.buf, at);
    const digit = this.buf[at] ?? 0;
    if (digit < 0x30 || digit > 0x39 || reader.integer() !== num || reader.integer() !== 0)
      fail(`the cross-reference table does not point at object ${num}`);
    reader.expectWord('obj');
    reader.skipSpace();
    const bodyStart = reader.pos;
    const refs: RefSpan[] = [];
    const value = readValue(reader, refs);
    const body = this.buf.subarray(bodyStart, reader.pos);
    const end = reader.next();
    if (end.type !== 'word') return fail(`object ${num} has more than one value`);
    if (end.word === 'endobj') return { value, refs, body, bodyStart, data: null };
    if (end.word !== 'stream') return fail(`object ${num} ends with "${end.word}"`);
    const length = entry(value, 'Length');
    if (length?.kind !== 'number' || !Number.isInteger(length.value))
      return fail(`stream ${num} has no direct integer /Length`);
    // the keyword's end of line is CRLF or LF (7.3.8.1)
    let dataStart = reader.pos;
    if (this.buf[dataStart] === 0x0d) dataStart++;
    if (this.buf[dataStart] !== 0x0a) fail(`stream ${num} does not start on a new line`);
    dataStart++;
    const dataEnd = dataStart + length.value;
    reader.pos = dataEnd;
    reader.expectWord('endstream');
    reader.expectWord('endobj');
    return { value, refs, body, bodyStart, data: this.buf.subarray(dataStart, dataEnd) };
  }

  ref(value: PdfValue | undefined, what: string): number {
    if (value?.kind !== 'ref') return fail(`${what} is not a reference`);
    return value.num;
  }

  /** The page objects in order and the page tree nodes above them. */
  pages(): { pages: number[]; nodes: Set<number> } {
    const catalog = this.read(this.ref(entry(this.trailer, 'Root'), 'the trailer /Root')).value;
    if (nameOf(entry(catalog, 'Type')) !== 'Catalog') fail('/Root is not a catalog');
    if (catalog.kind === 'dict') {
      for (const key of catalog.entries.keys()) {
        if (!DROPPABLE_CATALOG.has(key)) fail(`its catalog has /${key}, which would be lost`);
      }
    }
    const names = entry(catalog, 'Names');
    if (names) this.requireNoNames(names);
    const pages: number[] = [];
    const nodes = new Set<number>();
    const walk = (num: number) => {
      if (nodes.has(num) || pages.includes(num)) fail('its page tree has a loop');
      const node = this.read(num).value;
      const type = nameOf(entry(node, 'Type'));
      if (type === 'Page') {
        pages.push(num);
        return;
      }
      if (type !== 'Pages') return fail(`object ${num} in the page tree is a ${type ?? 'value'}`);
      nodes.add(num);
      for (const key of INHERITED) if (entry(node, key)) fail(`a page tree node has /${key}`);
      const kids = entry(node, 'Kids');
      if (kids?.kind !== 'array') return fail('a page tree node has no /Kids');
      for (const kid of kids.items) walk(this.ref(kid, 'a page tree kid'));
    };
    walk(this.ref(entry(catalog, 'Pages'), 'the catalog /Pages'));
    return { pages, nodes };
  }

  /** pdfkit always writes an empty name tree for destinations; a filled one would be lost. */
  private requireNoNames(names: PdfValue): void {
    const dict = names.kind === 'ref' ? this.read(names.num).value : names;
    if (dict.kind !== 'dict') return fail('its catalog /Names is not a dictionary');
    for (const [key, tree] of dict.entries) {
      const items = entry(tree, 'Names');
      if (key !== 'Dests' || tree.kind !== 'dict' || tree.entries.size !== 1)
        fail(`its catalog /Names has /${key}, which would be lost`);
      if (items?.kind !== 'array' || items.items.length > 0)
        fail('it has named destinations, which would be lost');
    }
  }
}

/** Object 1 is the combined page tree, so every page's /Parent can be written as it goes. */
const ROOT_PAGES = 1;

export function openPdfCombiner(options: {
  readonly title: string;
  readonly date: IsoDate;
}): PdfCombiner {
  const chunks: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  let version = 3;
  let nextNum = ROOT_PAGES + 1;
  const kids: number[] = [];
  const seen = new Map<string, number>();
  const id = createHash('md5');
  let open = true;

  const write = (bytes: Buffer | string) => {
    // a copy: a slice would keep the whole part it came from in memory until the end
    const chunk = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
    chunks.push(chunk);
    length += chunk.length;
  };
  const writeObject = (num: number, body: Buffer | string, data: Buffer | null = null) => {
    offsets[num] = length;
    write(`${num} 0 obj\n`);
    write(body);
    write(data ? '\nstream\n' : '\nendobj\n');
    if (data) {
      write(data);
      write('\nendstream\nendobj\n');
    }
  };
  // the header's length does not depend on the version, which is known at the end
  const header = (v: number) => Buffer.from(`%PDF-1.${v}\n%\xff\xff\xff\xff\n`, 'latin1');
  write(header(version));

  const addPart = (pdf: Buffer): number => {
    const part = new Part(pdf);
    version = Math.max(version, part.version);
    const { pages, nodes } = part.pages();
    const mapped = new Map<number, number>([...nodes].map((n) => [n, ROOT_PAGES]));
    const inProgress = new Set<number>();
    const pageSet = new Set(pages);
    const excluded = new Set(
      [entry(part.trailer, 'Root'), entry(part.trailer, 'Info')].flatMap((v) =>
        v?.kind === 'ref' ? [v.num] : [],
      ),
    );

    /** Copies the object after everything it refers to; the new number. */
    const copy = (num: number): number => {
      const done = mapped.get(num);
      if (done !== undefined) return done;
      if (excluded.has(num)) fail('a page refers to the catalog or the document info');
      if (inProgress.has(num)) fail(`object ${num} refers back to itself through others`);
      inProgress.add(num);
      const obj = part.read(num);
      const targets = obj.refs.map((r) =>
        r.gen === 0 ? copy(r.num) : fail(`a reference has generation ${r.gen}`),
      );
      const body = rewrite(obj, targets);
      let next: number | undefined;
      // pages stay distinct objects: a page tree may list each only once
      const key = pageSet.has(num) ? null : digest(body, obj.data);
      if (key !== null) next = seen.get(key);
      if (next === undefined) {
        next = nextNum++;
        if (key !== null) seen.set(key, next);
        writeObject(next, body, obj.data);
      }
      if (key !== null) id.update(key);
      inProgress.delete(num);
      mapped.set(num, next);
      return next;
    };
    for (const page of pages) kids.push(copy(page));
    return pages.length;
  };

  return {
    get pageCount() {
      return kids.length;
    },
    add(pdf) {
      if (!open) throw new Error('the combined PDF is already finished');
      try {
        return addPart(pdf);
      } catch (error) {
        // a part half copied leaves objects nothing refers to: the combined file is given up
        open = false;
        if (error instanceof PdfSyntaxError) return fail(error.message);
        throw error;
      }
    },
    finish() {
      if (!open) throw new Error('the combined PDF is already finished');
      if (kids.length === 0) fail('no pages were added');
      open = false;
      writeObject(
        ROOT_PAGES,
        `<<\n/Type /Pages\n/Count ${kids.length}\n/Kids [${kids.map((k) => `${k} 0 R`).join(' ')}]\n>>`,
      );
      const stamp = pdfString(`D:${options.date.replaceAll('-', '')}120000Z`);
      const info = nextNum++;
      writeObject(
        info,
        `<<\n/Producer (ClaimDesk)\n/Creator (ClaimDesk)\n/CreationDate ${stamp}\n/Title ${pdfString(options.title)}\n/ModDate ${stamp}\n>>`,
      );
      const catalog = nextNum++;
      writeObject(
        catalog,
        `<<\n/Type /Catalog\n/Pages ${ROOT_PAGES} 0 R\n/ViewerPreferences <<\n/DisplayDocTitle true\n>>\n>>`,
      );
      const xref = length;
      const rows = ['0000000000 65535 f \n'];
      for (let n = 1; n < nextNum; n++)
        rows.push(`${String(offsets[n]).padStart(10, '0')} 00000 n \n`);
      const fileId = id.update(options.title).update(options.date).digest('hex');
      write(`xref\n0 ${nextNum}\n${rows.join('')}`);
      write(
        `trailer\n<<\n/Size ${nextNum}\n/Root ${catalog} 0 R\n/Info ${info} 0 R\n/ID [<${fileId}> <${fileId}>]\n>>\nstartxref\n${xref}\n%%EOF\n`,
      );
      chunks[0] = header(version);
      return Buffer.concat(chunks, length);
    },
  };
}

/** The object's value with each reference renumbered; the bytes between them as written. */
function rewrite(obj: Parsed, targets: readonly number[]): Buffer {
  if (obj.refs.length === 0) return obj.body;
  const pieces: Buffer[] = [];
  let from = 0;
  obj.refs.forEach((ref, i) => {
    pieces.push(obj.body.subarray(from, ref.start - obj.bodyStart));
    pieces.push(Buffer.from(`${targets[i]} 0 R`, 'latin1'));
    from = ref.end - obj.bodyStart;
  });
  pieces.push(obj.body.subarray(from));
  return Buffer.concat(pieces);
}

function digest(body: Buffer, data: Buffer | null): string {
  const hash = createHash('sha1').update(body);
  if (data) hash.update('\0stream\0').update(data);
  return hash.digest('base64');
}

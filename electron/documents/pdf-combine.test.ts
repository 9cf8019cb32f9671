import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isoDate } from '../../shared/dates/iso-date';
import { createDocument } from './pdf-doc';
import { PdfCombineError, openPdfCombiner } from './pdf-combine';
import { PdfReader, readValue, type RefSpan } from './pdf-syntax';
import { sampleStatementData } from './sample-data';
import { renderStatement } from './statement-layout';
import { pdfPageCount, pdfText, writePageImages } from './test-pdf';

const date = isoDate('2026-03-20');
const combiner = () => openPdfCombiner({ title: 'Patient statements', date });

/** Three statements as filed: one page, two pages, one page. */
async function statements(): Promise<Buffer[]> {
  const sample = sampleStatementData();
  const long = { ...sample, lines: [...sample.lines, ...sample.lines, ...sample.lines] };
  const parts = [
    { ...sample, lines: sample.lines.slice(0, 2), accountNumber: 'C00001' },
    { ...long, accountNumber: 'C00002' },
    { ...sample, lines: sample.lines.slice(0, 1), accountNumber: 'C00003' },
  ];
  return Promise.all(parts.map(async (data) => (await renderStatement(data, {})).pdf));
}

/** What poppler says on stderr while rendering every page: nothing for a sound file. */
function renderErrors(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-combine-'));
  try {
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    const run = spawnSync('pdftoppm', ['-r', '20', '-png', join(dir, 'doc.pdf'), join(dir, 'p')], {
      encoding: 'utf8',
    });
    return `${run.status === 0 ? '' : `exit ${run.status}\n`}${run.stderr}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every object the cross-reference table lists, checked to start where it says. */
function xrefMismatches(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const start = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
  const table = /^xref\n0 (\d+)\n/.exec(text.slice(start));
  if (!table) return ['no xref table at startxref'];
  const size = Number(table[1]);
  const bad: string[] = [];
  for (let n = 1; n < size; n++) {
    const row = text.slice(start + table[0].length + n * 20, start + table[0].length + n * 20 + 20);
    const offset = Number(row.slice(0, 10));
    if (!text.startsWith(`${n} 0 obj\n`, offset)) bad.push(`object ${n} at ${offset}`);
  }
  if (!text.includes(`/Size ${size}\n`)) bad.push('trailer /Size');
  return bad;
}

describe('openPdfCombiner', () => {
  it('puts the pages of each file in order into one sound file that reads the same', async () => {
    const parts = await statements();
    const c = combiner();
    expect(parts.map((p) => c.add(p))).toEqual([1, 2, 1]);
    const combined = c.finish();
    expect(c.pageCount).toBe(4);
    expect(pdfPageCount(combined)).toBe(4);
    expect(xrefMismatches(combined)).toEqual([]);
    expect(renderErrors(combined)).toBe('');
    let page = 1;
    for (const part of parts) {
      for (let p = 1; p <= pdfPageCount(part); p++)
        expect(pdfText(combined, page++)).toBe(pdfText(part, p));
    }
    expect(pdfText(combined, 2)).toContain('C00002');
    writePageImages(combined, 'combined-statements');
  });

  it('writes an object shared byte for byte by several files once', async () => {
    const [one] = await statements();
    const c = combiner();
    c.add(one as Buffer);
    c.add(one as Buffer);
    const combined = c.finish();
    expect(pdfPageCount(combined)).toBe(2);
    // the fonts, the bulk of a statement, are written once: only the page and its content twice
    expect(combined.length).toBeLessThan((one as Buffer).length * 1.3);
    expect(pdfText(combined, 2)).toBe(pdfText(one as Buffer, 1));
    expect(renderErrors(combined)).toBe('');
  });

  it('gives the same bytes for the same files', async () => {
    const parts = await statements();
    const twice = [0, 1].map(() => {
      const c = combiner();
      for (const p of parts) c.add(p);
      return c.finish();
    });
    expect((twice[0] as Buffer).equals(twice[1] as Buffer)).toBe(true);
  });

  it('refuses a file it does not understand rather than writing a broken one', async () => {
    const [one] = (await statements()) as [Buffer];
    const refused = (pdf: Buffer) => () => combiner().add(pdf);
    expect(refused(Buffer.from('not a pdf'))).toThrow(/does not start with a PDF header/);
    expect(refused(one.subarray(0, one.length - 200))).toThrow(PdfCombineError);
    // a stream whose /Length does not reach its end
    const text = one.toString('latin1');
    const length = /\/Length (\d+)/.exec(text) as RegExpExecArray;
    const shortened = text.replace(length[0], `/Length ${Number(length[1]) - 5}`);
    expect(refused(Buffer.from(shortened, 'latin1'))).toThrow(/"endstream" expected/);
    // an object moved from where the table says it is
    const moved = text.replace('\n8 0 obj', '\n 8 0 obj');
    expect(refused(Buffer.from(moved, 'latin1'))).toThrow(/does not point at object/);
  });

  it('refuses a file whose catalog holds what the combined file would lose', async () => {
    const { doc, done } = createDocument({
      date,
      title: 'Outlined',
      margins: { top: 72, bottom: 72, left: 72, right: 72 },
    });
    doc.addPage();
    doc.font('sans').text('Chapter one');
    doc.outline.addItem('Chapter one');
    doc.end();
    const pdf = await done;
    expect(() => combiner().add(pdf)).toThrow(/catalog has \/Outlines/);
  });

  it('refuses to finish without pages and to add after finishing', async () => {
    expect(() => combiner().finish()).toThrow(/no pages were added/);
    const [one] = (await statements()) as [Buffer];
    const c = combiner();
    c.add(one);
    c.finish();
    expect(() => c.add(one)).toThrow(/already finished/);
  });
});

describe('readValue', () => {
  it('finds references outside strings only', () => {
    const source = Buffer.from(
      '<< /A (x 1 0 R \\) (2 0 R)) /B [3 0 R 4 5.5 <6 0 R>] /C 7 0 R % 8 0 R\n>>',
      'latin1',
    );
    const refs: RefSpan[] = [];
    const value = readValue(new PdfReader(source, 0), refs);
    expect(refs.map((r) => r.num)).toEqual([3, 7]);
    expect(refs.map((r) => source.toString('latin1', r.start, r.end))).toEqual(['3 0 R', '7 0 R']);
    expect(value.kind === 'dict' && [...value.entries.keys()]).toEqual(['A', 'B', 'C']);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Test helpers that read PDFs back with poppler (pdftotext, pdfinfo, pdffonts, pdftoppm),
 * so tests check what a reader of the file would see rather than what we meant to draw.
 */
function withFile<T>(pdf: Buffer, use: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-pdf-'));
  const path = join(dir, 'doc.pdf');
  writeFileSync(path, pdf);
  try {
    return use(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text of the whole file, or of one page (counted from 1). */
export function pdfText(pdf: Buffer, page?: number): string {
  return withFile(pdf, (path) =>
    execFileSync(
      'pdftotext',
      [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', path, '-'],
      { encoding: 'utf8' },
    ),
  );
}

/**
 * Text in the order it was drawn, so a value wrapped inside a column of a two-column
 * block stays in one piece once whitespace is collapsed (-layout interleaves columns).
 */
export function pdfRawText(pdf: Buffer): string {
  return withFile(pdf, (path) =>
    execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }),
  );
}

export function pdfPageCount(pdf: Buffer): number {
  const info = withFile(pdf, (path) => execFileSync('pdfinfo', [path], { encoding: 'utf8' }));
  const match = /^Pages:\s+(\d+)$/m.exec(info);
  if (!match) throw new Error('pdfinfo printed no page count');
  return Number(match[1]);
}

export function pdfFontNames(pdf: Buffer): { name: string; embedded: boolean }[] {
  const out = withFile(pdf, (path) => execFileSync('pdffonts', [path], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // columns: name type... encoding emb sub uni object ID
      return { name: cols[0] ?? '', embedded: cols[cols.length - 5] === 'yes' };
    });
}

export interface Word {
  readonly text: string;
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
  readonly page: number;
}

/** Every word with its box in points from the top-left corner of its page. */
export function pdfWords(pdf: Buffer): Word[] {
  const html = withFile(pdf, (path) =>
    execFileSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8' }),
  );
  const words: Word[] = [];
  let page = 0;
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page += 1;
    const m =
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/.exec(
        line,
      );
    if (m) {
      words.push({
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        text: m[5]!.replaceAll('&amp;', '&'),
        page,
      });
    }
  }
  return words;
}

/** Writes page images for a person to look at; test-output/ is not committed. */
export function writePageImages(pdf: Buffer, name: string): void {
  const dir = join(process.cwd(), 'test-output', 'documents');
  mkdirSync(dir, { recursive: true });
  withFile(pdf, (path) =>
    execFileSync('pdftoppm', ['-png', '-r', '60', path, join(dir, name)], { encoding: 'utf8' }),
  );
}

/**
 * The letter's own text, page after page, without the running header of continuation
 * pages and the "Page X of N" footers, so a sentence that breaks across pages reads whole.
 */
export function pdfBodyText(pdf: Buffer): string {
  const pages: string[] = [];
  for (let page = 1; page <= pdfPageCount(pdf); page++) {
    const lines = pdfText(pdf, page)
      .split('\n')
      .filter((l) => !/^\s*Page \d+ of \d+\s*$/.test(l));
    const head = page > 1 ? lines.findIndex((l) => l.trim() !== '') : -1;
    pages.push(lines.filter((_, i) => i !== head).join('\n'));
  }
  return pages.join('\n');
}

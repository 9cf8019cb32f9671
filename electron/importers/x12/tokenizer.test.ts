import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenizer';

const isa =
  'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *250101*1200*^*00501*000000001*0*T*:';

describe('tokenize', () => {
  it('takes every delimiter from the ISA segment', () => {
    const text =
      isa.replaceAll('*', '|').replace('^', '!').replace(/:$/, '>') + '\u0007GS|HP\u0007';
    const result = tokenize(text);
    expect(result.delimiters).toEqual({
      element: '|',
      repetition: '!',
      component: '>',
      segment: '\u0007',
    });
    expect(result.segments.map((s) => s.id)).toEqual(['ISA', 'GS']);
    expect(result.errors).toEqual([]);
  });

  it('gives the same segments for one line, one per line, CRLF and newline terminators', () => {
    const body = ['GS*HP*A*B*20250101*1200*1*X*005010X221A1', 'ST*835*0001', 'SE*2*0001'];
    const layouts = [
      [isa, ...body].join('~') + '~',
      [isa, ...body].join('~\n') + '~\n',
      [isa, ...body].join('~\r\n') + '~\r\n',
      [isa, ...body].join('\n') + '\n',
      [isa, ...body].join('\r\n'),
    ];
    const shapes = layouts.map((text) =>
      tokenize(text).segments.map((s) => [s.index, ...s.elements]),
    );
    for (const shape of shapes) expect(shape).toEqual(shapes[0]);
    expect(shapes[0]).toHaveLength(4);
  });

  it('reports unreadable segments with their position and byte offset', () => {
    const text = `${isa}~GS*HP~é€~ST*835*1~`;
    const result = tokenize(text);
    expect(result.errors).toEqual([
      {
        code: 'bad-segment-id',
        message: 'Segment 3 does not start with a segment identifier; the file may be damaged.',
        segmentId: null,
        segmentIndex: 3,
        byteOffset: isa.length + 7,
      },
    ]);
    // é and € take 2 and 3 bytes, so ST starts 5 bytes after them, not 2 characters
    expect(result.segments[2]).toMatchObject({ id: 'ST', index: 4, byteOffset: isa.length + 13 });
  });

  it('refuses text that is not X12 without throwing', () => {
    for (const text of ['', 'hello world', '%PDF-1.7', 'ISA', 'ISA*00*short~']) {
      const result = tokenize(text);
      expect(result.delimiters).toBeNull();
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]?.segmentIndex).toBe(1);
    }
  });

  it('guesses the delimiters of a bare transaction and says so', () => {
    const result = tokenize('ST*835*1~SE*2*1~');
    expect(result.delimiters?.element).toBe('*');
    expect(result.warnings.map((w) => w.code)).toEqual(['delimiters-guessed']);
  });

  it('warns when the last segment has no terminator', () => {
    const result = tokenize(`${isa}~GS*HP`);
    expect(result.warnings.map((w) => [w.code, w.segmentIndex])).toEqual([
      ['missing-final-terminator', 2],
    ]);
  });
});

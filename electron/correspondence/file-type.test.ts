import { describe, expect, it } from 'vitest';
import { accountNumberFromName, scanTypeOf } from './file-type';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('scanned letters are typed by their content', () => {
  it('knows PDF, PNG, JPEG and both TIFF byte orders', () => {
    expect(scanTypeOf(new TextEncoder().encode('%PDF-1.7\n'))).toBe('pdf');
    expect(scanTypeOf(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('png');
    expect(scanTypeOf(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('jpeg');
    expect(scanTypeOf(bytes(0x49, 0x49, 0x2a, 0x00, 8))).toBe('tiff');
    expect(scanTypeOf(bytes(0x4d, 0x4d, 0x00, 0x2a, 0))).toBe('tiff');
  });

  it('refuses anything else, and a file too short to tell', () => {
    // a Word document (zip) and a Windows executable, whatever they are called
    expect(scanTypeOf(bytes(0x50, 0x4b, 0x03, 0x04))).toBeNull();
    expect(scanTypeOf(bytes(0x4d, 0x5a, 0x90, 0x00))).toBeNull();
    expect(scanTypeOf(new TextEncoder().encode('%PD'))).toBeNull();
    expect(scanTypeOf(bytes())).toBeNull();
  });
});

describe('account numbers in file names', () => {
  it('takes the name up to the first separator', () => {
    expect(accountNumberFromName('A-1042.pdf')).toBe('A-1042');
    expect(accountNumberFromName('scans/A-1042_returned.tif')).toBe('A-1042');
    expect(accountNumberFromName('C:\\scans\\A-1042 - letter from payer.jpg')).toBe('A-1042');
    expect(accountNumberFromName('.pdf')).toBeNull();
  });
});

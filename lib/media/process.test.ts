import { describe, expect, it } from 'vitest';
import { formatOfBytes } from './process';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)));

describe('an upload’s type', () => {
  it('is read from its first bytes', () => {
    expect(formatOfBytes(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(formatOfBytes(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
    expect(formatOfBytes(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe('webp');
    expect(formatOfBytes(bytes([0, 0, 0, 0x1c], 'ftypavif', [0, 0, 0, 0], 'mif1miaf'))).toBe('avif');
    expect(formatOfBytes(bytes([0, 0, 0, 0x1c], 'ftypmif1', [0, 0, 0, 0], 'mif1avif'))).toBe('avif');
  });

  it('is nothing Kiji takes for SVG, HTML, HEIC or a truncated signature', () => {
    expect(formatOfBytes(bytes('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull();
    expect(formatOfBytes(bytes('<!doctype html>'))).toBeNull();
    expect(formatOfBytes(bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic'))).toBeNull();
    expect(formatOfBytes(bytes([0xff, 0xd8]))).toBeNull();
    expect(formatOfBytes(new Uint8Array())).toBeNull();
  });
});

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { icoEntries, icoFromPngs } from './ico';

const square = (side: number) =>
  sharp({ create: { width: side, height: side, channels: 4, background: '#1f2937' } })
    .png()
    .toBuffer();

describe('the favicon’s ICO file', () => {
  it('holds each PNG whole, behind an icon header and a directory that names its size', async () => {
    const pngs = await Promise.all([16, 32, 48].map(square));
    const ico = icoFromPngs(
      pngs.map((png, index) => ({ width: [16, 32, 48][index]!, height: [16, 32, 48][index]!, png })),
    );
    expect([...ico.subarray(0, 6)]).toEqual([0, 0, 1, 0, 3, 0]);
    const entries = icoEntries(ico);
    expect(entries.map((entry) => [entry.width, entry.height])).toEqual([
      [16, 16],
      [32, 32],
      [48, 48],
    ]);
    for (const [index, entry] of entries.entries()) {
      expect(Buffer.from(entry.bytes).equals(pngs[index]!)).toBe(true);
      expect((await sharp(entry.bytes).metadata()).width).toBe([16, 32, 48][index]);
    }
  });

  it('writes 256 pixels as 0, as the format says, and refuses larger images', async () => {
    const png = await square(256);
    expect(icoEntries(icoFromPngs([{ width: 256, height: 256, png }]))[0]!.width).toBe(256);
    expect(icoFromPngs([{ width: 256, height: 256, png }])[6]).toBe(0);
    expect(() => icoFromPngs([{ width: 512, height: 512, png }])).toThrow(/1 to 256/);
  });
});

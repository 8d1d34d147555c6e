import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { formatOfBytes, processUpload } from './process';

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

describe('an upload’s renditions', () => {
  // A camera's JPEG: its make and model, and where it was taken.
  const cameraJpeg = () =>
    sharp({ create: { width: 400, height: 300, channels: 3, background: '#336699' } })
      .jpeg()
      .withExif({
        IFD0: { Make: 'KijiCam', Model: 'X1' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '35/1 41/1 0/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '139/1 46/1 0/1',
        },
      })
      .toBuffer();

  it('carry the IPTC digital source type of an AI-made image in their XMP, and no EXIF, GPS or camera data', async () => {
    const input = await cameraJpeg();
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const { renditions } = await processUpload(input, { source: 'ai-generated' });
    expect(renditions.length).toBeGreaterThan(3);
    for (const rendition of renditions) {
      const metadata = await sharp(rendition.bytes).metadata();
      expect(metadata.xmp?.toString(), rendition.name).toContain(
        '<Iptc4xmpExt:DigitalSourceType>http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia</Iptc4xmpExt:DigitalSourceType>',
      );
      expect(metadata.exif, rendition.name).toBeUndefined();
      expect(rendition.bytes.includes('KijiCam'), rendition.name).toBe(false);
    }
  });

  it('carry no metadata at all when nobody said how the image was made', async () => {
    const { renditions } = await processUpload(await cameraJpeg());
    for (const rendition of renditions) {
      const metadata = await sharp(rendition.bytes).metadata();
      expect(metadata.xmp, rendition.name).toBeUndefined();
      expect(metadata.exif, rendition.name).toBeUndefined();
    }
  });
});

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { formatOfBytes, IMAGE_QUEUE, ImageRefused, imageQueueState, MAX_IMAGE_SIDE, processUpload } from './process';
import { QueueFull } from './work-queue';

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

describe('an upload’s size', () => {
  const png = (width: number, height: number) =>
    sharp({ create: { width, height, channels: 3, background: '#2a6' } })
      .png()
      .toBuffer();

  it('is refused, with both sides named, when one side is longer than the limit even under the pixel cap', async () => {
    const long = await png(60_000, 600);
    await expect(processUpload(long)).rejects.toBeInstanceOf(ImageRefused);
    await expect(processUpload(long)).rejects.toThrow(
      `画像の縦と横は${MAX_IMAGE_SIDE.toLocaleString('ja-JP')}px以内にしてください（この画像は60,000×600px）`,
    );
  });

  it('is refused by its pixel count when too many pixels, before it is decoded', async () => {
    await expect(processUpload(await png(9_000, 5_000))).rejects.toThrow(/4,000万画素以内/);
  });
});

describe('processing uploads', () => {
  it(`makes one image at a time and keeps at most ${IMAGE_QUEUE.maxWaiting} waiting: the next is refused as busy`, async () => {
    const image = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#36c' } })
      .jpeg()
      .toBuffer();
    const uploads = Array.from({ length: IMAGE_QUEUE.concurrency + IMAGE_QUEUE.maxWaiting + 1 }, () =>
      processUpload(image),
    );
    expect(imageQueueState()).toEqual({ running: IMAGE_QUEUE.concurrency, waiting: IMAGE_QUEUE.maxWaiting });
    const outcomes = await Promise.allSettled(uploads);
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(QueueFull);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(uploads.length - 1);
    expect(imageQueueState()).toEqual({ running: 0, waiting: 0 });
  }, 60_000);
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

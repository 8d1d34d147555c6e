import 'server-only';
import sharp, { type OutputInfo, type Sharp } from 'sharp';
import {
  CROP_WIDTH,
  CROPS,
  cropFile,
  cropSize,
  FORMAT_TYPES,
  IMAGE_FORMATS,
  IMAGE_UPLOAD_MAX_BYTES,
  renditionFile,
  renditionWidths,
  iptcDigitalSourceType,
  scaledHeight,
  type CropName,
  type ImageFormat,
  type ImageSourceKind,
} from './renditions';
import { runtime } from '../platform/runtime.mjs';
import { createWorkQueue, type QueueFull, type WorkQueue } from './work-queue';

/**
 * What an upload becomes: its type read from its bytes (never its name), its size checked, and
 * every rendition made once (lib/media/renditions.ts decides which). sharp writes no metadata
 * unless asked, so EXIF (the camera's GPS position with it) never leaves the upload; the image is
 * turned upright by its EXIF orientation first, since that goes too.
 */

/** A decompression bomb stops here (8000 × 5000), before it is decoded. */
const MAX_INPUT_PIXELS = 40_000_000;
/** Neither side longer than this, whatever the pixel count: a 60000 × 600 strip is no photograph. */
export const MAX_IMAGE_SIDE = 10_000;
const MIN_SIDE = 200;

/**
 * One image is made at a time per instance, with one libvips thread and no libvips cache, so an
 * editor's uploads take at most one of the machine's cores and a bounded amount of memory, and
 * readers' pages keep the rest (docs/decisions/0025). A burst waits in line; past the line, or
 * after waiting too long, an upload is refused with 503 and Retry-After.
 */
export const IMAGE_QUEUE = { concurrency: 1, maxWaiting: 8, maxWaitMs: 90_000 } as const;
sharp.concurrency(1);
sharp.cache(false);

function imageQueue(): WorkQueue {
  const state = runtime();
  state.imageQueue ??= createWorkQueue(IMAGE_QUEUE);
  return state.imageQueue;
}

/** The refusal an upload arriving now would meet, so that its body need not be read first. */
export function imageQueueRefusal(): QueueFull | null {
  return imageQueue().refusalNow();
}

/** How many images are being made and waiting in this instance, for tests and metrics. */
export function imageQueueState(): { running: number; waiting: number } {
  const queue = imageQueue();
  return { running: queue.running, waiting: queue.waiting };
}

export type UploadFormat = 'jpeg' | 'png' | 'webp' | 'avif';

export class ImageRefused extends Error {}

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
  signature.every((byte, index) => bytes[at + index] === byte);
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/** The format the bytes are, by their signature, or null for anything else (SVG, HTML, a renamed .exe…). */
export function formatOfBytes(bytes: Uint8Array): UploadFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (ascii(bytes, 4, 8) === 'ftyp') {
    // An ISO media file: AVIF names itself in its major or compatible brands (HEIC does not count).
    const boxSize = Math.min(bytes.length, (bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!);
    for (let at = 8; at + 4 <= boxSize; at += 4) {
      const brand = ascii(bytes, at, at + 4);
      if (brand === 'avif' || brand === 'avis') return 'avif';
    }
  }
  return null;
}

export type Rendition = { name: string; contentType: string; width: number; height: number; bytes: Buffer };
export type ProcessedImage = { format: UploadFormat; width: number; height: number; renditions: Rendition[] };

const ENCODERS: Record<ImageFormat, (image: Sharp) => Sharp> = {
  avif: (image) => image.avif({ quality: 55, effort: 2 }),
  webp: (image) => image.webp({ quality: 78 }),
  jpeg: (image) => image.jpeg({ quality: 80, mozjpeg: true }),
};

const ja = (n: number) => n.toLocaleString('ja-JP');
const UNREADABLE = '画像を読み取れませんでした（壊れているか、対応していない形式です）';

/**
 * The XMP packet that says how an image was made (IPTC's DigitalSourceType), the one piece of
 * metadata the renditions carry: AI-made images keep that trace, while EXIF, GPS and the camera's
 * data never leave the upload (sharp writes only what it is given).
 */
export function digitalSourceXmp(source: ImageSourceKind): string {
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/">',
    `<Iptc4xmpExt:DigitalSourceType>${iptcDigitalSourceType(source)}</Iptc4xmpExt:DigitalSourceType>`,
    '</rdf:Description></rdf:RDF></x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('');
}

/**
 * Checks an upload and makes its renditions, in the instance's image queue. The queue is joined
 * at once (QueueFull when it is full), so the order of uploads is the order they arrived.
 * `source`: how the image was made, when the uploader says so; its renditions then carry it in XMP.
 */
export function processUpload(bytes: Buffer, { source }: { source?: ImageSourceKind } = {}): Promise<ProcessedImage> {
  if (bytes.length === 0) return Promise.reject(new ImageRefused('ファイルが空です'));
  if (bytes.length > IMAGE_UPLOAD_MAX_BYTES) {
    return Promise.reject(new ImageRefused(`画像は${IMAGE_UPLOAD_MAX_BYTES / 1024 / 1024}MBまでです`));
  }
  const format = formatOfBytes(bytes);
  if (!format) return Promise.reject(new ImageRefused('JPEG、PNG、WebP、AVIF の画像を選んでください'));
  return imageQueue().run(() => makeRenditions(bytes, format, source));
}

/**
 * Renditions made again from themselves with `source` in their XMP and nothing else: the kind the
 * editor chose after uploading the image (lib/media/images.ts stampImageSource). Each is decoded
 * and encoded once more with its own format's settings (one more generation of a lossy format at
 * the same quality: invisible at these qualities, and only when the kind changes). In the image
 * queue, like an upload.
 */
export function stampedRenditions(
  renditions: { name: string; contentType: string; bytes: Buffer }[],
  source: ImageSourceKind,
): Promise<{ name: string; bytes: Buffer }[]> {
  return imageQueue().run(async () => {
    const stamped: { name: string; bytes: Buffer }[] = [];
    for (const rendition of renditions) {
      const format = IMAGE_FORMATS.find((candidate) => FORMAT_TYPES[candidate] === rendition.contentType);
      if (!format) throw new Error(`no encoder for ${rendition.contentType}`);
      const encoded = ENCODERS[format](sharp(rendition.bytes, { failOn: 'error' })).withXmp(digitalSourceXmp(source));
      stamped.push({ name: rendition.name, bytes: await encoded.toBuffer() });
    }
    return stamped;
  });
}

async function makeRenditions(
  bytes: Buffer,
  format: UploadFormat,
  source: ImageSourceKind | undefined,
): Promise<ProcessedImage> {
  const encode = (imageFormat: ImageFormat, image: Sharp) => {
    const encoded = ENCODERS[imageFormat](image);
    return source ? encoded.withXmp(digitalSourceXmp(source)) : encoded;
  };
  // The size from the header alone, turned upright by its EXIF orientation (the size readers see),
  // checked before a single pixel is decoded.
  let width: number;
  let height: number;
  try {
    ({ width, height } = (await sharp(bytes).metadata()).autoOrient);
  } catch {
    throw new ImageRefused(UNREADABLE);
  }
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    throw new ImageRefused(
      `画像の縦と横は${ja(MAX_IMAGE_SIDE)}px以内にしてください（この画像は${ja(width)}×${ja(height)}px）`,
    );
  }
  if (width * height > MAX_INPUT_PIXELS) {
    throw new ImageRefused(
      `画像は${ja(MAX_INPUT_PIXELS / 10_000)}万画素以内にしてください（この画像は${ja(width)}×${ja(height)}px）`,
    );
  }
  if (width < MIN_SIDE || height < MIN_SIDE) throw new ImageRefused(`画像は縦横${MIN_SIDE}px以上にしてください`);
  const size = { width, height };

  // Decoded once, upright, at the size the largest output needs (the widest rendition, and a crop
  // of the short side at full width), never more: every output is then made from these pixels,
  // not from the original decoded again for each.
  const widths = renditionWidths(width);
  const scale = Math.min(1, Math.max(widths[widths.length - 1]! / width, CROP_WIDTH / Math.min(width, height)));
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    const upright = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
    decoded = await (scale < 1 ? upright.resize({ width: Math.round(width * scale) }) : upright)
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw new ImageRefused(UNREADABLE);
  }
  const { data, info } = decoded;
  const working = () => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });

  // One output at a time: with one libvips thread, this is the upload's whole share of the machine.
  const renditions: Rendition[] = [];
  for (const targetWidth of widths) {
    for (const imageFormat of IMAGE_FORMATS) {
      renditions.push({
        name: renditionFile(targetWidth, imageFormat),
        contentType: FORMAT_TYPES[imageFormat],
        width: targetWidth,
        height: scaledHeight(size, targetWidth),
        bytes: await encode(
          imageFormat,
          working().resize({ width: targetWidth, height: scaledHeight(size, targetWidth), fit: 'fill' }),
        ).toBuffer(),
      });
    }
  }
  for (const crop of Object.keys(CROPS) as CropName[]) {
    const target = cropSize(crop);
    renditions.push({
      name: cropFile(crop),
      contentType: FORMAT_TYPES.jpeg,
      ...target,
      // Smaller images are enlarged here: search engines want these at least 1200 px wide.
      bytes: await encode(
        'jpeg',
        working().resize({ ...target, fit: 'cover', position: sharp.strategy.attention }),
      ).toBuffer(),
    });
  }
  return { format, width, height, renditions };
}

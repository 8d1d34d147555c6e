import 'server-only';
import sharp, { type Sharp } from 'sharp';
import {
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

/**
 * What an upload becomes: its type read from its bytes (never its name), its size checked, and
 * every rendition made once (lib/media/renditions.ts decides which). sharp writes no metadata
 * unless asked, so EXIF (the camera's GPS position with it) never leaves the upload; the image is
 * turned upright by its EXIF orientation first, since that goes too.
 */

/** A decompression bomb stops here (8000 × 5000), before it is decoded. */
const MAX_INPUT_PIXELS = 40_000_000;
const MIN_SIDE = 200;

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

/** `source`: how the image was made, when the uploader says so; its renditions then carry it in XMP. */
export async function processUpload(
  bytes: Buffer,
  { source }: { source?: ImageSourceKind } = {},
): Promise<ProcessedImage> {
  const encode = (format: ImageFormat, image: Sharp) => {
    const encoded = ENCODERS[format](image);
    return source ? encoded.withXmp(digitalSourceXmp(source)) : encoded;
  };
  if (bytes.length === 0) throw new ImageRefused('ファイルが空です');
  if (bytes.length > IMAGE_UPLOAD_MAX_BYTES) {
    throw new ImageRefused(`画像は${IMAGE_UPLOAD_MAX_BYTES / 1024 / 1024}MBまでです`);
  }
  const format = formatOfBytes(bytes);
  if (!format) throw new ImageRefused('JPEG、PNG、WebP、AVIF の画像を選んでください');
  const upright = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
  let width: number;
  let height: number;
  try {
    // The size after turning upright, which is the size readers see.
    const { info } = await upright.clone().raw().toBuffer({ resolveWithObject: true });
    ({ width, height } = info);
  } catch {
    throw new ImageRefused('画像を読み取れませんでした（壊れているか、大きすぎます）');
  }
  if (width < MIN_SIDE || height < MIN_SIDE) throw new ImageRefused(`画像は縦横${MIN_SIDE}px以上にしてください`);
  const size = { width, height };

  const jobs: Promise<Rendition>[] = [];
  for (const targetWidth of renditionWidths(width)) {
    for (const format of IMAGE_FORMATS) {
      jobs.push(
        encode(format, upright.clone().resize({ width: targetWidth }))
          .toBuffer()
          .then((output: Buffer) => ({
            name: renditionFile(targetWidth, format),
            contentType: FORMAT_TYPES[format],
            width: targetWidth,
            height: scaledHeight(size, targetWidth),
            bytes: output,
          })),
      );
    }
  }
  for (const crop of Object.keys(CROPS) as CropName[]) {
    const target = cropSize(crop);
    jobs.push(
      encode(
        'jpeg',
        // Smaller images are enlarged here: search engines want these at least 1200 px wide.
        upright.clone().resize({ ...target, fit: 'cover', position: sharp.strategy.attention }),
      )
        .toBuffer()
        .then((output: Buffer) => ({ name: cropFile(crop), contentType: FORMAT_TYPES.jpeg, ...target, bytes: output })),
    );
  }
  return { format, width, height, renditions: await Promise.all(jobs) };
}

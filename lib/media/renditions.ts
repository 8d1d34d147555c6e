import { BODY_LIMITS, routes } from '../routes/registry';

/**
 * Which renditions an uploaded image gets, and their URLs: decided from the image's own size
 * alone, so that a page builds its srcset with no query and the upload makes exactly these. Pure,
 * with no `server-only`: components build their <picture> with it.
 */

/** Larger than a camera's JPEG; the server refuses a longer upload before reading it (lib/platform/request-gate.ts). */
export const IMAGE_UPLOAD_MAX_BYTES = BODY_LIMITS.image;

export const IMAGE_FORMATS = ['avif', 'webp', 'jpeg'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

export const FORMAT_TYPES: Record<ImageFormat, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
};

const EXTENSIONS: Record<ImageFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg' };

/** Phone, tablet, desktop column and high-density desktop. Never enlarged. */
export const RENDITION_WIDTHS = [480, 800, 1200, 1600] as const;

/** The shapes Google asks for in an article's structured data, each at least 1200 px wide. */
export const CROPS = { '16x9': [16, 9], '4x3': [4, 3], '1x1': [1, 1] } as const;
export type CropName = keyof typeof CROPS;
export const CROP_WIDTH = 1200;

export type ImageSize = { width: number; height: number };

/** The widths an image of this width is made at: the standard ones below it, and its own if smaller than the largest. */
export function renditionWidths(originalWidth: number): number[] {
  const widths: number[] = RENDITION_WIDTHS.filter((width) => width < originalWidth);
  const largest = RENDITION_WIDTHS[RENDITION_WIDTHS.length - 1]!;
  if (originalWidth <= largest || widths.length === 0) widths.push(Math.min(originalWidth, largest));
  else widths.push(largest);
  return [...new Set(widths)];
}

export function scaledHeight(size: ImageSize, width: number): number {
  return Math.max(1, Math.round((size.height * width) / size.width));
}

export function renditionFile(width: number, format: ImageFormat): string {
  return `${width}.${EXTENSIONS[format]}`;
}

export function cropSize(crop: CropName): ImageSize {
  const [w, h] = CROPS[crop];
  return { width: CROP_WIDTH, height: Math.round((CROP_WIDTH * h) / w) };
}

export function cropFile(crop: CropName): string {
  const { width, height } = cropSize(crop);
  return `${width}x${height}.jpg`;
}

export function imageUrl(id: number, file: string): string {
  return routes.image.href(id, file);
}

export type PictureSources = {
  /** One srcset per format, best first, for <source type=…>. */
  sources: { type: string; srcSet: string }[];
  /** The JPEG fallback for <img>: its srcset and a middle-sized src. */
  src: string;
  srcSet: string;
  width: number;
  height: number;
};

export function pictureSources(id: number, size: ImageSize): PictureSources {
  const widths = renditionWidths(size.width);
  const srcSet = (format: ImageFormat) =>
    widths.map((width) => `${imageUrl(id, renditionFile(width, format))} ${width}w`).join(', ');
  const middle = widths.find((width) => width >= 800) ?? widths[widths.length - 1]!;
  return {
    sources: (['avif', 'webp'] as const).map((format) => ({ type: FORMAT_TYPES[format], srcSet: srcSet(format) })),
    src: imageUrl(id, renditionFile(middle, 'jpeg')),
    srcSet: srcSet('jpeg'),
    width: size.width,
    height: size.height,
  };
}

/** The largest JPEG rendition: for feeds, which name one file. */
export function largestJpeg(id: number, size: ImageSize): { url: string } & ImageSize {
  const widths = renditionWidths(size.width);
  const width = widths[widths.length - 1]!;
  return { url: imageUrl(id, renditionFile(width, 'jpeg')), width, height: scaledHeight(size, width) };
}

// ---- Provenance ----

export const IMAGE_SOURCES = ['photograph', 'ai-generated', 'illustration'] as const;
export type ImageSourceKind = (typeof IMAGE_SOURCES)[number];

export const IMAGE_SOURCE_LABELS: Record<ImageSourceKind, string> = {
  photograph: '写真',
  'ai-generated': 'AI生成画像',
  illustration: 'イラスト・図',
};

/**
 * Each kind's IPTC digital source type (cv.iptc.org/newscodes/digitalsourcetype), declared once.
 * The renditions carry it in their XMP (Iptc4xmpExt:DigitalSourceType, lib/media/process.ts); the
 * JSON-LD gives schema.org's member of its IPTCDigitalSourceEnumeration, which mirrors IPTC's
 * codes one for one (digitalCapture → DigitalCaptureDigitalSource) and which validators know.
 */
export const IPTC_DIGITAL_SOURCE_CODES: Record<ImageSourceKind, string> = {
  photograph: 'digitalCapture',
  'ai-generated': 'trainedAlgorithmicMedia',
  illustration: 'digitalArt',
};

export const iptcDigitalSourceType = (kind: ImageSourceKind) =>
  `http://cv.iptc.org/newscodes/digitalsourcetype/${IPTC_DIGITAL_SOURCE_CODES[kind]}`;

export const IMAGE_DIGITAL_SOURCE_TYPES = Object.fromEntries(
  IMAGE_SOURCES.map((kind) => {
    const code = IPTC_DIGITAL_SOURCE_CODES[kind];
    return [kind, `https://schema.org/${code[0]!.toUpperCase()}${code.slice(1)}DigitalSource`];
  }),
) as Record<ImageSourceKind, string>;

/** An image as an article uses it: the file, and what this article says about it. */
export type ImageView = ImageSize & {
  id: number;
  alt: string;
  caption: string | null;
  credit: string | null;
  source: ImageSourceKind;
};

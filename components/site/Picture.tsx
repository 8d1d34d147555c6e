import { pictureSources, type ImageSize } from '@/lib/media/renditions';

/**
 * An uploaded image as a <picture>: AVIF, then WebP, then JPEG, each at every width it was made
 * in, with its real size so the page never shifts as it loads. Plain markup, no script: the
 * public pages ship none (docs/decisions/0009).
 */
export function Picture({
  image,
  alt,
  sizes,
  priority = false,
  className,
}: {
  image: ImageSize & { id: number };
  alt: string;
  /** The width the image is laid out at, for the browser to pick a file. */
  sizes: string;
  /** The page's main image: fetched first, never lazily. */
  priority?: boolean;
  className?: string;
}) {
  const picture = pictureSources(image.id, image);
  return (
    <picture>
      {picture.sources.map((source) => (
        <source key={source.type} type={source.type} srcSet={source.srcSet} sizes={sizes} />
      ))}
      {/* Renditions are made once at upload (lib/media), not per request by next/image. */}
      <img
        src={picture.src}
        srcSet={picture.srcSet}
        sizes={sizes}
        width={picture.width}
        height={picture.height}
        alt={alt}
        loading={priority ? 'eager' : 'lazy'}
        decoding={priority ? 'sync' : 'async'}
        fetchPriority={priority ? 'high' : 'auto'}
        className={className}
      />
    </picture>
  );
}

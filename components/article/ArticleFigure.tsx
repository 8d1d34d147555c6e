import { IMAGE_SOURCE_LABELS, type ImageView } from '@/lib/media/renditions';
import { Picture } from '@/components/site/Picture';

/** The article column's width (the .measure class), for the browser's choice of file. */
const COLUMN_SIZES = '(min-width: 40rem) 37em, calc(100vw - 2rem)';

/**
 * An image in an article, with what readers are owed about it: its caption, who made it, and
 * whether it is a photograph, an illustration or made by AI, said in words, not only in metadata.
 */
export function ArticleFigure({ image, priority = false }: { image: ImageView; priority?: boolean }) {
  return (
    <figure className="mt-5">
      <Picture
        image={image}
        alt={image.alt}
        sizes={COLUMN_SIZES}
        priority={priority}
        className="h-auto w-full rounded"
      />
      <figcaption className="mt-2 text-sm leading-relaxed text-muted">
        {image.caption ? <span className="text-ink">{image.caption}</span> : null}
        <span className="ml-2 inline-block" data-testid="image-provenance">
          〔{IMAGE_SOURCE_LABELS[image.source]}
          {image.credit ? `・${image.credit}` : ''}〕
        </span>
      </figcaption>
    </figure>
  );
}

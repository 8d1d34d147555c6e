import { signedInEditor } from '@/lib/auth/session';
import { IMAGE_CACHE_CONTROL, renditionsMadeAt } from '@/lib/media/images';
import { readRendition } from '@/lib/articles/public-images';
import { routes } from '@/lib/routes/registry';

type Params = { params: Promise<{ id: string; file: string }> };

/**
 * One answer for every image a reader may not see: an id that does not exist, a file name no
 * rendition has, and an image only a draft, a scheduled or a deleted article uses (or none) all
 * get these same bytes and headers, so the answer never tells that the id exists.
 */
const notFound = () =>
  new Response('Not Found\n', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': IMAGE_CACHE_CONTROL.notFound },
  });

async function image(id: number, rendition: { contentType: string; bytes: Buffer }, cacheControl: string) {
  const madeAt = await renditionsMadeAt(id);
  return new Response(new Uint8Array(rendition.bytes), {
    headers: {
      'Content-Type': rendition.contentType,
      'Content-Length': String(rendition.bytes.length),
      'Cache-Control': cacheControl,
      'X-Content-Type-Options': 'nosniff',
      ...(madeAt ? { 'Last-Modified': madeAt.toUTCString() } : {}),
    },
  });
}

/**
 * An uploaded image's rendition, for readers while a public article uses it, and for editors
 * signed in always (decision 0024). Kiji's server adds the ETag and answers If-None-Match, and
 * If-Modified-Since against the `Last-Modified` given here, with 304 (lib/server/steps/held-response.ts).
 */
export async function GET(_request: Request, { params }: Params) {
  const parsed = routes.image.params.safeParse(await params);
  if (!parsed.success) return notFound();
  const { id, file } = parsed.data;
  const published = await readRendition(id, file, 'reader');
  if (published) return image(id, published, IMAGE_CACHE_CONTROL.public);
  // Not public: an editor still sees it (a draft's preview), never through a shared cache.
  if (!(await signedInEditor())) return notFound();
  const embargoed = await readRendition(id, file, 'editor');
  return embargoed ? image(id, embargoed, IMAGE_CACHE_CONTROL.editorOnly) : notFound();
}

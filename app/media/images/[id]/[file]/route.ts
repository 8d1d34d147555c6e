import { readRendition } from '@/lib/media/images';
import { routes } from '@/lib/routes/registry';

type Params = { params: Promise<{ id: string; file: string }> };

const notFound = () =>
  new Response('Not Found\n', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=60' },
  });

/**
 * An uploaded image's rendition. Images never change once stored, so the URL is cached for good;
 * Kiji's server adds the ETag and answers If-None-Match with 304 (scripts/serve.ts).
 */
export async function GET(_request: Request, { params }: Params) {
  const parsed = routes.image.params.safeParse(await params);
  if (!parsed.success) return notFound();
  const rendition = await readRendition(parsed.data.id, parsed.data.file);
  if (!rendition) return notFound();
  return new Response(new Uint8Array(rendition.bytes), {
    headers: {
      'Content-Type': rendition.contentType,
      'Content-Length': String(rendition.bytes.length),
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

import { serializeJsonLd } from '@/lib/crawlers/json-ld';

/** Structured data for crawlers. Not executed by browsers, and escaped so text cannot break out. */
export function JsonLd({ data }: { data: object }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />;
}

/** The kinds of source Kiji reads, by their Content-Type; anything else is not read. */
export type ContentKind = 'html' | 'pdf' | 'text';

export function contentKind(contentType: string | null): ContentKind | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'application/pdf') return 'pdf';
  if (type === 'text/plain') return 'text';
  return null;
}

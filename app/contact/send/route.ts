import { submitContactMessage } from '@/lib/editorial/contact';
import { clientAddressOf } from '@/lib/platform/client-address';
import { BodyTooLargeError, readBodyWithin } from '@/lib/platform/request-body';
import { bodyLimitOf } from '@/lib/routes/registry';
import { routes } from '@/lib/routes/registry';

/**
 * The contact form's POST (app/(site)/contact/page.tsx): a plain form, so no JavaScript is
 * needed. It answers 303, to the thank-you page or back to the form with the reason, so that a
 * reload never sends the message twice.
 */
const seeOther = (path: string) =>
  new Response(null, { status: 303, headers: { Location: path, 'Cache-Control': 'no-store' } });

export async function POST(request: Request): Promise<Response> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    return new Response('Unsupported Media Type\n', { status: 415, headers: { 'Content-Type': 'text/plain' } });
  }
  let form: URLSearchParams;
  try {
    form = new URLSearchParams(new TextDecoder().decode(await readBodyWithin(request, bodyLimitOf('contactSend'))));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return new Response('Content Too Large\n', { status: 413 });
    throw error;
  }
  const result = await submitContactMessage(
    {
      name: form.get('name') ?? '',
      email: form.get('email') ?? '',
      body: form.get('body') ?? '',
      website: form.get('website') ?? '',
    },
    clientAddressOf(request.headers),
  );
  return seeOther(result.ok ? routes.contactSent.href() : routes.contact.href(result.refusal));
}

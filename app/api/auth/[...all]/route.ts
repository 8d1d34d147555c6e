import { handleAuthRequest } from '@/lib/auth/auth-endpoints';

export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return handleAuthRequest(request);
}

export function POST(request: Request) {
  return handleAuthRequest(request);
}

import { checkHealth } from '@/lib/server/health';

/**
 * GET /api/health: for load balancers and orchestrators. 503 once the instance is draining
 * (SIGTERM), 200 otherwise, with the database's state, asked at most once a second per process.
 */
export const dynamic = 'force-dynamic';

export async function GET() {
  const report = await checkHealth();
  return Response.json(report.body, { status: report.httpStatus, headers: { 'Cache-Control': 'no-store' } });
}

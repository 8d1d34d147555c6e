import 'server-only';
import { databaseReachableNow } from './db-health';
import { isDraining } from './draining';

export type HealthReport = {
  httpStatus: 200 | 503;
  body: { status: 'ok' | 'draining'; database: 'up' | 'down' };
};

/**
 * What a load balancer needs: take an instance out of rotation once it is draining (503), and
 * otherwise keep it in. A database outage alone does not fail the check: every instance shares the
 * one database, and an instance that cannot reach it still serves its cached pages (decision 0008).
 */
export function healthReport({ draining, databaseUp }: { draining: boolean; databaseUp: boolean }): HealthReport {
  return {
    httpStatus: draining ? 503 : 200,
    body: { status: draining ? 'draining' : 'ok', database: databaseUp ? 'up' : 'down' },
  };
}

export async function checkHealth(): Promise<HealthReport> {
  return healthReport({ draining: isDraining(), databaseUp: await databaseReachableNow() });
}

import 'server-only';
import { redisState } from '../cache/store.mjs';
import { databaseReachableNow } from '../platform/db-health';
import { isDraining } from '../platform/draining';

export type HealthReport = {
  httpStatus: 200 | 503;
  body: { status: 'ok' | 'degraded' | 'draining'; database: 'up' | 'down'; redis?: 'up' | 'degraded' };
};

/**
 * What a load balancer needs: take an instance out of rotation once it is draining (503), and
 * otherwise keep it in. A database outage alone does not fail the check: every instance shares the
 * one database, and an instance that cannot reach it still serves its cached pages (decision 0008).
 * Nor does Redis being away: the instance serves from its own memory and the database meanwhile,
 * and says `degraded` so an operator sees it (decision 0026). `redis` is there only with REDIS_URL.
 */
export function healthReport({
  draining,
  databaseUp,
  redis = 'none',
}: {
  draining: boolean;
  databaseUp: boolean;
  redis?: 'none' | 'up' | 'degraded';
}): HealthReport {
  return {
    httpStatus: draining ? 503 : 200,
    body: {
      status: draining ? 'draining' : redis === 'degraded' ? 'degraded' : 'ok',
      database: databaseUp ? 'up' : 'down',
      ...(redis === 'none' ? {} : { redis }),
    },
  };
}

export async function checkHealth(): Promise<HealthReport> {
  return healthReport({ draining: isDraining(), databaseUp: await databaseReachableNow(), redis: redisState() });
}

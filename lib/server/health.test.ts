import { describe, expect, it } from 'vitest';
import { healthReport } from './health';

describe('the health report', () => {
  it('keeps a running instance in rotation and says the database is up', () => {
    expect(healthReport({ draining: false, databaseUp: true })).toEqual({
      httpStatus: 200,
      body: { status: 'ok', database: 'up' },
    });
  });

  it('keeps an instance in rotation during a database outage, since its cached pages still serve', () => {
    expect(healthReport({ draining: false, databaseUp: false })).toEqual({
      httpStatus: 200,
      body: { status: 'ok', database: 'down' },
    });
  });

  it('takes a draining instance out of rotation', () => {
    expect(healthReport({ draining: true, databaseUp: true }).httpStatus).toBe(503);
    expect(healthReport({ draining: true, databaseUp: true }).body.status).toBe('draining');
  });

  it('keeps an instance whose Redis failed in rotation, and says it is degraded', () => {
    expect(healthReport({ draining: false, databaseUp: true, redis: 'degraded' })).toEqual({
      httpStatus: 200,
      body: { status: 'degraded', database: 'up', redis: 'degraded' },
    });
    expect(healthReport({ draining: false, databaseUp: true, redis: 'up' }).body).toEqual({
      status: 'ok',
      database: 'up',
      redis: 'up',
    });
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { disconnectDb, onQuery } from '../platform/db';
import { markDraining } from '../platform/draining';
import { checkHealth } from './health';

afterAll(disconnectDb);

describe('the health check against a real PostgreSQL', () => {
  it('asks the database itself, but at most once a second however often it is called', async () => {
    const probes: string[] = [];
    const stop = onQuery((event) => {
      if (/SELECT 1/.test(event.query)) probes.push(event.query);
    });
    try {
      const reports = await Promise.all(Array.from({ length: 20 }, () => checkHealth()));
      for (let i = 0; i < 5; i += 1) reports.push(await checkHealth());
      expect(reports.every((report) => report.httpStatus === 200 && report.body.database === 'up')).toBe(true);
      expect(probes).toHaveLength(1);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await checkHealth();
      expect(probes).toHaveLength(2);
    } finally {
      stop();
    }
  });

  it('answers 503 once the process is draining', async () => {
    markDraining();
    expect(await checkHealth()).toEqual({ httpStatus: 503, body: { status: 'draining', database: 'up' } });
  });
});

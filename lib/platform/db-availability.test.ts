import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './db-availability';

describe('telling a database outage from a failed query', () => {
  it('recognises an unreachable server as Prisma reports it through the pg adapter', () => {
    const error = Object.assign(new Error("Can't reach database server at 127.0.0.1:54999"), {
      code: 'P1001',
      meta: {
        driverAdapterError: {
          name: 'DriverAdapterError',
          cause: { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 54999 },
        },
      },
    });
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('recognises a raw query whose connection failed, by the adapter cause alone', () => {
    const error = Object.assign(new Error('Raw query failed.'), {
      code: 'P2010',
      meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } },
    });
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('recognises a server shutting down and a refused socket', () => {
    expect(isDatabaseUnavailable({ cause: { originalCode: '57P01', kind: 'postgres' } })).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      true,
    );
  });

  it('does not mistake a constraint violation or a plain bug for an outage', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('Unique constraint failed'), { code: 'P2002' }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

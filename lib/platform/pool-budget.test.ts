import { describe, expect, it } from 'vitest';
import { poolBudgetProblem } from './pool-budget';

describe('the connection budget of several instances', () => {
  it('fits when instances × pool size stays below what PostgreSQL allows', () => {
    expect(poolBudgetProblem({ poolSize: 10, instances: 4, maxConnections: 100, reserved: 3 })).toBeNull();
  });

  it('names the numbers when it does not fit', () => {
    expect(poolBudgetProblem({ poolSize: 25, instances: 4, maxConnections: 100, reserved: 3 })).toContain(
      '100 connections, but PostgreSQL allows 97',
    );
  });
});

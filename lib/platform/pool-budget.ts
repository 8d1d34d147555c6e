/**
 * Every instance opens up to DATABASE_POOL_SIZE connections; together they must stay below
 * PostgreSQL's max_connections, minus the slots it reserves for superusers, or the last instance
 * to start gets "too many clients" under load. Pure, so it can be tested; the runtime services
 * (lib/server/services.ts) ask the database at start and log a warning when the sum does not fit.
 */
export type PoolBudget = { poolSize: number; instances: number; maxConnections: number; reserved: number };

export function poolBudgetProblem({ poolSize, instances, maxConnections, reserved }: PoolBudget): string | null {
  const needed = poolSize * instances;
  const available = maxConnections - reserved;
  if (needed < available) return null;
  return `${instances} instance(s) × DATABASE_POOL_SIZE ${poolSize} = ${needed} connections, but PostgreSQL allows ${available} (max_connections ${maxConnections} − ${reserved} reserved): lower DATABASE_POOL_SIZE or raise max_connections`;
}

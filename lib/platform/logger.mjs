// @ts-check
// Kiji's one logger: pino, one JSON line per event, `event` naming what happened. Debug and info
// lines go to stdout, warnings and errors to stderr. Plain JavaScript, checked by the compiler,
// because the cache modules Next loads outside the TypeScript bundle log through it too; one
// instance per process lives on globalThis, whichever bundle asks first.
import pino from 'pino';
import { runtime } from './runtime.mjs';

/**
 * Every event Kiji logs.
 * @typedef {'server_listening' | 'server_draining' | 'server_closed' | 'server_stopped' | 'request_failed' | 'change_feed'
 *   | 'stage_started' | 'stage_failed' | 'stage_stopped' | 'stage_stop_failed' | 'shutdown_timed_out'
 *   | 'scheduler_published' | 'scheduler_failed' | 'pool_budget' | 'query' | 'cache_failure' | 'cache_size_check' | 'redis_failure'
 *   | 'redis_degraded' | 'redis_recovered' | 'cache_expiry_deferred'
 *   | 'metrics_listening' | 'sign_in_records_pruned'
 *   | 'contact_messages_pruned' | 'contact_message_received' | 'editor_presence_pruned' | 'breaking_expired' | 'server_step_failed' | 'webhook_send_failed'
 *   | 'source_snapshot_failed' | 'admin_action_undeclared_audit'
 *   | 'image_stamp_failed'} LogEvent
 */

/** @returns {import('pino').Logger} */
function logger() {
  const state = runtime();
  state.logger ??= pino(
    {
      level: 'debug',
      base: undefined,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    // Synchronous writes: a line written just before process.exit is not lost.
    pino.multistream(
      [
        { level: 'debug', stream: pino.destination({ dest: 1, sync: true }) },
        { level: 'warn', stream: pino.destination({ dest: 2, sync: true }) },
      ],
      { dedupe: true },
    ),
  );
  return state.logger;
}

/**
 * @param {'debug' | 'info' | 'warn' | 'error'} level
 * @param {LogEvent} event
 * @param {Record<string, unknown>} [fields]
 */
function write(level, event, fields = {}) {
  logger()[level]({ event, ...fields });
}

export const log = {
  /** @param {LogEvent} event @param {Record<string, unknown>} [fields] */
  debug: (event, fields) => write('debug', event, fields),
  /** @param {LogEvent} event @param {Record<string, unknown>} [fields] */
  info: (event, fields) => write('info', event, fields),
  /** @param {LogEvent} event @param {Record<string, unknown>} [fields] */
  warn: (event, fields) => write('warn', event, fields),
  /** @param {LogEvent} event @param {Record<string, unknown>} [fields] */
  error: (event, fields) => write('error', event, fields),
};

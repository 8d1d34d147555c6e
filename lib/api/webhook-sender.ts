import 'server-only';
import { config } from '../platform/config';
import { log } from '../platform/logger.mjs';
import { runtime } from '../platform/runtime.mjs';
import { deliverDueWebhooks } from './webhooks';

/**
 * Each instance sends the outbox's due webhooks every SEND_INTERVAL_MS, beside the scheduler
 * (started by instrumentation.ts, stopped by the one shutdown sequence). Any instance may: rows are
 * claimed with SKIP LOCKED and a lease (lib/api/webhooks.ts), so each event goes to each endpoint
 * once across instances. A tick never overlaps the last; off when background work is off
 * (KIJI_SCHEDULER_INTERVAL_MS=0). A slow or dead endpoint delays only its own delivery, never a save.
 */
export const SEND_INTERVAL_MS = 1_000;

export function startWebhookSender(): void {
  const state = runtime();
  if (state.webhookSender || config().KIJI_SCHEDULER_INTERVAL_MS <= 0) return;
  const sender: { interval: NodeJS.Timeout; running: Promise<void> | null } = {
    interval: setInterval(() => {
      if (sender.running) return;
      sender.running = deliverDueWebhooks()
        .then(() => undefined)
        .catch((error: unknown) => log.error('webhook_send_failed', { message: (error as Error).message }))
        .finally(() => {
          sender.running = null;
        });
    }, SEND_INTERVAL_MS),
    running: null,
  };
  sender.interval.unref();
  state.webhookSender = sender;
  state.webhookStop = stopWebhookSender;
}

export async function stopWebhookSender(): Promise<void> {
  const state = runtime();
  const sender = state.webhookSender;
  if (!sender) return;
  clearInterval(sender.interval);
  state.webhookSender = undefined;
  await sender.running;
}

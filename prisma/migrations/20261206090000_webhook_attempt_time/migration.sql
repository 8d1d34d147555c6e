-- When a webhook delivery was last attempted (docs/decisions/0034): the dashboard's delivery log shows it.
ALTER TABLE "webhook_deliveries" ADD COLUMN "last_attempt_at" TIMESTAMPTZ(3);

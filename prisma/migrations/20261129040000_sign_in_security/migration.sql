-- Sign-in security, round two (docs/security.md).
-- Expired throttle counters are pruned by their window's start.
CREATE INDEX "login_throttles_window_start_idx" ON "login_throttles" ("window_start");
-- Failed sign-ins are pruned from the audit log after a retention period, by action and time.
CREATE INDEX "audit_log_action_at_idx" ON "audit_log" ("action", "at");

-- Two-factor sign-in (Better Auth's two-factor plugin): TOTP secrets and recovery codes, encrypted
-- by Better Auth with the auth secret.
ALTER TABLE "users" ADD COLUMN "two_factor_enabled" BOOLEAN DEFAULT false;
CREATE TABLE "two_factors" (
  "id" TEXT NOT NULL,
  "secret" TEXT NOT NULL,
  "backup_codes" TEXT NOT NULL,
  "user_id" TEXT NOT NULL,
  "verified" BOOLEAN DEFAULT true,
  "failed_verification_count" INTEGER DEFAULT 0,
  "locked_until" TIMESTAMPTZ(3),
  CONSTRAINT "two_factors_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "two_factors_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "two_factors_user_id_idx" ON "two_factors" ("user_id");
CREATE INDEX "two_factors_secret_idx" ON "two_factors" ("secret");


-- The time step of the last authenticator code accepted for each account: a code is good once
-- (lib/auth/second-factor.ts claims its step with a conditional UPDATE, so two requests carrying
-- the same code cannot both pass).
ALTER TABLE "two_factors" ADD COLUMN "last_totp_step" INTEGER;

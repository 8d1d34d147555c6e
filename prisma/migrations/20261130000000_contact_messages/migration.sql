-- Messages readers send through the contact form (/contact), for editors to read and answer.
-- client_address is kept for the form's rate limit only; editors never see it, admins do.
CREATE TABLE "contact_messages" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "body" TEXT NOT NULL,
    "client_address" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "handled_at" TIMESTAMPTZ(3),
    "handled_by" TEXT,
    CONSTRAINT "contact_messages_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "contact_messages_created_at_idx" ON "contact_messages" ("created_at" DESC);
CREATE INDEX "contact_messages_client_address_created_at_idx" ON "contact_messages" ("client_address", "created_at");

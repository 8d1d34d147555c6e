-- When a webhook delivery was last attempted (docs/decisions/0034): the dashboard's delivery log shows it.
ALTER TABLE "webhook_deliveries" ADD COLUMN "last_attempt_at" TIMESTAMPTZ(3);

-- Images a pipeline sent (POST /api/v1/media, docs/decisions/0034): how the key said the image is to
-- be described. A submission may use only images its own key sent; the image itself is media_images'.
CREATE TABLE "api_media" (
    "api_key_id" INTEGER NOT NULL,
    "image_id" INTEGER NOT NULL,
    "alt" TEXT NOT NULL,
    "caption" TEXT,
    "credit" TEXT,
    "source" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "api_media_pkey" PRIMARY KEY ("api_key_id", "image_id")
);
ALTER TABLE "api_media" ADD CONSTRAINT "api_media_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "api_media" ADD CONSTRAINT "api_media_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "media_images"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Images (lib/media): each upload is one row, its renditions are made once and stored beside it,
-- so that every instance serves them with no shared disk and the backup covers them.
CREATE TYPE "ImageSource" AS ENUM ('photograph', 'ai-generated', 'illustration');

CREATE TABLE "media_images" (
    "id" SERIAL NOT NULL,
    "sha256" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT,
    CONSTRAINT "media_images_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "media_images_sha256_key" ON "media_images"("sha256");

CREATE TABLE "media_renditions" (
    "image_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    CONSTRAINT "media_renditions_pkey" PRIMARY KEY ("image_id", "name")
);
ALTER TABLE "media_renditions" ADD CONSTRAINT "media_renditions_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "media_images"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "articles" ADD COLUMN "lead_image_id" INTEGER,
    ADD COLUMN "lead_image_alt" TEXT,
    ADD COLUMN "lead_image_caption" TEXT,
    ADD COLUMN "lead_image_credit" TEXT,
    ADD COLUMN "lead_image_source" "ImageSource",
    ADD COLUMN "editor_id" TEXT;
ALTER TABLE "articles" ADD CONSTRAINT "articles_lead_image_id_fkey" FOREIGN KEY ("lead_image_id") REFERENCES "media_images"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "articles" ADD CONSTRAINT "articles_editor_id_fkey" FOREIGN KEY ("editor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "sections" ADD COLUMN "image_id" INTEGER,
    ADD COLUMN "image_alt" TEXT,
    ADD COLUMN "image_caption" TEXT,
    ADD COLUMN "image_credit" TEXT,
    ADD COLUMN "image_source" "ImageSource";
ALTER TABLE "sections" ADD CONSTRAINT "sections_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "media_images"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Bylines: an editor's public profile (/editors/<profile_slug>).
ALTER TABLE "users" ADD COLUMN "profile_slug" TEXT,
    ADD COLUMN "job_title" TEXT,
    ADD COLUMN "bio" TEXT;
CREATE UNIQUE INDEX "users_profile_slug_key" ON "users"("profile_slug");

-- Which kind of image (lib/media/renditions.ts IMAGE_SOURCES) the renditions carry in their XMP
-- (IPTC DigitalSourceType), null for none; and when the renditions' bytes were last made (the
-- upload, or a later stamp of a kind the editor chose after uploading): their Last-Modified.
ALTER TABLE "media_images" ADD COLUMN "xmp_source" TEXT;
ALTER TABLE "media_images" ADD COLUMN "renditions_made_at" TIMESTAMPTZ(3);
UPDATE "media_images" SET "renditions_made_at" = "created_at";
ALTER TABLE "media_images" ALTER COLUMN "renditions_made_at" SET NOT NULL;
ALTER TABLE "media_images" ALTER COLUMN "renditions_made_at" SET DEFAULT CURRENT_TIMESTAMP;

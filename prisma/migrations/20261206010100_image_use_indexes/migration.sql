-- Whether readers may see an image is asked on every image request: which articles use it, as
-- their lead image or a section's (decision 0024).
CREATE INDEX "articles_lead_image_id_idx" ON "articles"("lead_image_id");
CREATE INDEX "sections_image_id_idx" ON "sections"("image_id");

-- CreateIndex
CREATE INDEX "articles_updated_at_id_idx" ON "articles"("updated_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "articles_status_updated_at_idx" ON "articles"("status", "updated_at" DESC);

-- AlterTable
ALTER TABLE "articles" ADD COLUMN     "title_bigrams" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "articles_title_bigrams_idx" ON "articles" USING GIN ("title_bigrams");

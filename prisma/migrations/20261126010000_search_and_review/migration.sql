-- CreateEnum
CREATE TYPE "ArticleKind" AS ENUM ('news', 'analysis');

-- AlterTable
ALTER TABLE "articles" ADD COLUMN     "kind" "ArticleKind" NOT NULL DEFAULT 'news',
ADD COLUMN     "reviewed_at" TIMESTAMPTZ(3),
ADD COLUMN     "reviewed_by" TEXT,
ADD COLUMN     "search_bigrams" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "search_text" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "articles_search_bigrams_idx" ON "articles" USING GIN ("search_bigrams");

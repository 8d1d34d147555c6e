-- AlterTable
ALTER TABLE "articles" ADD COLUMN     "model_name" TEXT,
ADD COLUMN     "model_version" TEXT,
ADD COLUMN     "prompt_template_version" TEXT,
ADD COLUMN     "sources_retrieved_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "sections" ADD COLUMN     "cites" INTEGER[] DEFAULT ARRAY[]::INTEGER[];

-- CreateTable
CREATE TABLE "corrections" (
    "id" SERIAL NOT NULL,
    "article_id" INTEGER NOT NULL,
    "corrected_at" TIMESTAMPTZ(3) NOT NULL,
    "what_was_wrong" TEXT NOT NULL,
    "what_changed" TEXT NOT NULL,
    "before_text" TEXT,
    "after_text" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "author_label" TEXT NOT NULL,

    CONSTRAINT "corrections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "source_checks" (
    "url" TEXT NOT NULL,
    "checked_at" TIMESTAMPTZ(3) NOT NULL,
    "status" INTEGER,
    "error" TEXT,
    "final_url" TEXT,
    "fingerprint" TEXT,
    "previous_fingerprint" TEXT,

    CONSTRAINT "source_checks_pkey" PRIMARY KEY ("url")
);

-- CreateTable
CREATE TABLE "site_settings" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by" TEXT,

    CONSTRAINT "site_settings_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "corrections_article_id_idx" ON "corrections"("article_id");

-- CreateIndex
CREATE INDEX "corrections_corrected_at_idx" ON "corrections"("corrected_at" DESC);

-- AddForeignKey
ALTER TABLE "corrections" ADD CONSTRAINT "corrections_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

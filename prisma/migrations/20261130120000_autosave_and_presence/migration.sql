-- The editor's unsaved work, kept on the server, and who has which article open.
CREATE TABLE "article_autosaves" (
    "user_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "base_version" INTEGER,
    "values" JSONB NOT NULL,
    "saved_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "article_autosaves_pkey" PRIMARY KEY ("user_id", "key")
);
ALTER TABLE "article_autosaves" ADD CONSTRAINT "article_autosaves_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "editor_presence" (
    "article_id" INTEGER NOT NULL,
    "user_id" TEXT NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "seen_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "editor_presence_pkey" PRIMARY KEY ("article_id", "user_id")
);
CREATE INDEX "editor_presence_seen_at_idx" ON "editor_presence"("seen_at");
ALTER TABLE "editor_presence" ADD CONSTRAINT "editor_presence_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "editor_presence" ADD CONSTRAINT "editor_presence_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

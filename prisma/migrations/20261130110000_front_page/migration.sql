-- The home page's top story and lead stories, in the order editors chose (lib/editorial/front-page.ts).
CREATE TABLE "front_page_slots" (
    "position" INTEGER NOT NULL,
    "article_id" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "front_page_slots_pkey" PRIMARY KEY ("position")
);
CREATE UNIQUE INDEX "front_page_slots_article_id_key" ON "front_page_slots"("article_id");
ALTER TABLE "front_page_slots" ADD CONSTRAINT "front_page_slots_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

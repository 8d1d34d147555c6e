-- Demo content (the seed and demo articles, test fixtures) is kept out of search engines: pages say
-- noindex and sitemaps leave it out, until an editor publishes it as a real article on purpose.
ALTER TABLE "articles" ADD COLUMN "demo" BOOLEAN NOT NULL DEFAULT false;

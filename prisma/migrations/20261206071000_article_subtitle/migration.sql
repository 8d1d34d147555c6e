-- The article's subtitle (issue #23's walk-through of docs/adding-a-field.md): shown under the headline.
ALTER TABLE "articles" ADD COLUMN "subtitle" TEXT;

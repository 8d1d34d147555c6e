-- Text saved through the admin form before 2026-11-29 kept the browser's CRLF line breaks, which
-- merged every paragraph of a section on the public page. Store all text as Kiji now normalises it
-- at every way in (lib/article-text/normalize.ts): LF line breaks, no byte-order mark, no spaces at
-- the end of a line (nor line breaks at the end of the text, which the forms trim), and NFC where the database is UTF-8. updated_at is left alone: nothing a reader
-- would call an edit happened.
CREATE FUNCTION pg_temp.kiji_normal_text(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN t IS NULL THEN NULL ELSE (
    SELECT CASE WHEN current_setting('server_encoding') = 'UTF8' THEN normalize(s, NFC) ELSE s END
      FROM (SELECT rtrim(regexp_replace(regexp_replace(ltrim(t, chr(65279)), E'\r\n?', E'\n', 'g'), E'[ \t\u3000]+$', '', 'gn'), E'\n') AS s) x
  ) END
$$;

UPDATE "articles" SET
  "title" = pg_temp.kiji_normal_text("title"),
  "lead" = pg_temp.kiji_normal_text("lead"),
  "disclaimer" = pg_temp.kiji_normal_text("disclaimer"),
  "dateline_place" = pg_temp.kiji_normal_text("dateline_place"),
  "reviewed_by" = pg_temp.kiji_normal_text("reviewed_by")
WHERE ("title", "lead", "disclaimer", "dateline_place", "reviewed_by") IS DISTINCT FROM
      (pg_temp.kiji_normal_text("title"), pg_temp.kiji_normal_text("lead"), pg_temp.kiji_normal_text("disclaimer"),
       pg_temp.kiji_normal_text("dateline_place"), pg_temp.kiji_normal_text("reviewed_by"));

UPDATE "sections" SET "heading" = pg_temp.kiji_normal_text("heading"), "body" = pg_temp.kiji_normal_text("body")
WHERE ("heading", "body") IS DISTINCT FROM (pg_temp.kiji_normal_text("heading"), pg_temp.kiji_normal_text("body"));

UPDATE "sources" SET "title" = pg_temp.kiji_normal_text("title"), "publisher" = pg_temp.kiji_normal_text("publisher")
WHERE ("title", "publisher") IS DISTINCT FROM (pg_temp.kiji_normal_text("title"), pg_temp.kiji_normal_text("publisher"));

UPDATE "corrections" SET
  "what_was_wrong" = pg_temp.kiji_normal_text("what_was_wrong"),
  "what_changed" = pg_temp.kiji_normal_text("what_changed"),
  "before_text" = pg_temp.kiji_normal_text("before_text"),
  "after_text" = pg_temp.kiji_normal_text("after_text")
WHERE ("what_was_wrong", "what_changed", "before_text", "after_text") IS DISTINCT FROM
      (pg_temp.kiji_normal_text("what_was_wrong"), pg_temp.kiji_normal_text("what_changed"),
       pg_temp.kiji_normal_text("before_text"), pg_temp.kiji_normal_text("after_text"));

DROP FUNCTION pg_temp.kiji_normal_text(text);

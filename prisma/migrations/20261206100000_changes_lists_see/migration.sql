-- A change no list shows expires no list (decision 0039): the payload on `kiji_changes` says
-- "lists": false when the article a change touches is not published (or is deleted) both before
-- and after it, or when only its version and modification stamps moved (a write of a part no list
-- shows, such as a live update). Each instance then expires only that article's own page, not the
-- home, category, tag and archive pages, feeds and sitemaps. A pipeline submitting drafts all day,
-- or an editor posting to a live page every minute, leaves the site's lists cached. A payload
-- without the key is read as before (lists expire), so an older instance or a hand-written NOTIFY
-- is safe.

CREATE OR REPLACE FUNCTION kiji_article_visible(status text, deleted_at timestamptz) RETURNS boolean
  LANGUAGE sql IMMUTABLE AS $$ SELECT status = 'published' AND deleted_at IS NULL $$;

CREATE OR REPLACE FUNCTION kiji_articles_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids int[]; slugs text[]; cats int[]; withdrawn text[] := ARRAY[]::text[]; payload jsonb;
  seen boolean := false;
BEGIN
  IF TG_OP = 'INSERT' THEN
    ids := ARRAY[NEW.id]; slugs := ARRAY[NEW.slug]; cats := ARRAY[NEW.category_id];
  ELSIF TG_OP = 'DELETE' THEN
    ids := ARRAY[OLD.id]; slugs := ARRAY[OLD.slug]; cats := ARRAY[OLD.category_id];
  ELSE
    ids := ARRAY[NEW.id]; slugs := ARRAY[NEW.slug, OLD.slug]; cats := ARRAY[NEW.category_id, OLD.category_id];
  END IF;
  IF TG_OP <> 'INSERT' THEN seen := kiji_article_visible(OLD.status::text, OLD.deleted_at); END IF;
  IF TG_OP <> 'DELETE' THEN seen := seen OR kiji_article_visible(NEW.status::text, NEW.deleted_at); END IF;
  IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - ARRAY['version', 'updated_at', 'updated_by_id'])
                        = (to_jsonb(OLD) - ARRAY['version', 'updated_at', 'updated_by_id']) THEN
    seen := false;
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.status = 'published' AND OLD.deleted_at IS NULL AND (
       TG_OP = 'DELETE' OR NEW.status <> 'published' OR NEW.deleted_at IS NOT NULL OR NEW.slug <> OLD.slug) THEN
    withdrawn := ARRAY[OLD.slug];
  END IF;
  payload := jsonb_build_object(
    'articles', to_jsonb(ARRAY(SELECT DISTINCT s FROM unnest(slugs) s)),
    'categories', to_jsonb(ARRAY(SELECT slug FROM categories WHERE id = ANY(cats) ORDER BY slug)),
    'tags', to_jsonb(ARRAY(SELECT t.slug FROM article_tags a JOIN tags t ON t.id = a.tag_id WHERE a.article_id = ANY(ids) ORDER BY t.slug)));
  IF cardinality(withdrawn) > 0 THEN payload := payload || jsonb_build_object('withdrawn', to_jsonb(withdrawn)); END IF;
  IF NOT seen THEN payload := payload || '{"lists": false}'; END IF;
  PERFORM kiji_notify_change(payload);
  RETURN NULL;
END $$;

-- A part (section, source, correction, redirect, tag link) of an article readers cannot see now,
-- or a part no list shows whatever the article (a live update, migration 20261206110000).
-- Within a write that publishes or withdraws the article, the article row's own change announces
-- the lists; every writer updates that row (its version) in the same transaction.
CREATE OR REPLACE FUNCTION kiji_article_part_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids int[]; extra jsonb := '{}'; payload jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN ids := ARRAY[NEW.article_id];
  ELSIF TG_OP = 'DELETE' THEN ids := ARRAY[OLD.article_id];
  ELSE ids := ARRAY[NEW.article_id, OLD.article_id];
  END IF;
  IF TG_TABLE_NAME = 'corrections' THEN
    extra := '{"corrections": true}';
  ELSIF TG_TABLE_NAME = 'slug_redirects' THEN
    extra := jsonb_build_object('articles', to_jsonb(ARRAY(SELECT DISTINCT s FROM unnest(ARRAY[
      CASE WHEN TG_OP <> 'DELETE' THEN NEW.old_slug END, CASE WHEN TG_OP <> 'INSERT' THEN OLD.old_slug END]) s WHERE s IS NOT NULL)));
  ELSIF TG_TABLE_NAME = 'article_tags' THEN
    extra := jsonb_build_object('tags', to_jsonb(ARRAY(SELECT slug FROM tags WHERE id = ANY(ARRAY[
      CASE WHEN TG_OP <> 'DELETE' THEN NEW.tag_id END, CASE WHEN TG_OP <> 'INSERT' THEN OLD.tag_id END]) ORDER BY slug)));
  END IF;
  payload := jsonb_build_object(
    'articles', to_jsonb(ARRAY(SELECT slug FROM articles WHERE id = ANY(ids) ORDER BY slug))
      || coalesce(extra -> 'articles', '[]'::jsonb)) || (extra - 'articles');
  IF TG_TABLE_NAME = 'live_updates' OR NOT EXISTS (
       SELECT 1 FROM articles WHERE id = ANY(ids) AND kiji_article_visible(status::text, deleted_at)) THEN
    payload := payload || '{"lists": false}';
  END IF;
  PERFORM kiji_notify_change(payload);
  RETURN NULL;
END $$;

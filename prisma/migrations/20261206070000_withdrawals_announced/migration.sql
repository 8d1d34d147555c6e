-- A withdrawal is announced as such (issue #28, docs/decisions/0037): when an article that readers
-- could see stops being seen at its address (unpublished, deleted, or moved to another slug), the
-- payload on `kiji_changes` also names its old slug under "withdrawn". Every instance then drops
-- what it keeps regardless of expiry (the last good copy served during a database outage) of that
-- page and of any page that links to it. An edit of a public article announces no withdrawal, so
-- its payload is as before.

CREATE OR REPLACE FUNCTION kiji_articles_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids int[]; slugs text[]; cats int[]; withdrawn text[] := ARRAY[]::text[]; payload jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    ids := ARRAY[NEW.id]; slugs := ARRAY[NEW.slug]; cats := ARRAY[NEW.category_id];
  ELSIF TG_OP = 'DELETE' THEN
    ids := ARRAY[OLD.id]; slugs := ARRAY[OLD.slug]; cats := ARRAY[OLD.category_id];
  ELSE
    ids := ARRAY[NEW.id]; slugs := ARRAY[NEW.slug, OLD.slug]; cats := ARRAY[NEW.category_id, OLD.category_id];
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
  PERFORM kiji_notify_change(payload);
  RETURN NULL;
END $$;

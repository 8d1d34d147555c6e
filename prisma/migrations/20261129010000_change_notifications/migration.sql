-- Every committed change of what readers see is announced on the channel `kiji_changes`, whoever
-- made it: the editor, the CLI, the scheduler, another instance, or someone with psql. NOTIFY is
-- delivered only on commit, and identical payloads within one transaction are delivered once.
-- Each Kiji instance LISTENs and expires the cache tags the payload names (lib/change-feed.ts,
-- docs/decisions/0012). The payload names things, not cache tags: the tag names live in
-- lib/cache-tags.ts alone. A bulk writer may SET LOCAL kiji.quiet_changes = 'on' and announce
-- {"all": true} once instead.

CREATE FUNCTION kiji_notify_change(payload jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('kiji.quiet_changes', true), '') = 'on' THEN RETURN; END IF;
  PERFORM pg_notify('kiji_changes', payload::text);
END $$;

CREATE FUNCTION kiji_articles_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids int[]; slugs text[]; cats int[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    ids := ARRAY[NEW.id]; slugs := ARRAY[NEW.slug]; cats := ARRAY[NEW.category_id];
  ELSIF TG_OP = 'DELETE' THEN
    ids := ARRAY[OLD.id]; slugs := ARRAY[OLD.slug]; cats := ARRAY[OLD.category_id];
  ELSE
    ids := ARRAY[NEW.id]; slugs := ARRAY[NEW.slug, OLD.slug]; cats := ARRAY[NEW.category_id, OLD.category_id];
  END IF;
  PERFORM kiji_notify_change(jsonb_build_object(
    'articles', to_jsonb(ARRAY(SELECT DISTINCT s FROM unnest(slugs) s)),
    'categories', to_jsonb(ARRAY(SELECT slug FROM categories WHERE id = ANY(cats) ORDER BY slug)),
    'tags', to_jsonb(ARRAY(SELECT t.slug FROM article_tags a JOIN tags t ON t.id = a.tag_id WHERE a.article_id = ANY(ids) ORDER BY t.slug))));
  RETURN NULL;
END $$;

-- sections, sources, corrections, slug_redirects and article_tags belong to one article each.
CREATE FUNCTION kiji_article_part_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids int[]; extra jsonb := '{}';
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
  PERFORM kiji_notify_change(jsonb_build_object(
    'articles', to_jsonb(ARRAY(SELECT slug FROM articles WHERE id = ANY(ids) ORDER BY slug))
      || coalesce(extra -> 'articles', '[]'::jsonb)) || (extra - 'articles'));
  RETURN NULL;
END $$;

CREATE FUNCTION kiji_named_thing_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE field text := TG_ARGV[0]; names jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN names := jsonb_build_array(to_jsonb(NEW) -> field);
  ELSIF TG_OP = 'DELETE' THEN names := jsonb_build_array(to_jsonb(OLD) -> field);
  ELSE names := jsonb_build_array(to_jsonb(NEW) -> field, to_jsonb(OLD) -> field);
  END IF;
  PERFORM kiji_notify_change(jsonb_build_object(TG_TABLE_NAME, names));
  RETURN NULL;
END $$;

CREATE TRIGGER kiji_articles_changed AFTER INSERT OR UPDATE OR DELETE ON "articles"
  FOR EACH ROW EXECUTE FUNCTION kiji_articles_changed();
CREATE TRIGGER kiji_sections_changed AFTER INSERT OR UPDATE OR DELETE ON "sections"
  FOR EACH ROW EXECUTE FUNCTION kiji_article_part_changed();
CREATE TRIGGER kiji_sources_changed AFTER INSERT OR UPDATE OR DELETE ON "sources"
  FOR EACH ROW EXECUTE FUNCTION kiji_article_part_changed();
CREATE TRIGGER kiji_corrections_changed AFTER INSERT OR UPDATE OR DELETE ON "corrections"
  FOR EACH ROW EXECUTE FUNCTION kiji_article_part_changed();
CREATE TRIGGER kiji_slug_redirects_changed AFTER INSERT OR UPDATE OR DELETE ON "slug_redirects"
  FOR EACH ROW EXECUTE FUNCTION kiji_article_part_changed();
CREATE TRIGGER kiji_article_tags_changed AFTER INSERT OR UPDATE OR DELETE ON "article_tags"
  FOR EACH ROW EXECUTE FUNCTION kiji_article_part_changed();
CREATE TRIGGER kiji_categories_changed AFTER INSERT OR UPDATE OR DELETE ON "categories"
  FOR EACH ROW EXECUTE FUNCTION kiji_named_thing_changed('slug');
CREATE TRIGGER kiji_tags_changed AFTER INSERT OR UPDATE OR DELETE ON "tags"
  FOR EACH ROW EXECUTE FUNCTION kiji_named_thing_changed('slug');
CREATE TRIGGER kiji_site_settings_changed AFTER INSERT OR UPDATE OR DELETE ON "site_settings"
  FOR EACH ROW EXECUTE FUNCTION kiji_named_thing_changed('key');

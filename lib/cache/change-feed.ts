import { metrics } from '../platform/metrics.mjs';
import 'server-only';
import pg from 'pg';
import { z } from 'zod';
import { cacheTags, tagsForArticleChange } from './tags';
import { forgetAllGoodPages, forgetWithdrawnPages } from './last-good';

/**
 * How every instance learns of every committed change, whoever made it (docs/decisions/0012).
 * PostgreSQL triggers (migration 20261129010000_change_notifications) NOTIFY `kiji_changes` with
 * what changed; NOTIFY is delivered only on commit. Each instance LISTENs on a connection of its
 * own and expires the cache tags of what changed. A connection that drops is opened again, and
 * then everything is expired once, since what was committed in between cannot be known.
 *
 * A withdrawal (an article readers could see is unpublished, deleted or moved to another slug) is
 * also named as such (migration 20261206070000_withdrawals_announced, decision 0037): besides the
 * tags, each instance drops the last good copies it keeps for a database outage of that page and
 * of the pages linking to it (lib/cache/last-good.ts), which no tag expiry reaches. After a lost
 * connection, any withdrawal may have been missed: every last good copy is dropped.
 */
export const CHANGE_CHANNEL = 'kiji_changes';

const names = z.array(z.string().nullable()).optional();
export const contentChangeSchema = z.object({
  articles: names,
  categories: names,
  tags: names,
  corrections: z.boolean().optional(),
  site_settings: names,
  /** Articles readers could see that are no longer seen at that slug. */
  withdrawn: names,
  /** false: no list shows what changed (migration 20261206100000); absent: lists may. */
  lists: z.boolean().optional(),
  all: z.boolean().optional(),
});
export type ContentChange = z.infer<typeof contentChangeSchema>;

const present = (values: (string | null)[] | undefined) =>
  (values ?? []).filter((value): value is string => Boolean(value));

/** The cache tags a change expires. A payload that cannot be read expires everything. */
export function tagsForContentChange(payload: string | undefined): string[] {
  let change: ContentChange;
  try {
    change = contentChangeSchema.parse(JSON.parse(payload ?? ''));
  } catch {
    return [cacheTags.everything];
  }
  if (change.all) return [cacheTags.everything];
  const tags = new Set<string>();
  const articles = present(change.articles);
  const categories = present(change.categories);
  const tagSlugs = present(change.tags);
  if (articles.length + categories.length + tagSlugs.length > 0) {
    for (const tag of tagsForArticleChange({
      slugs: articles,
      categorySlugs: categories,
      tagSlugs,
      inLists: change.lists !== false,
    }))
      tags.add(tag);
  }
  if (categories.length > 0 && change.lists !== false) tags.add(cacheTags.categories);
  if (change.corrections) tags.add(cacheTags.corrections);
  for (const key of present(change.site_settings)) tags.add(cacheTags.setting(key));
  return [...tags];
}

/** The slugs a change withdrew from readers; none for a payload that cannot be read (it expires everything anyway). */
export function withdrawnSlugs(payload: string | undefined): string[] {
  try {
    return present(contentChangeSchema.parse(JSON.parse(payload ?? '')).withdrawn);
  } catch {
    return [];
  }
}

export type ChangeListener = {
  stop: () => Promise<void>;
  connected: () => boolean;
  /** Settles once the first connection listens and has expired everything. */
  ready: Promise<void>;
};
type ListenerEvent = 'listening' | 'lost' | 'retry-failed' | 'expire-failed';

export function startChangeListener({
  connectionString,
  expire,
  log = () => {},
  retryDelaysMs = [250, 500, 1_000, 2_000, 5_000],
  firstExpiryBackdateMs = 0,
}: {
  connectionString: string;
  expire: (tags: string[], at: number) => Promise<void>;
  log?: (event: ListenerEvent, detail: string) => void;
  retryDelaysMs?: number[];
  /**
   * How far back the first connection's expiry of everything is dated: the store dates every entry
   * back by its race window, so an expiry "now" would keep this process from caching anything it
   * renders in its first seconds. Nothing was rendered here before the first connection (the
   * server waits for it), so dating it back loses nothing. Reconnections expire at the present.
   */
  firstExpiryBackdateMs?: number;
}): ChangeListener {
  let client: pg.Client | null = null;
  let stopped = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  let everConnected = false;
  const expireLogged = (tags: string[], at = Date.now()) =>
    expire(tags, at).catch((error: Error) =>
      log('expire-failed', `could not expire ${tags.join(', ')}: ${error.message}`),
    );

  const retry = () => {
    if (stopped || timer) return;
    const delay = retryDelaysMs[Math.min(failures, retryDelaysMs.length - 1)]!;
    failures += 1;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, delay);
    timer.unref();
  };

  const connect = async () => {
    const candidate = new pg.Client({ connectionString, keepAlive: true, connectionTimeoutMillis: 5_000 });
    let lost = false;
    const onLost = (reason: string) => {
      if (lost) return;
      lost = true;
      if (client === candidate) {
        client = null;
        log('lost', reason);
      }
      candidate.end().catch(() => {});
      retry();
    };
    candidate.on('error', (error) => onLost(error.message));
    candidate.on('end', () => onLost('connection closed'));
    candidate.on('notification', (message) => {
      if (message.channel !== CHANGE_CHANNEL) return;
      metrics.notifications().inc();
      const tags = tagsForContentChange(message.payload);
      // A change of everything (a restore, or a payload that cannot be read) may withdraw anything.
      if (tags.includes(cacheTags.everything)) forgetAllGoodPages();
      else forgetWithdrawnPages(withdrawnSlugs(message.payload));
      void expireLogged(tags);
    });
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (error) {
      if (failures === 0) log('retry-failed', (error as Error).message);
      onLost((error as Error).message);
      return;
    }
    if (stopped) {
      await candidate.end().catch(() => {});
      return;
    }
    client = candidate;
    failures = 0;
    // Whatever was committed while this instance was not listening cannot be known: expire it all,
    // and take any page kept regardless of expiry to have been withdrawn.
    if (everConnected) forgetAllGoodPages();
    await expireLogged([cacheTags.everything], everConnected ? Date.now() : Date.now() - firstExpiryBackdateMs);
    everConnected = true;
    log('listening', `on ${CHANGE_CHANNEL}`);
    markReady();
  };

  void connect();
  return {
    ready,
    connected: () => client !== null,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}

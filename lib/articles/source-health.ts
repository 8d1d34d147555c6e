import 'server-only';
import { assertMayEditArticles, type Actor } from '../auth/actor';
import { db } from '../platform/db';
import { siteUrl } from '../platform/config';

/**
 * Checks that the sources articles cite still answer: HEAD first, then GET when HEAD is refused,
 * with a timeout, a concurrency limit and a User-Agent that says who is asking. Results are kept by
 * URL, with a fingerprint (ETag, Last-Modified or length) to notice a page that changed.
 */

export type CheckOptions = { concurrency?: number; timeoutMs?: number; urls?: string[]; articleSlug?: string };
export type CheckResult = {
  url: string;
  status: number | null;
  error: string | null;
  finalUrl: string | null;
  fingerprint: string | null;
};

export function checkerUserAgent(): string {
  return `KijiSourceChecker/1.0 (+${siteUrl()}/about/ai)`;
}

async function request(url: string, method: 'HEAD' | 'GET', timeoutMs: number): Promise<Response> {
  const response = await fetch(url, {
    method,
    redirect: 'follow',
    signal: AbortSignal.timeout(timeoutMs),
    headers: { 'user-agent': checkerUserAgent(), accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
  });
  await response.body?.cancel().catch(() => {}); // the status and headers are all we need
  return response;
}

export async function checkUrl(url: string, timeoutMs = 10_000): Promise<CheckResult> {
  let response: Response | null = null;
  let error: string | null = null;
  try {
    response = await request(url, 'HEAD', timeoutMs);
  } catch (headError) {
    error = String((headError as Error).message ?? headError);
  }
  // Many servers refuse or mishandle HEAD; ask again with GET before calling a source broken.
  if (!response || response.status === 405 || response.status === 501 || response.status >= 400) {
    try {
      response = await request(url, 'GET', timeoutMs);
      error = null;
    } catch (getError) {
      error =
        (getError as Error).name === 'TimeoutError'
          ? `${timeoutMs}ms 以内に応答がありません`
          : String((getError as Error).message ?? getError);
      response = null;
    }
  }
  if (!response) return { url, status: null, error, finalUrl: null, fingerprint: null };
  const headers = response.headers;
  const fingerprint =
    headers.get('etag') ??
    headers.get('last-modified') ??
    (headers.get('content-length') ? `length:${headers.get('content-length')}` : null);
  return { url, status: response.status, error: null, finalUrl: response.url || url, fingerprint };
}

export class UnknownArticleError extends Error {}

/**
 * The URLs a run works on: the ones given, else those cited by the article with `articleSlug`
 * (UnknownArticleError when there is none), else every URL any article cites; each once.
 * The health check and the snapshots (lib/articles/snapshots/store.ts) both start here.
 */
export async function citedUrls({ urls, articleSlug }: { urls?: string[]; articleSlug?: string }): Promise<string[]> {
  if (urls) return urls;
  if (articleSlug !== undefined) {
    const article = await db().article.findFirst({
      where: { slug: articleSlug, deletedAt: null },
      select: { id: true },
    });
    if (!article) throw new UnknownArticleError(`no article has the slug "${articleSlug}"`);
  }
  const rows = await db().source.findMany({
    where: { article: { deletedAt: null, ...(articleSlug ? { slug: articleSlug } : {}) } },
    distinct: ['url'],
    select: { url: true },
  });
  return rows.map((row) => row.url);
}

export async function checkSources({
  concurrency = 4,
  timeoutMs = 10_000,
  urls,
  articleSlug,
}: CheckOptions = {}): Promise<CheckResult[]> {
  const targets = await citedUrls({ urls, articleSlug });
  const results: CheckResult[] = [];
  let next = 0;
  async function worker() {
    while (next < targets.length) {
      const url = targets[next++]!;
      const result = await checkUrl(url, timeoutMs);
      const previous = await db().sourceCheck.findUnique({ where: { url }, select: { fingerprint: true } });
      await db().sourceCheck.upsert({
        where: { url },
        create: {
          url,
          checkedAt: new Date(),
          status: result.status,
          error: result.error,
          finalUrl: result.finalUrl,
          fingerprint: result.fingerprint,
        },
        update: {
          checkedAt: new Date(),
          status: result.status,
          error: result.error,
          finalUrl: result.finalUrl,
          fingerprint: result.fingerprint,
          previousFingerprint: previous?.fingerprint ?? null,
        },
      });
      results.push(result);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, targets.length)) }, worker));
  return results;
}

export type SourceHealth = {
  position: number;
  title: string;
  url: string;
  checkedAt: string | null;
  status: number | null;
  problem: 'broken' | 'changed' | 'moved' | null;
  detail: string | null;
};

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}

/** Each source of an article with its last check, and what is wrong with it, if anything. */
export async function sourceHealthForArticle(actor: Actor, articleId: number): Promise<SourceHealth[]> {
  assertMayEditArticles(actor);
  const sources = await db().source.findMany({
    where: { articleId },
    orderBy: { position: 'asc' },
    select: { position: true, title: true, url: true },
  });
  const checks = new Map(
    (await db().sourceCheck.findMany({ where: { url: { in: sources.map((source) => source.url) } } })).map((check) => [
      check.url,
      check,
    ]),
  );
  return sources.map((source) => {
    const check = checks.get(source.url);
    let problem: SourceHealth['problem'] = null;
    let detail: string | null = null;
    if (check) {
      if (check.status === null || check.status >= 400) {
        problem = 'broken';
        detail = check.error ?? `HTTP ${check.status}`;
      } else if (check.finalUrl && !sameUrl(check.finalUrl, source.url)) {
        problem = 'moved';
        detail = `転送先：${check.finalUrl}`;
      } else if (check.previousFingerprint && check.fingerprint !== check.previousFingerprint) {
        problem = 'changed';
        detail = '前回の確認から内容が変わっています';
      }
    }
    return {
      position: source.position + 1,
      title: source.title,
      url: source.url,
      checkedAt: check?.checkedAt.toISOString() ?? null,
      status: check?.status ?? null,
      problem,
      detail,
    };
  });
}

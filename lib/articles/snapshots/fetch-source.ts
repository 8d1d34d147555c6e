import { createHash } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { config, siteUrl } from '../../platform/config';
import { isForbiddenAddress } from './address-policy';
import { contentKind } from './content-kind';

/**
 * Reads one cited source, politely and safely (docs/decisions/0028):
 * - a User-Agent that names the site and where its AI policy is;
 * - one request per host at a time, within this process;
 * - a deadline for the whole reading, redirects included;
 * - at most `maxBytes` (5 MB) of body: a longer one is refused, by its Content-Length or as it streams;
 * - never to a loopback, private or link-local address unless KIJI_ALLOW_PRIVATE_FETCH=1. The check
 *   is made on the address the socket connects to (a `lookup` of its own, and the literal for an IP
 *   host), so a name that resolves differently the second time cannot lead inside;
 * - redirects followed by hand (at most five), each hop held to the same rules.
 * A reading that fails says why, as one of the `FetchProblem`s, and carries no text.
 */

export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;
const MAX_REDIRECTS = 5;

export type FetchProblem = 'status' | 'timeout' | 'refused' | 'too_large' | 'unsupported_type' | 'network';

export type FetchedSource =
  | {
      ok: true;
      url: string;
      finalUrl: string;
      status: number;
      contentType: string | null;
      retrievedAt: Date;
      contentHash: string;
      text: string;
    }
  | {
      ok: false;
      url: string;
      finalUrl: string | null;
      status: number | null;
      contentType: string | null;
      retrievedAt: Date;
      problem: FetchProblem;
      detail: string;
    };

export type FetchOptions = { timeoutMs?: number; maxBytes?: number };

export function fetcherUserAgent(): string {
  return `KijiSourceReader/1.0 (+${siteUrl()}/about/ai)`;
}

class Refused extends Error {
  constructor(
    readonly problem: FetchProblem,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

const allowPrivate = () => config().KIJI_ALLOW_PRIVATE_FETCH;

/**
 * DNS lookup that refuses forbidden addresses: the socket connects only to what this returns. Also
 * the webhook sender's (lib/api/webhooks.ts), so every outgoing request Kiji makes keeps one rule.
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const usable = allowPrivate() ? addresses : addresses.filter((entry) => !isForbiddenAddress(entry.address));
    if (usable.length === 0) {
      return callback(
        Object.assign(new Error(`${hostname} は内部のアドレス（${addresses[0]?.address ?? '不明'}）を指しています`), {
          code: 'KIJI_FORBIDDEN_ADDRESS',
        }),
        '',
        0,
      );
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
    callback(null, usable[0]!.address, usable[0]!.family);
  });
};

// One request per host at a time: each host's readings queue behind the one in flight.
const hostQueues = new Map<string, Promise<unknown>>();
async function oneAtATime<T>(host: string, task: () => Promise<T>): Promise<T> {
  const before = hostQueues.get(host) ?? Promise.resolve();
  const run = before.catch(() => {}).then(task);
  const settled = run.catch(() => {});
  hostQueues.set(host, settled);
  try {
    return await run;
  } finally {
    if (hostQueues.get(host) === settled) hostQueues.delete(host);
  }
}

function requestOnce(url: URL, signal: AbortSignal): Promise<IncomingMessage> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new Refused('refused', `${url.protocol} のURLは読みません`));
  }
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(literal) && !allowPrivate() && isForbiddenAddress(literal)) {
    return Promise.reject(new Refused('refused', `内部のアドレス（${literal}）には接続しません`));
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(url, {
      lookup: guardedLookup,
      signal,
      agent: false,
      headers: {
        'user-agent': fetcherUserAgent(),
        accept: 'text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5',
        'accept-language': 'ja,en;q=0.8',
      },
    });
    request.once('response', resolve);
    request.once('error', reject);
  });
}

async function readBody(response: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw new Refused(
      'too_large',
      `${declared} バイトは上限（${maxBytes} バイト）を超えます`,
      response.statusCode ?? null,
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      response.destroy();
      throw new Refused('too_large', `上限（${maxBytes} バイト）を超えました`, response.statusCode ?? null);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function describeError(
  error: unknown,
  timeoutMs: number,
): { problem: FetchProblem; detail: string; status: number | null } {
  if (error instanceof Refused) return { problem: error.problem, detail: error.message, status: error.status };
  const err = error as NodeJS.ErrnoException;
  if (err?.name === 'AbortError' || err?.name === 'TimeoutError' || err?.code === 'ABORT_ERR') {
    return { problem: 'timeout', detail: `${timeoutMs}ms 以内に読み終わりませんでした`, status: null };
  }
  if (err?.code === 'KIJI_FORBIDDEN_ADDRESS') return { problem: 'refused', detail: err.message, status: null };
  if (err?.code === 'ECONNREFUSED') return { problem: 'refused', detail: '接続を拒否されました', status: null };
  return { problem: 'network', detail: String(err?.message ?? err), status: null };
}

/** Reads `url` and returns its text, or why it could not be read. Never throws for the source's faults. */
export async function fetchSource(
  url: string,
  { timeoutMs = 15_000, maxBytes = MAX_SOURCE_BYTES }: FetchOptions = {},
): Promise<FetchedSource> {
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    return {
      ok: false,
      url,
      finalUrl: null,
      status: null,
      contentType: null,
      retrievedAt: new Date(),
      problem: 'refused',
      detail: 'URLとして読めません',
    };
  }
  // The deadline runs from when the first request goes out, not while it waits for its host.
  let deadline: number | null = null;
  let signal: AbortSignal | null = null;
  let status: number | null = null;
  let contentType: string | null = null;
  try {
    for (let hop = 0; ; hop += 1) {
      const target = current;
      const outcome = await oneAtATime(target.host, async (): Promise<{ redirect: URL } | { body: Uint8Array }> => {
        deadline ??= Date.now() + timeoutMs;
        signal = AbortSignal.timeout(Math.max(1, deadline - Date.now()));
        const response = await requestOnce(target, signal);
        const code = response.statusCode ?? 0;
        if (code >= 300 && code < 400 && response.headers.location) {
          response.resume();
          return { redirect: new URL(response.headers.location, target) };
        }
        status = code;
        contentType = response.headers['content-type'] ?? null;
        if (code < 200 || code >= 300) {
          response.resume();
          throw new Refused('status', `HTTP ${code}`, code);
        }
        if (!contentKind(contentType)) {
          response.destroy();
          throw new Refused('unsupported_type', `読めない形式です（${contentType ?? '形式の記載なし'}）`, code);
        }
        return { body: await readBody(response, maxBytes) };
      });
      if ('redirect' in outcome) {
        if (hop >= MAX_REDIRECTS) throw new Refused('status', `転送が${MAX_REDIRECTS}回を超えました`, null);
        current = outcome.redirect;
        continue;
      }
      // The DOM and PDF libraries load with the first source read, not with every command and page.
      const { extractText } = await import('./extract');
      const text = await extractText(outcome.body, contentType);
      if (text === null) throw new Refused('unsupported_type', `読めない形式です（${contentType}）`, status);
      return {
        ok: true,
        url,
        finalUrl: current.href,
        status: status!,
        contentType,
        retrievedAt: new Date(),
        contentHash: createHash('sha256').update(text).digest('hex'),
        text,
      };
    }
  } catch (error) {
    const last = signal as AbortSignal | null;
    const described = describeError(last?.aborted ? last.reason : error, timeoutMs);
    return {
      ok: false,
      url,
      finalUrl: current!.href,
      status: described.status ?? status,
      contentType,
      retrievedAt: new Date(),
      problem: described.problem,
      detail: described.detail,
    };
  }
}

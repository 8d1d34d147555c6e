/**
 * Kiji's start-up story, in order, and its one shutdown path (decision 0033).
 *
 * Two processes tell it. `npm start`, `npm run dev` and `npm run build` run the launcher
 * (scripts/with-db.ts), which stays the parent, owns the database and starts the command: the
 * server (scripts/serve.ts; bundled into .next/kiji-server.mjs for `npm start`) or the build. The
 * server then starts its own stages. Each stage, started top to bottom, hands back how it stops;
 * SIGTERM or SIGINT stops the started stages bottom to top, within a bound. A stage that fails to
 * start stops those before it the same way, and the process exits 1.
 *
 * The list below is the story; each process supplies one start for each of its stages (the
 * compiler requires every one, and nothing else), and `startStory` runs them in this order.
 * The node flags and environment of the server process are declared here too
 * (`serverCommand`), so `npm start`, `npm run dev`, the e2e server and the bench's instances
 * start the server the same way.
 */
export const STARTUP_STORY = [
  // The launcher (scripts/with-db.ts)
  {
    process: 'launcher',
    stage: 'configuration',
    starts: 'every variable checked (lib/platform/config.ts): a bad one is named, and nothing starts',
  },
  {
    process: 'launcher',
    stage: 'database',
    starts:
      'DATABASE_URL, else the embedded PostgreSQL (.data/postgres); migrated; the demo articles when empty; the auth secret',
    stops: 'the embedded PostgreSQL, once the command has exited',
  },
  {
    process: 'launcher',
    stage: 'command',
    starts: 'the server with serverCommand() (its node flags and allocator tuning), or the build',
    stops: 'the signal passed on; its exit waited for within the server’s bound, then killed',
  },
  // The server (scripts/serve.ts)
  {
    process: 'server',
    stage: 'configuration',
    starts: 'every variable checked again (the e2e server and the bench start the server without the launcher)',
  },
  {
    process: 'server',
    stage: 'database',
    starts: 'nothing yet: the pool opens on first use, on the schema the launcher migrated',
    stops: 'the database pool closed (through the runtime registry: this bundle never loads Prisma)',
  },
  {
    process: 'server',
    stage: 'next',
    starts: 'the render leak guard, then Next prepared (its instrumentation.ts loaded) and its not-found page primed',
    stops: 'Next closed',
  },
  {
    process: 'server',
    stage: 'runtime services',
    starts:
      'the change feed, the caches (not-found page, article texts, pool budget), the scheduler, the webhook sender (lib/server/services.ts)',
    stops:
      'the scheduler and the webhook sender (a tick in flight finishes), the change feed, the shared store (Redis)',
  },
  {
    process: 'server',
    stage: 'http server',
    starts:
      'listening on PORT, every request through the pipeline’s steps (lib/server/pipeline.ts); metrics on KIJI_METRICS_PORT',
    stops:
      'still accepting for a second, then not listening; the requests in flight answered, every response `Connection: close`',
  },
  {
    process: 'server',
    stage: 'health',
    starts: '`Open http://…` printed: the server answers, /api/health says ok',
    stops: 'draining: /api/health answers 503, so load balancers send nothing more',
  },
] as const satisfies readonly StoryStage[];

type StoryStage = { process: 'launcher' | 'server'; stage: string; starts: string; stops?: string };
export type StoryProcess = (typeof STARTUP_STORY)[number]['process'];
export type StageName<P extends StoryProcess> = Extract<(typeof STARTUP_STORY)[number], { process: P }>['stage'];

/** Stops a started stage; `reason` is the signal, or what else ended the process. */
export type Stop = (reason: string) => Promise<void>;
/**
 * Starts a stage, and hands back how it stops (nothing, if there is nothing to stop). `stopping`
 * is aborted when a stop is asked for while the stage starts: a long start (the embedded
 * PostgreSQL loading the demo articles) may give up then, and what it gave up is no failure.
 */
export type Start = (stopping: AbortSignal) => Promise<Stop | void>;

/** What the story tells as it goes: each process writes it its own way (a JSON line, or `[kiji] …`). */
export type StoryEvent =
  | { event: 'stage_started'; stage: string }
  | { event: 'stage_failed'; stage: string; message: string }
  | { event: 'stage_stopped'; stage: string }
  | { event: 'stage_stop_failed'; stage: string; message: string }
  | { event: 'shutdown_timed_out'; stages: string[]; boundMs: number };

export type StopOutcome = {
  /** Every started stage stopped, without a failure, within the bound. */
  clean: boolean;
  /** Stages whose stop was still running when the bound ran out, or never began. */
  unfinished: string[];
  failed: string[];
};

export type Story = {
  /** Every stage started (`started`), or a stop came first (`stopped`); rejects with a stage's failure. */
  started: Promise<'started' | 'stopped'>;
  /** Stops the started stages in reverse order, within the bound; one stop however often it is asked. */
  stop: (reason: string) => Promise<StopOutcome>;
};

/** How long the server's shutdown may take: the grace second, then the requests in flight. */
export const SERVER_STOP_BOUND_MS = 10_000;
/** The launcher waits for the server's bound and a margin, then kills it and stops the database. */
export const LAUNCHER_STOP_BOUND_MS = SERVER_STOP_BOUND_MS + 10_000;

type StoryOptions = {
  boundMs: number;
  report?: (event: StoryEvent) => void;
  /** The clock's timer, replaced in the unit tests. */
  wait?: (ms: number) => Promise<void>;
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Starts one process's part of the story, in the story's order. A stop asked for while a stage is
 * starting tells that start (its AbortSignal), waits for it to finish or give up (it may hold
 * something that must then be stopped), and starts nothing after it.
 */
export function startStory<P extends StoryProcess>(
  owner: P,
  starts: { [S in StageName<P>]: Start },
  { boundMs, report = () => {}, wait = sleep }: StoryOptions,
): Story {
  const order: StageName<P>[] = STARTUP_STORY.filter((entry) => entry.process === owner).map(
    (entry) => entry.stage as StageName<P>,
  );
  const running: { stage: string; stop: Stop | void }[] = [];
  let stopping: Promise<StopOutcome> | null = null;
  let startingNow: Promise<unknown> = Promise.resolve();
  let startingStage: string | null = null;
  const stopAsked = new AbortController();

  const stopStarted = async (reason: string): Promise<StopOutcome> => {
    const outcome: StopOutcome = { clean: true, unfinished: [], failed: [] };
    let timedOut = false;
    const deadline = wait(boundMs).then(() => {
      timedOut = true;
    });
    // Whatever is starting now finishes first: what it holds is stopped with the rest.
    await Promise.race([startingNow.catch(() => {}), deadline]);
    const stops = [...running].reverse();
    if (timedOut) {
      outcome.clean = false;
      outcome.unfinished = [...(startingStage ? [startingStage] : []), ...stops.map((entry) => entry.stage)];
      report({ event: 'shutdown_timed_out', stages: outcome.unfinished, boundMs });
      return outcome;
    }
    for (const [index, { stage, stop }] of stops.entries()) {
      const stopped = (async () => {
        try {
          if (stop) await stop(reason);
          report({ event: 'stage_stopped', stage });
        } catch (error) {
          outcome.clean = false;
          outcome.failed.push(stage);
          report({ event: 'stage_stop_failed', stage, message: messageOf(error) });
        }
      })();
      await Promise.race([stopped, deadline]);
      if (timedOut) {
        outcome.clean = false;
        outcome.unfinished = stops.slice(index).map((entry) => entry.stage);
        report({ event: 'shutdown_timed_out', stages: outcome.unfinished, boundMs });
        break;
      }
    }
    return outcome;
  };

  const stop = (reason: string) => {
    if (!stopping) {
      stopping = stopStarted(reason);
      stopAsked.abort();
    }
    return stopping;
  };

  const started = (async (): Promise<'started' | 'stopped'> => {
    for (const stage of order) {
      if (stopping) return 'stopped';
      startingStage = stage;
      const starting = starts[stage](stopAsked.signal);
      startingNow = starting;
      try {
        running.push({ stage, stop: await starting });
      } catch (error) {
        startingStage = null;
        // Given up because a stop was asked for: part of stopping, not a failure.
        if (stopping) return 'stopped';
        report({ event: 'stage_failed', stage, message: messageOf(error) });
        await stop(`${stage} failed`);
        throw error;
      }
      startingStage = null;
      report({ event: 'stage_started', stage });
    }
    return stopping ? 'stopped' : 'started';
  })();

  return { started, stop };
}

/** The signals that stop a process: a terminal's Ctrl-C, a supervisor's stop, a closed terminal. */
export type StopSignal = 'SIGTERM' | 'SIGINT' | 'SIGHUP';
/** What a process listens to for its stop. */
type SignalSource = { on: (signal: StopSignal, listener: () => void) => unknown };

/**
 * The one shutdown path: the first of `signals` stops the story; `exit` is then called with the
 * signal and the outcome. A second signal changes nothing (a terminal's Ctrl-C or a group's
 * SIGTERM reaches every process of the group, and npm and the launcher pass it on as well), so the
 * listeners stay: a signal that finds none kills the process on the spot, mid-stop.
 */
export function stopOnSignals(
  story: Story,
  exit: (signal: StopSignal, outcome: StopOutcome) => void,
  source: SignalSource = process,
  signals: readonly StopSignal[] = ['SIGTERM', 'SIGINT'],
): void {
  let stopped = false;
  for (const signal of signals) {
    source.on(signal, () => {
      if (stopped) return;
      stopped = true;
      void story.stop(signal).then((outcome) => exit(signal, outcome));
    });
  }
}

// ---- How the server process is started ----

/**
 * Node flags for Kiji's server: a capped V8 heap keeps the process's memory bounded (the
 * benchmark's budget is 400 MB RSS) instead of growing until the machine pushes back. V8 lets the
 * heap grow towards its cap before it collects in earnest, so RSS follows the cap, not what is
 * live. At 100,000 articles, with the in-memory cache full (KIJI_CACHE_MEMORY_MB, 64 MB by
 * default), about 120 MB is live: 192 MB leaves room, and measured the same render throughput as
 * 256 with ~60 MB less RSS. Raise both together.
 */
export const SERVER_NODE_FLAGS = ['--max-old-space-size=192', '--max-semi-space-size=8'] as const;

/**
 * glibc's allocator, tuned for a long-running Node server (docs/decisions/0019): at most two
 * arenas, allocations of 64 KiB and more from mmap (given back when freed), and the top of the
 * heap trimmed from 128 KiB. Untuned, native allocations (zlib streams for compression, Argon2's
 * 19 MiB per password check, socket buffers) fragment the main arena and per-thread arenas: after
 * five minutes of mixed traffic at 100,000 articles RSS stood at ~560 MB, ~190 MB of it the main
 * arena alone; tuned, ~330 MB. Read by the dynamic loader at start, so it must be in the
 * environment the server is started with; an operator's own GLIBC_TUNABLES wins.
 */
export const SERVER_MALLOC_TUNABLES =
  'glibc.malloc.arena_max=2:glibc.malloc.mmap_threshold=65536:glibc.malloc.trim_threshold=131072';

export function serverEnvironment<E extends Record<string, string | undefined>>(
  env: E,
): E & { GLIBC_TUNABLES: string } {
  return { ...env, GLIBC_TUNABLES: env.GLIBC_TUNABLES ?? SERVER_MALLOC_TUNABLES };
}

/**
 * The server process, as every caller starts it: `start` is the production bundle with the
 * capped heap; `dev` is the TypeScript source under tsx, with Next compiling in the same process,
 * so its heap is left uncapped.
 */
export function serverCommand<E extends Record<string, string | undefined>>(
  mode: 'start' | 'dev',
  env: E,
): { command: string; args: string[]; env: E & { GLIBC_TUNABLES: string } } {
  const args =
    mode === 'start'
      ? [...SERVER_NODE_FLAGS, '.next/kiji-server.mjs']
      : ['--import', 'tsx', 'scripts/serve.ts', '--dev'];
  return { command: process.execPath, args, env: serverEnvironment(env) };
}

import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  SERVER_NODE_FLAGS,
  STARTUP_STORY,
  serverCommand,
  startStory,
  stopOnSignals,
  type Start,
  type StopOutcome,
  type StoryEvent,
} from './startup';

/** A deadline the test ends by hand: bounds are tested without waiting for time. */
function handDeadline() {
  let end = () => {};
  const reached = new Promise<void>((resolve) => (end = resolve));
  return { wait: () => reached, end };
}

/** Server stages that write what they do into `trail`. */
function recordingServer(trail: string[], overrides: Partial<Record<string, Start>> = {}) {
  const stage =
    (name: string): Start =>
    async () => {
      trail.push(`start ${name}`);
      return async (reason) => {
        trail.push(`stop ${name} (${reason})`);
      };
    };
  return {
    // Written out of order on purpose: the story decides the order, not this object.
    health: overrides.health ?? stage('health'),
    'http server': overrides['http server'] ?? stage('http server'),
    configuration: overrides.configuration ?? stage('configuration'),
    next: overrides.next ?? stage('next'),
    'runtime services': overrides['runtime services'] ?? stage('runtime services'),
    database: overrides.database ?? stage('database'),
  };
}

describe('the start-up story', () => {
  it('tells the server’s start in this order: configuration, database, Next, runtime services, HTTP, health', () => {
    expect(STARTUP_STORY.filter((entry) => entry.process === 'server').map((entry) => entry.stage)).toEqual([
      'configuration',
      'database',
      'next',
      'runtime services',
      'http server',
      'health',
    ]);
    expect(STARTUP_STORY.filter((entry) => entry.process === 'launcher').map((entry) => entry.stage)).toEqual([
      'configuration',
      'database',
      'command',
    ]);
  });

  it('starts the stages in the story’s order and stops them in reverse, each with the reason', async () => {
    const trail: string[] = [];
    const story = startStory('server', recordingServer(trail), { boundMs: 1_000 });
    expect(await story.started).toBe('started');
    expect(await story.stop('SIGTERM')).toEqual({ clean: true, unfinished: [], failed: [] });
    expect(trail).toEqual([
      'start configuration',
      'start database',
      'start next',
      'start runtime services',
      'start http server',
      'start health',
      'stop health (SIGTERM)',
      'stop http server (SIGTERM)',
      'stop runtime services (SIGTERM)',
      'stop next (SIGTERM)',
      'stop database (SIGTERM)',
      'stop configuration (SIGTERM)',
    ]);
  });

  it('stops once however often it is asked', async () => {
    const trail: string[] = [];
    const story = startStory('server', recordingServer(trail), { boundMs: 1_000 });
    await story.started;
    const [first, second] = await Promise.all([story.stop('SIGTERM'), story.stop('SIGINT')]);
    expect(second).toBe(first);
    expect(trail.filter((line) => line.startsWith('stop'))).toHaveLength(6);
  });

  it('when a stage fails to start, starts nothing after it, stops those before it in reverse and fails', async () => {
    const trail: string[] = [];
    const events: StoryEvent[] = [];
    const story = startStory(
      'server',
      recordingServer(trail, {
        'runtime services': async () => {
          throw new Error('the change feed could not connect');
        },
      }),
      { boundMs: 1_000, report: (event) => events.push(event) },
    );
    await expect(story.started).rejects.toThrow('the change feed could not connect');
    expect(trail).toEqual([
      'start configuration',
      'start database',
      'start next',
      'stop next (runtime services failed)',
      'stop database (runtime services failed)',
      'stop configuration (runtime services failed)',
    ]);
    expect(events).toContainEqual({
      event: 'stage_failed',
      stage: 'runtime services',
      message: 'the change feed could not connect',
    });
  });

  it('when told to stop while a stage starts, lets that start finish, stops it, and starts nothing after it', async () => {
    const trail: string[] = [];
    let finishPreparing = () => {};
    const story = startStory(
      'server',
      recordingServer(trail, {
        next: async () => {
          trail.push('start next');
          await new Promise<void>((resolve) => (finishPreparing = resolve));
          return async () => {
            trail.push('stop next');
          };
        },
      }),
      { boundMs: 1_000 },
    );
    await expect.poll(() => trail.includes('start next')).toBe(true);
    const stopped = story.stop('SIGINT');
    finishPreparing();
    expect(await story.started).toBe('stopped');
    expect((await stopped).clean).toBe(true);
    expect(trail).toEqual([
      'start configuration',
      'start database',
      'start next',
      'stop next',
      'stop database (SIGINT)',
      'stop configuration (SIGINT)',
    ]);
  });

  it('lets a long start give up when told to stop, and counts that as stopping, not as a failure', async () => {
    const trail: string[] = [];
    const events: StoryEvent[] = [];
    const story = startStory(
      'server',
      recordingServer(trail, {
        next: (stopping) =>
          new Promise((_, reject) => {
            trail.push('start next');
            stopping.addEventListener('abort', () => reject(new Error('gave up preparing')));
          }),
      }),
      { boundMs: 1_000, report: (event) => events.push(event) },
    );
    await expect.poll(() => trail.includes('start next')).toBe(true);
    expect(await story.stop('SIGTERM')).toEqual({ clean: true, unfinished: [], failed: [] });
    expect(await story.started).toBe('stopped');
    expect(trail).toEqual([
      'start configuration',
      'start database',
      'start next',
      'stop database (SIGTERM)',
      'stop configuration (SIGTERM)',
    ]);
    expect(events.map((event) => event.event)).not.toContain('stage_failed');
  });

  it('keeps stopping the others when one stop fails, and says the stop was not clean', async () => {
    const trail: string[] = [];
    const story = startStory(
      'server',
      recordingServer(trail, {
        'runtime services': async () => async () => {
          throw new Error('Redis did not answer QUIT');
        },
      }),
      { boundMs: 1_000 },
    );
    await story.started;
    expect(await story.stop('SIGTERM')).toEqual({ clean: false, unfinished: [], failed: ['runtime services'] });
    expect(trail).toContain('stop next (SIGTERM)');
    expect(trail).toContain('stop database (SIGTERM)');
  });

  it('gives up on a stop that outlasts the bound, naming what did not finish, without waiting for it', async () => {
    const trail: string[] = [];
    const events: StoryEvent[] = [];
    const deadline = handDeadline();
    const story = startStory(
      'server',
      recordingServer(trail, {
        // A request in flight that never ends.
        'http server': async () => () => new Promise<void>(() => {}),
      }),
      { boundMs: 10_000, wait: deadline.wait, report: (event) => events.push(event) },
    );
    await story.started;
    const stopping = story.stop('SIGTERM');
    await expect.poll(() => trail.includes('stop health (SIGTERM)')).toBe(true);
    deadline.end();
    expect(await stopping).toEqual({
      clean: false,
      unfinished: ['http server', 'runtime services', 'next', 'database', 'configuration'],
      failed: [],
    });
    expect(events).toContainEqual({
      event: 'shutdown_timed_out',
      stages: ['http server', 'runtime services', 'next', 'database', 'configuration'],
      boundMs: 10_000,
    });
  });
});

describe('the one shutdown path', () => {
  it('stops the story on the first SIGTERM or SIGINT and exits once, with the outcome', async () => {
    const trail: string[] = [];
    const story = startStory('server', recordingServer(trail), { boundMs: 1_000 });
    await story.started;
    const signals = new EventEmitter();
    const exits: [string, StopOutcome][] = [];
    stopOnSignals(story, (signal, outcome) => exits.push([signal, outcome]), signals);
    signals.emit('SIGTERM');
    // Still listened to: a process signalled again with no listener left would be killed mid-stop.
    expect(signals.listenerCount('SIGTERM')).toBe(1);
    signals.emit('SIGTERM');
    signals.emit('SIGINT');
    await expect.poll(() => exits.length).toBe(1);
    expect(exits).toEqual([['SIGTERM', { clean: true, unfinished: [], failed: [] }]]);
    expect(trail.filter((line) => line.startsWith('stop'))).toHaveLength(6);
  });
});

describe('the server command', () => {
  it('runs the production bundle with the server’s node flags and the allocator tuning', () => {
    const { command, args, env } = serverCommand('start', { PATH: '/bin' });
    expect(command).toBe(process.execPath);
    expect(args).toEqual([...SERVER_NODE_FLAGS, '.next/kiji-server.mjs']);
    expect(env.GLIBC_TUNABLES).toContain('glibc.malloc.arena_max=2');
  });

  it('runs development from the source, through the same server module', () => {
    expect(serverCommand('dev', {}).args).toEqual(['--import', 'tsx', 'scripts/serve.ts', '--dev']);
  });
});

describe('the npm scripts', () => {
  const scripts = (
    JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;

  it('start, develop and build through the launcher, which tells the rest of the story', () => {
    for (const mode of ['start', 'dev', 'build'])
      expect(scripts[mode]).toBe(`exec node --conditions=react-server --import tsx scripts/with-db.ts ${mode}`);
  });

  it('declare none of the server’s node flags: serverCommand is the one place', () => {
    const flagged = Object.entries(scripts).filter(([, script]) =>
      SERVER_NODE_FLAGS.some((flag) => script.includes(flag.split('=')[0]!)),
    );
    expect(flagged).toEqual([]);
  });
});

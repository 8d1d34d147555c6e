import type { ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

/**
 * Servers that tests and the benchmark start and stop: Kiji instances (e2e/support/instances.ts)
 * and nginx (scripts/lib/nginx.ts). Each is spawned detached, in its own process group.
 */

/** Everything the process prints, kept for error messages and for tests that read its log. */
export function captureOutput(child: ChildProcess): () => string {
  let printed = '';
  child.stdout?.on('data', (chunk) => (printed += String(chunk)));
  child.stderr?.on('data', (chunk) => (printed += String(chunk)));
  return () => printed;
}

/** Polls the URL until it answers with a status `ready` accepts; fails early if the process exits. */
export async function waitForHttp(
  url: string,
  child: ChildProcess,
  output: () => string,
  {
    timeoutMs = 60_000,
    ready = (status: number) => status < 500,
  }: { timeoutMs?: number; ready?: (status: number) => boolean } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`process exited (${child.exitCode}) before ${url} answered:\n${output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (ready(response.status)) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${output()}`);
}

/** Signals the process group and waits for the exit code; SIGKILL if it is still there after 15 s. */
export function groupStopper(child: ChildProcess, defaultSignal: NodeJS.Signals = 'SIGTERM') {
  return async (signal: NodeJS.Signals = defaultSignal): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      process.kill(-child.pid!, signal);
    } catch {
      return child.exitCode;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone already
      }
    }, 15_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
}

/** Whether anything accepts TCP connections on the port at 127.0.0.1 now (a server left running, say). */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

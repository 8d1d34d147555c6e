import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderNginxConfig } from '../nginx-config';

/**
 * Debian's nginx with Kiji's configuration (deploy/nginx), in a temporary folder, in front of the
 * given local ports: for the many-instances test and for the benchmark's "behind nginx" figure.
 */
export type RunningNginx = { url: string; port: number; output: () => string; stop: (signal?: NodeJS.Signals) => Promise<number | null>; dispose: () => Promise<void> };

export function nginxBinary(): string {
  const found = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((candidate) => existsSync(candidate));
  if (!found) throw new Error("nginx is not installed: `.ci/run` installs Debian's nginx-light (apt-get install nginx-light)");
  return found;
}

async function waitForNginx(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}):\n${output()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`nginx did not answer at ${url}:\n${output()}`);
}

export async function startNginx(port: number, upstreams: number[]): Promise<RunningNginx> {
  const folder = await mkdtemp(path.join(tmpdir(), 'kiji-nginx-'));
  await mkdir(path.join(folder, 'cache'));
  const site = renderNginxConfig({ listen: `127.0.0.1:${port}`, upstreams: upstreams.map((upstream) => `127.0.0.1:${upstream}`), cacheDir: path.join(folder, 'cache') });
  await writeFile(path.join(folder, 'kiji.conf'), site);
  const temp = (name: string) => `${name}_temp_path ${path.join(folder, name)};`;
  await writeFile(
    path.join(folder, 'nginx.conf'),
    `${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
pid ${path.join(folder, 'nginx.pid')};
error_log stderr warn;
events { worker_connections 1024; }
http {
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  include ${path.join(folder, 'kiji.conf')};
}
`,
  );
  const child = spawn(nginxBinary(), ['-p', folder, '-c', path.join(folder, 'nginx.conf'), '-g', 'daemon off;'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  child.stdout!.on('data', (chunk) => (printed += String(chunk)));
  child.stderr!.on('data', (chunk) => (printed += String(chunk)));
  const output = () => printed;
  await waitForNginx(`http://127.0.0.1:${port}/robots.txt`, child, output);
  const stop = async (signal: NodeJS.Signals = 'SIGQUIT'): Promise<number | null> => {
    if (child.exitCode !== null) return child.exitCode;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      process.kill(-child.pid!, signal);
    } catch {
      return child.exitCode;
    }
    return exited;
  };
  return {
    url: `http://localhost:${port}`,
    port,
    output,
    stop,
    dispose: async () => {
      await stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

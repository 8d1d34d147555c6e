import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderNginxConfig } from '../nginx-config';
import { captureOutput, groupStopper, waitForHttp } from './child-processes';

/**
 * Debian's nginx with Kiji's configuration (deploy/nginx), in a temporary folder, in front of the
 * given local ports: for the many-instances test and for the benchmark's "behind nginx" figure.
 */
export type RunningNginx = {
  url: string;
  port: number;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  dispose: () => Promise<void>;
};

export function nginxBinary(): string {
  const found = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((candidate) => existsSync(candidate));
  if (!found)
    throw new Error("nginx is not installed: `.ci/run` installs Debian's nginx-light (apt-get install nginx-light)");
  return found;
}

export async function startNginx(
  port: number,
  upstreams: number[],
  { workerConnections = 1024 }: { workerConnections?: number } = {},
): Promise<RunningNginx> {
  const folder = await mkdtemp(path.join(tmpdir(), 'kiji-nginx-'));
  await mkdir(path.join(folder, 'cache'));
  const site = renderNginxConfig({
    listen: `127.0.0.1:${port}`,
    upstreams: upstreams.map((upstream) => `127.0.0.1:${upstream}`),
    cacheDir: path.join(folder, 'cache'),
  });
  await writeFile(path.join(folder, 'kiji.conf'), site);
  const temp = (name: string) => `${name}_temp_path ${path.join(folder, name)};`;
  await writeFile(
    path.join(folder, 'nginx.conf'),
    `${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
worker_rlimit_nofile ${workerConnections * 2};
pid ${path.join(folder, 'nginx.pid')};
error_log stderr warn;
events { worker_connections ${workerConnections}; }
http {
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  include ${path.join(folder, 'kiji.conf')};
}
`,
  );
  const child = spawn(nginxBinary(), ['-p', folder, '-c', path.join(folder, 'nginx.conf'), '-g', 'daemon off;'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = captureOutput(child);
  // Any answer will do: nginx is up even if the instance behind it is not yet.
  await waitForHttp(`http://127.0.0.1:${port}/robots.txt`, child, output, { timeoutMs: 15_000, ready: () => true });
  // SIGQUIT: nginx's graceful shutdown.
  const stop = groupStopper(child, 'SIGQUIT');
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

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * CPU time of processes on this machine, from /proc (Linux), for `npm run bench` (issue #29): the
 * CPU a server spends per request is far less sensitive to the machine's other load than wall
 * time or requests per second, which is what a shared 2-core machine can measure honestly.
 */

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/**
 * User plus system time, in clock ticks, of every thread of the process, from the text of
 * /proc/<pid>/stat. The command name (field 2) is in parentheses and may hold spaces and
 * parentheses itself, so the fields are counted from the last `)`.
 */
export function cpuTicksOfStat(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state (3), ppid (4) … utime (14), stime (15); index 0 here is field 3.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`not a /proc stat line: ${stat}`);
  return utime + stime;
}

/** Milliseconds of CPU the process has used so far, or null when it cannot be read. */
export function processCpuMs(pid: number): number | null {
  try {
    return (cpuTicksOfStat(readFileSync(`/proc/${pid}/stat`, 'utf8')) * 1000) / clockTicks();
  } catch {
    return null;
  }
}

/** The process listening on a TCP port of this machine (`ss`), or null. */
export function listeningPid(port: number): number | null {
  try {
    const line = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
    const pid = /pid=(\d+)/.exec(line)?.[1];
    return pid ? Number(pid) : null;
  } catch {
    return null;
  }
}

/** The 1-minute load average, as `uptime` says it: how busy the machine was with everything else too. */
export function loadAverage(): number {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return NaN;
  }
}

import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The live processes whose environment holds `marker` (a `NAME=value` line): a build's children
 * inherit its environment, so this finds a Chromium that outlived its build. Zombies count as gone.
 */
export function processesWithMarker(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const state = /\)\s+(\S)/.exec(readFileSync(`/proc/${entry}/stat`, 'utf8'))?.[1];
      if (state === 'Z' || state === 'X') continue;
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(marker)) found.push(Number(entry));
    } catch {
      // The process ended while being read.
    }
  }
  return found;
}

/**
 * Waits until every process with `marker` has ended (a killed process takes a moment to go, longer on a
 * busy machine) and returns none; only those still alive after `ms`, a hang, are returned.
 */
export async function waitForNoProcesses(marker: string, ms = 30_000): Promise<number[]> {
  const deadline = Date.now() + ms;
  let alive = processesWithMarker(marker);
  while (alive.length > 0 && Date.now() < deadline) {
    await sleep(100);
    alive = processesWithMarker(marker);
  }
  return alive;
}

/** Waits until a process with `marker` runs with `argument` on its command line, and returns its pid. */
export async function waitForProcessWith(marker: string, argument: string): Promise<number> {
  for (;;) {
    for (const pid of processesWithMarker(marker)) {
      try {
        if (readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').includes(argument)) return pid;
      } catch {
        // The process ended while being read.
      }
    }
    await sleep(20);
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Browser } from 'puppeteer-core';
import { chromiumArgs } from './browser/chromium-args.ts';
import { PipeTransport } from './browser/pipe-transport.ts';
import { BuildError } from './errors.ts';
import { onInterrupt } from './interrupts.ts';

/**
 * The system's Chromium, best first: the headless shell (Debian's chromium-headless-shell) starts in a
 * third of the time of the full browser and prints with less work; the full browser does the same job.
 */
const SYSTEM_CHROMIUM = ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium-headless-shell', '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];

/** How long one step in the browser may take before the build gives up on it, unless FOLIO_BROWSER_TIMEOUT_MS says otherwise. */
export const BROWSER_TIMEOUT_MS = 60_000;

/** The build's one browser and how long any step in it may take. */
export interface BrowserSession {
  browser: Browser;
  timeoutMs: number;
  /** True for the headless shell, which draws every tab; the full browser draws only the one in front. */
  drawsEveryTab: boolean;
  /** Chromium's process, the leader of its own process group, and its temporary profile folder. */
  chromium: ChildProcess;
  profileDir: string;
}

/** The browser timeout: FOLIO_BROWSER_TIMEOUT_MS (milliseconds) where set, else BROWSER_TIMEOUT_MS. */
export function browserTimeout(env: NodeJS.ProcessEnv = process.env): number {
  const value = env['FOLIO_BROWSER_TIMEOUT_MS'];
  if (value === undefined || value === '') return BROWSER_TIMEOUT_MS;
  if (!/^\d+$/.test(value) || Number(value) < 100) {
    throw new BuildError('USAGE', `FOLIO_BROWSER_TIMEOUT_MS=${value} is not a number of milliseconds of at least 100: set it like FOLIO_BROWSER_TIMEOUT_MS=120000, or unset it for ${BROWSER_TIMEOUT_MS}`);
  }
  return Number(value);
}

/**
 * Finds a Chromium: FOLIO_CHROMIUM or PUPPETEER_EXECUTABLE_PATH first, then the system's, then one that
 * Puppeteer downloaded into its cache. Throws how to install one when there is none.
 */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const local = localChromium(env);
  if (local) return local;
  const cacheDir = env['PUPPETEER_CACHE_DIR'] ?? join(homedir(), '.cache', 'puppeteer');
  // Loaded only here: it is a large module, and most machines have a system Chromium.
  const { Browser: BrowserKind, getInstalledBrowsers } = await import('@puppeteer/browsers');
  const installed = await getInstalledBrowsers({ cacheDir }).catch(() => []);
  const cached = installed.find((browser) => browser.browser === BrowserKind.CHROME || browser.browser === BrowserKind.CHROMEHEADLESSSHELL);
  if (cached) return cached.executablePath;
  throw new BuildError(
    'NO_BROWSER',
    'no Chromium found. Install one with `sudo apt-get install chromium` (Debian, Ubuntu), or point FOLIO_CHROMIUM at a Chrome or Chromium executable',
  );
}

/**
 * The Chromium the environment names, or the system's; undefined where there is neither. Synchronous,
 * so that launchBrowser starts Chromium before anything else runs.
 */
function localChromium(env: NodeJS.ProcessEnv): string | undefined {
  const explicit = env['FOLIO_CHROMIUM'] ?? env['PUPPETEER_EXECUTABLE_PATH'];
  if (explicit) {
    if (isExecutable(explicit)) return explicit;
    throw new BuildError('NO_BROWSER', `no Chromium at ${explicit} (set by FOLIO_CHROMIUM or PUPPETEER_EXECUTABLE_PATH): correct the path, or install Chromium with \`sudo apt-get install chromium\` (Debian, Ubuntu) and unset the variable`);
  }
  return SYSTEM_CHROMIUM.find(isExecutable);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts Chromium and connects Puppeteer to it over a pipe. Chromium is started here rather than by
 * puppeteer.launch so that it boots while Node reads Puppeteer, a large module. It ends by itself when
 * the build's process dies, even by SIGKILL (its pipe closes). Whoever calls this ends it with
 * closeBrowser, in a `finally`.
 */
export async function launchBrowser(env: NodeJS.ProcessEnv = process.env): Promise<BrowserSession> {
  const timeoutMs = browserTimeout(env);
  // Found and started without a pause where other work could run first (see localChromium).
  const executablePath = localChromium(env) ?? (await findChromium(env));
  const headlessShell = /headless[-_]shell/.test(executablePath);
  const profileDir = mkdtempSync(join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
  const chromium = spawn(executablePath, chromiumArgs({ headlessShell, profileDir }), { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: true });
  running.set(
    chromium,
    onInterrupt(() => {
      killGroup(chromium);
      for (const folder of profileFolders(profileDir)) rmSync(folder, { recursive: true, force: true });
    }),
  );
  void removeOrphanProfiles();
  let stderr = '';
  chromium.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  // Listened to from the start: a Chromium that fails at once may be gone before Puppeteer is read.
  let timer: NodeJS.Timeout | undefined;
  const failed = new Promise<never>((_, reject) => {
    chromium.once('error', reject);
    chromium.once('exit', (code, signal) => reject(new Error(`exited with ${signal ?? `code ${code}`}: ${lastLine(stderr) || 'no message'}`)));
    timer = setTimeout(() => reject(new LaunchTimeout(`no DevTools connection after ${timeoutMs} ms`)), timeoutMs);
  });
  failed.catch(() => undefined);
  const transport = new PipeTransport(chromium.stdio[3] as Writable, chromium.stdio[4] as Readable);
  try {
    const { connect } = await loadPuppeteer();
    const browser = await Promise.race([connect({ transport, protocolTimeout: timeoutMs, defaultViewport: null }), failed]);
    return { browser, timeoutMs, drawsEveryTab: headlessShell, chromium, profileDir };
  } catch (error) {
    await endChromium(chromium, profileDir);
    throw new BuildError(
      'BROWSER_FAILED',
      `Chromium at ${executablePath} ${error instanceof LaunchTimeout ? `did not answer within ${timeoutMs} ms` : 'failed to start'} (${firstLine(error)}): check that \`${executablePath} --headless --version\` runs, or point FOLIO_CHROMIUM at another Chromium`,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}

/** Profile folders are named after the build's process, so that one left by a killed build can be known. */
const PROFILE_PREFIX = 'folio-chromium-';

/**
 * Removes the profile folders of builds that were killed (SIGKILL leaves no chance to clean up): those
 * whose process is gone. A folder whose number belongs to a running process is left alone.
 */
async function removeOrphanProfiles(): Promise<void> {
  const names = await readdir(tmpdir()).catch(() => []);
  for (const name of names) {
    const pid = Number(new RegExp(`^${PROFILE_PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    for (const folder of profileFolders(join(tmpdir(), name))) await rm(folder, { recursive: true, force: true }).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running Chromiums of this process, each killed and its profile removed if the process is interrupted (see onInterrupt). */
const running = new Map<ChildProcess, () => void>();

class LaunchTimeout extends Error {}

const importPuppeteer = () => import('puppeteer-core');
let puppeteerModule: Awaited<ReturnType<typeof importPuppeteer>> | undefined;

/** Puppeteer, read on the first launch (see launchBrowser). */
async function loadPuppeteer(): Promise<Awaited<ReturnType<typeof importPuppeteer>>> {
  puppeteerModule ??= await importPuppeteer();
  return puppeteerModule;
}

function killGroup(chromium: ChildProcess): void {
  if (chromium.pid === undefined) return;
  try {
    // Spawned detached, Chromium leads its own process group: this reaches every helper it started.
    process.kill(-chromium.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Kills Chromium's process group, waits (at most 5 s) until it is gone, and removes its profile. */
async function endChromium(chromium: ChildProcess, profileDir: string): Promise<void> {
  const gone = chromium.exitCode !== null || chromium.signalCode !== null;
  let timer: NodeJS.Timeout | undefined;
  const exited = gone
    ? Promise.resolve()
    : new Promise<void>((resolve) => {
        chromium.once('exit', () => resolve());
        timer = setTimeout(resolve, 5_000);
      });
  killGroup(chromium);
  await exited;
  clearTimeout(timer);
  running.get(chromium)?.();
  running.delete(chromium);
  for (const folder of profileFolders(profileDir)) await rm(folder, { recursive: true, force: true, maxRetries: 3 });
}

/**
 * A profile folder and, where the full Chromium made one, the folder of its lock and socket: it keeps
 * them under the temporary folder (org.chromium.Chromium.*), linked from the profile's SingletonSocket.
 */
function profileFolders(profileDir: string): string[] {
  let socket = '';
  try {
    socket = readlinkSync(join(profileDir, 'SingletonSocket'));
  } catch {
    // The headless shell makes no socket.
  }
  const own = dirname(socket);
  return basename(own).startsWith('org.chromium.Chromium.') ? [own, profileDir] : [profileDir];
}

/**
 * What went wrong while rendering, said plainly: a browser that is gone has crashed, one that did not
 * answer in time has hung. Other errors are given back as they are.
 */
export function explainBrowserFailure({ browser, timeoutMs }: BrowserSession, error: unknown): unknown {
  if (!browser.connected || /Target closed|Connection closed|Session closed/i.test(String(error))) {
    return new BuildError('BROWSER_FAILED', `Chromium crashed while rendering (${firstLine(error)}); nothing was written. Try again; if it keeps crashing, check its memory and /dev/shm`, {
      cause: error,
    });
  }
  if (error instanceof BuildError) return error;
  if (isTimeout(error) || (puppeteerModule && error instanceof puppeteerModule.ProtocolError)) {
    return new BuildError(
      'BROWSER_FAILED',
      `Chromium stopped responding for ${timeoutMs} ms while rendering (${firstLine(error)}); nothing was written. Try again, or allow more time with FOLIO_BROWSER_TIMEOUT_MS`,
      { cause: error },
    );
  }
  return error;
}

/** Starts Chromium, runs `work` with it and always ends it; a crash or a hang becomes a BuildError. */
export async function withBrowser<T>(env: NodeJS.ProcessEnv, work: (session: BrowserSession) => Promise<T>): Promise<T> {
  const session = await launchBrowser(env);
  try {
    return await work(session);
  } catch (error) {
    throw explainBrowserFailure(session, error);
  } finally {
    await closeBrowser(session);
  }
}

/**
 * Ends the browser at once: its process group is killed (a build has nothing to save in it, and a
 * polite close costs a tenth of a second), then its profile folder is removed.
 */
export async function closeBrowser({ browser, chromium, profileDir }: BrowserSession): Promise<void> {
  await endChromium(chromium, profileDir);
  await browser.disconnect().catch(() => undefined);
}

/** Puppeteer reports a CDP call that got no answer as a ProtocolError saying "timed out", not a TimeoutError. */
function isTimeout(error: unknown): boolean {
  if (!puppeteerModule) return false;
  return error instanceof puppeteerModule.TimeoutError || (error instanceof puppeteerModule.ProtocolError && /timed out/i.test(error.message));
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]?.trim() ?? 'unknown error';
}


function lastLine(text: string): string {
  return text.trim().split('\n').pop()?.trim() ?? '';
}

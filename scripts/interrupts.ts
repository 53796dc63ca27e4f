/** The signals that end a build before its time: Ctrl-C, a kill, a closed terminal. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** What must be undone before the process ends on an interrupt. */
const undos = new Set<() => void>();

/** Runs every undo, then lets the signal do what it would have done. */
function onSignal(signal: NodeJS.Signals): void {
  const pending = [...undos];
  undos.clear();
  for (const name of SIGNALS) process.off(name, onSignal);
  for (const undo of pending) {
    try {
      undo();
    } catch {
      // Nothing more can be done in a signal handler; the next build removes what is left.
    }
  }
  process.kill(process.pid, signal);
}

/**
 * Has `undo` run, synchronously, if the process is interrupted (SIGINT, SIGTERM, SIGHUP) before the
 * returned function is called; the signal then ends the process as it would have. The one place that
 * listens to these signals: a Chromium to kill, a parsing process to end, an output folder to restore.
 */
export function onInterrupt(undo: () => void): () => void {
  undos.add(undo);
  for (const name of SIGNALS) if (!process.listeners(name).includes(onSignal)) process.on(name, onSignal);
  return () => {
    undos.delete(undo);
    if (undos.size === 0) for (const name of SIGNALS) process.off(name, onSignal);
  };
}

/**
 * A background job run at start and then every `everyMs`, one run at a time (a run that is due
 * while the previous one is still going waits for it). Errors are logged, never thrown: a failed
 * run is retried at the next tick. The monthly assessment and the fact refreshes use it.
 */
export interface JobLog {
  info(obj: object, msg: string): void;
  error(obj: unknown, msg: string): void;
}

export interface RepeatingJob {
  /** The run in progress (tests wait for it). */
  idle: () => Promise<unknown>;
  /** Stops the timer and waits for a run in progress. */
  stop: () => Promise<void>;
}

/** `task(atStart)` now (atStart true) and every `everyMs`; `failure` names it in the log. */
export function repeating(task: (atStart: boolean) => Promise<unknown>, everyMs: number, log: JobLog, failure: string): RepeatingJob {
  let running: Promise<unknown> = Promise.resolve();
  const run = (atStart: boolean) =>
    (running = running.then(() => task(atStart)).catch((err) => log.error(err, failure)));
  void run(true);
  const timer = setInterval(() => run(false), everyMs);
  timer.unref();
  return {
    idle: () => running,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

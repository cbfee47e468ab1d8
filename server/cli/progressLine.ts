/**
 * The progress line of a long run on a terminal: "replylint: 1,234 of 5,000 files", redrawn
 * in place on stderr at most every 100 ms, shown only once a run has taken half a second, and
 * wiped before anything else is written and at the end. Silent when stderr is no terminal
 * (CI logs, pipes) or under CI=true: the caller passes no writer then.
 */
/** How long a run goes before the line appears; REPLYLINT_PROGRESS_AFTER_MS changes it (the tests set 0). */
const SHOW_AFTER_MS = Number(process.env.REPLYLINT_PROGRESS_AFTER_MS ?? 500);

export class ProgressLine {
  private total = 0;
  private done = 0;
  private started = 0;
  private drawnAt = 0;
  private shown = false;

  constructor(private readonly write: ((text: string) => void) | undefined) {}

  start(total: number): void {
    this.total = total;
    this.done = 0;
    this.started = performance.now();
  }

  tick(): void {
    this.done++;
    if (!this.write) return;
    const now = performance.now();
    if (now - this.started < SHOW_AFTER_MS || now - this.drawnAt < 100) return;
    this.drawnAt = now;
    this.shown = true;
    this.write(`\r\u001b[Kreplylint: ${this.done.toLocaleString('en')} of ${this.total.toLocaleString('en')} files`);
  }

  /** A tick as a pass-through for a promise chain. */
  ticker(): <T>(value: T) => T {
    return (value) => {
      this.tick();
      return value;
    };
  }

  clear(): void {
    if (!this.shown || !this.write) return;
    this.shown = false;
    this.write('\r\u001b[K');
  }
}

import { parentPort, Worker, workerData } from 'node:worker_threads';
import { runFileTask, type FileOutcome, type FileTask } from './fileTask';
import { terminalText } from './terminalText';

/** workerData that makes the CLI bundle serve file tasks instead of running a command line. */
export const CLI_WORKER_MARK = 'replylint-cli-worker';

export function isCliWorker(): boolean {
  return parentPort !== null && (workerData as { role?: unknown } | undefined)?.role === CLI_WORKER_MARK;
}

/** In a worker thread: lints each file it is sent and posts the outcome back. */
export function serveFileTasks(): void {
  parentPort?.on('message', ({ id, task, bytes }: { id: number; task: FileTask; bytes: Uint8Array }) => {
    parentPort?.postMessage({ id, outcome: runFileTask(task, bytes) });
  });
}

interface Pending {
  id: number;
  task: FileTask;
  bytes: Uint8Array;
  resolve: (outcome: FileOutcome) => void;
}

interface Slot {
  worker: Worker;
  running: Map<number, Pending>;
}

/** Tasks each worker holds at once: one running, one waiting, so no thread idles between messages. */
const IN_FLIGHT_PER_WORKER = 2;

/**
 * `--concurrency N`: N worker threads running this same bundle, each linting whole files.
 * Outcomes come back as plain data and the main thread does everything with side effects
 * (stderr, writes, the cache, the report), in file order. A worker that dies fails the
 * files it held, with the reason, and is replaced.
 */
export class LintPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly script: string,
    size: number,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.start());
  }

  run(task: FileTask, bytes: Uint8Array): Promise<FileOutcome> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, task, bytes, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    this.slots.length = 0;
  }

  private start(): Slot {
    const worker = new Worker(this.script, { workerData: { role: CLI_WORKER_MARK } });
    const slot: Slot = { worker, running: new Map() };
    worker.on('message', ({ id, outcome }: { id: number; outcome: FileOutcome }) => {
      const pending = slot.running.get(id);
      if (!pending) return;
      slot.running.delete(id);
      pending.resolve(outcome);
      this.pump();
    });
    const lost = (reason: string) => {
      const index = this.slots.indexOf(slot);
      if (index < 0 || this.closed) return;
      for (const pending of slot.running.values()) {
        pending.resolve({ notes: [{ text: `${terminalText(pending.task.filePath)}: internal error while linting: the lint worker stopped (${reason})`, fails: true }] });
      }
      slot.running.clear();
      this.slots[index] = this.start();
      this.pump();
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    return slot;
  }

  private pump(): void {
    for (const slot of this.slots) {
      while (slot.running.size < IN_FLIGHT_PER_WORKER && this.queue.length > 0) {
        const pending = this.queue.shift()!;
        slot.running.set(pending.id, pending);
        slot.worker.postMessage({ id: pending.id, task: pending.task, bytes: pending.bytes });
      }
    }
  }
}

import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { Finding, LintConfig } from '../../shared';
import { lintReplyTexts, runFileTask, type FileOutcome, type FileTask, type ReplyText } from './fileTask';
import { terminalText } from './terminalText';

/** workerData that makes the CLI bundle serve file tasks instead of running a command line. */
export const CLI_WORKER_MARK = 'replylint-cli-worker';

export function isCliWorker(): boolean {
  return parentPort !== null && (workerData as { role?: unknown } | undefined)?.role === CLI_WORKER_MARK;
}

/** In a worker thread: lints each file it is sent and posts the outcome back. */
export function serveFileTasks(): void {
  parentPort?.on('message', ({ id, job }: { id: number; job: Job }) => {
    try {
      parentPort?.postMessage({ id, result: job.kind === 'file' ? runFileTask(job.task, job.bytes) : lintReplyTexts(job.config, job.replies) });
    } catch (error) {
      parentPort?.postMessage({ id, error: (error as Error).stack ?? String(error) });
    }
  });
}

/** A whole file, or some replies of a large library. */
type Job = { kind: 'file'; task: FileTask; bytes: Uint8Array } | { kind: 'replies'; config: LintConfig; replies: ReplyText[]; filePath: string };

interface Pending {
  id: number;
  job: Job;
  /** the result, or an error that stopped it (a crash, a worker that died) */
  settle: (result: FileOutcome | Finding[][] | Error) => void;
}

interface Slot {
  worker: Worker;
  running: Map<number, Pending>;
}

/** Tasks each worker holds at once: one running, one waiting, so no thread idles between messages. */
const IN_FLIGHT_PER_WORKER = 2;

/**
 * `--concurrency N`: N worker threads running this same bundle, each linting whole files or
 * parts of a large library. Outcomes come back as plain data and the main thread does
 * everything with side effects (stderr, writes, the cache, the report), in file order. A
 * worker that dies fails the work it held, with the reason, and is replaced, a few times at
 * most: a thread that cannot start at all fails the rest of the run instead of looping.
 */
export class LintPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  private restartsLeft: number;

  constructor(
    private readonly script: string,
    size: number,
  ) {
    this.restartsLeft = 2 * size;
    for (let i = 0; i < size; i++) this.slots.push(this.start());
  }

  run(task: FileTask, bytes: Uint8Array): Promise<FileOutcome> {
    return new Promise((resolve) => {
      const failed = (reason: string): FileOutcome => ({
        notes: [{ text: `${terminalText(task.filePath)}: internal error while linting: ${reason}`, fails: true }],
      });
      this.push({ kind: 'file', task, bytes }, (result) => resolve(result instanceof Error ? failed(result.message) : (result as FileOutcome)));
    });
  }

  /** Lints some replies of one library; rejects when the worker fails. */
  lintReplies(config: LintConfig, replies: ReplyText[], filePath: string): Promise<Finding[][]> {
    return new Promise((resolve, reject) => {
      this.push({ kind: 'replies', config, replies, filePath }, (result) => (result instanceof Error ? reject(result) : resolve(result as Finding[][])));
    });
  }

  private push(job: Job, settle: Pending['settle']): void {
    this.queue.push({ id: this.nextId++, job, settle });
    this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    this.slots.length = 0;
  }

  private start(): Slot {
    const worker = new Worker(this.script, { workerData: { role: CLI_WORKER_MARK } });
    const slot: Slot = { worker, running: new Map() };
    worker.on('message', ({ id, result, error }: { id: number; result?: FileOutcome | Finding[][]; error?: string }) => {
      const pending = slot.running.get(id);
      if (!pending) return;
      slot.running.delete(id);
      pending.settle(error !== undefined ? new Error(error) : result!);
      this.pump();
    });
    const lost = (reason: string) => {
      const index = this.slots.indexOf(slot);
      if (index < 0 || this.closed) return;
      const stopped = new Error(`the lint worker stopped (${reason})`);
      for (const pending of slot.running.values()) pending.settle(stopped);
      slot.running.clear();
      if (this.restartsLeft-- > 0) {
        this.slots[index] = this.start();
        this.pump();
        return;
      }
      this.slots.splice(index, 1);
      if (this.slots.length === 0) for (const pending of this.queue.splice(0)) pending.settle(stopped);
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
        slot.worker.postMessage({ id: pending.id, job: pending.job });
      }
    }
  }
}

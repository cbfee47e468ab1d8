import { parentPort, Worker } from 'node:worker_threads';
import type { CancellationToken } from 'vscode-languageserver/node';
import { linterFor, type DocumentFormat, type LintConfig } from '../../shared/index';
import { lintForEditor, type EditorLint } from './editorLint';
import { fixAllOfDocument } from './fixAll';

/** Work that can take seconds on a large document, done off the thread that answers the client. */
export type LintJob =
  | { kind: 'lint'; config: LintConfig; text: string; version: number; format: DocumentFormat }
  | { kind: 'fixAll'; config: LintConfig; text: string; format: DocumentFormat }
  | { kind: 'fixAllOfRule'; config: LintConfig; text: string; ruleId: string; format: DocumentFormat };
// A rule file's `format:` (config.format) says the document is a library of that format.

type JobResult<J extends LintJob> = J extends { kind: 'lint' } ? EditorLint : string;

/** Rejects a job that was cancelled: the caller answers its request with RequestCancelled. */
export class JobCancelled extends Error {
  constructor() {
    super('Cancelled.');
  }
}

/** In the worker thread: runs each job it is sent, in order, and posts back its result or its error. */
export function serveLintJobs(): void {
  parentPort?.on('message', ({ id, job }: { id: number; job: LintJob }) => {
    try {
      parentPort?.postMessage({ id, result: runJob(job) });
    } catch (error) {
      parentPort?.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
}

export function runJob(job: LintJob): EditorLint | string {
  const linter = linterFor(job.config);
  switch (job.kind) {
    case 'lint':
      return lintForEditor(linter, job.text, job.version, job.format, job.config.format !== undefined);
    case 'fixAll':
      return fixAllOfDocument(linter, job.text, job.format, undefined, job.config.format !== undefined);
    case 'fixAllOfRule':
      return fixAllOfDocument(linter, job.text, job.format, job.ruleId, job.config.format !== undefined);
  }
}

interface PendingJob {
  id: number;
  job: LintJob;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
  /** when the worker started it */
  started?: number;
  /** cancelled while it ran, and left to finish: its result goes nowhere */
  abandoned?: boolean;
}

/**
 * A cancelled job that has run less than this is left to finish (its result is dropped):
 * a lint of a large document takes tens of milliseconds, and starting a new thread costs
 * more than that. One that runs on past it is stopped with its thread.
 */
const FINISH_WITHIN_MS = 300;

/**
 * One worker thread for the large documents, with a queue. Cancelling a queued job drops it;
 * cancelling the running one rejects it at once, and ends the thread (JavaScript cannot
 * interrupt a running loop from outside) unless it finishes within FINISH_WITHIN_MS, as a
 * lint of the previous keystroke does; the next job starts on a fresh thread if need be. The thread has a heap limit, so input
 * that would exhaust memory costs that one lint, not the server.
 */
export class LintWorker {
  private worker: Worker | undefined;
  private running: PendingJob | undefined;
  private readonly queue: PendingJob[] = [];
  private nextId = 1;

  constructor(
    private readonly script: string,
    private readonly log: (message: string) => void,
  ) {}

  run<J extends LintJob>(job: J, token?: CancellationToken): Promise<JobResult<J>> {
    return new Promise((resolve, reject) => {
      if (token?.isCancellationRequested) {
        reject(new JobCancelled());
        return;
      }
      const pending: PendingJob = { id: this.nextId++, job, resolve: resolve as (result: unknown) => void, reject };
      token?.onCancellationRequested(() => this.cancel(pending));
      this.queue.push(pending);
      this.pump();
    });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private cancel(pending: PendingJob): void {
    const queued = this.queue.indexOf(pending);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      pending.reject(new JobCancelled());
    } else if (this.running === pending && !pending.abandoned) {
      pending.abandoned = true;
      pending.reject(new JobCancelled());
      const ranFor = performance.now() - (pending.started ?? 0);
      const stop = () => {
        if (this.running !== pending) return;
        this.running = undefined;
        this.dispose();
        this.pump();
      };
      if (ranFor >= FINISH_WITHIN_MS) stop();
      else setTimeout(stop, FINISH_WITHIN_MS - ranFor).unref();
    }
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const next = this.queue.shift()!;
    this.running = next;
    next.started = performance.now();
    this.thread().postMessage({ id: next.id, job: next.job });
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    worker.on('message', ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
      const pending = this.running;
      if (!pending || pending.id !== id) return;
      this.running = undefined;
      if (pending.abandoned) {
        // rejected when it was cancelled; nobody reads this
      } else if (error !== undefined) pending.reject(new Error(error));
      else pending.resolve(result);
      this.pump();
    });
    // Out of memory, or a crash: the job it ran fails, and the next job gets a new thread.
    const lost = (reason: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const pending = this.running;
      this.running = undefined;
      // a thread stopped on purpose (a cancelled job that ran on) is no news
      if (!pending?.abandoned) this.log(`Replylint's lint worker stopped: ${reason}`);
      pending?.reject(new Error(`the lint worker stopped: ${reason}`));
      this.pump();
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    this.worker = worker;
    return worker;
  }
}

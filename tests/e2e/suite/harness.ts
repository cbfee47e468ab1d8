// A tiny test runner for the extension host: named steps run in order, each bounded by a
// timeout, a report written where the outside runner asked for it. Small enough not to need
// mocha, and it reports in the plain "N passed, N failed" line that CI reads.
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';

type Step = { name: string; body: () => Promise<void>; timeoutMs: number };
export type StepResult = { name: string; ok: boolean; ms: number; error?: string };

const steps: Step[] = [];

/** Registers one step. Steps share state and run in the order they are declared. */
export function test(name: string, body: () => Promise<void>, timeoutMs = 30_000): void {
  steps.push({ name, body, timeoutMs });
}

/** Runs every step; a step after a failed one still runs, so one run shows every breakage. */
export async function runSteps(): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const step of steps) {
    const started = Date.now();
    try {
      await withTimeout(step.body(), step.timeoutMs, `step did not finish within ${step.timeoutMs} ms`);
      results.push({ name: step.name, ok: true, ms: Date.now() - started });
      console.log(`[e2e] ok   ${step.name} (${Date.now() - started} ms)`);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      results.push({ name: step.name, ok: false, ms: Date.now() - started, error: message });
      console.log(`[e2e] FAIL ${step.name}\n${message}`);
    }
  }
  const failed = results.filter((result) => !result.ok).length;
  console.log(`[e2e] ${results.length - failed} passed, ${failed} failed`);
  // The outside runner passes this path through code-server's environment, which the
  // extension host inherits; it prints the report, so nothing depends on console forwarding.
  const reportPath = process.env.REPLYLINT_E2E_REPORT;
  if (reportPath) writeFileSync(reportPath, JSON.stringify({ results }, null, 2));
  return results;
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function replylintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'replylint');
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  if (code === undefined) return '';
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return '(none)';
  return diagnostics
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.source ?? '?'}/${codeOf(d)} ${d.message}`)
    .join('\n  ');
}

/**
 * Resolves with the Replylint diagnostics of `uri` (or those `read` picks) once `accept` returns true for them: checked
 * at once, then on every diagnostics change of that document. Never a fixed sleep; the timeout
 * message shows what the document had instead.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 20_000,
  /** which diagnostics to wait on: Replylint's, unless another source's (the JSON language service's) are the point */
  read: (uri: vscode.Uri) => vscode.Diagnostic[] = replylintDiagnostics,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = read(uri);
      if (!accept(diagnostics)) return false;
      finish();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish();
      const all = vscode.languages.getDiagnostics(uri);
      reject(
        new Error(
          `timed out after ${timeoutMs} ms waiting for ${what} in ${uri.fsPath}; it has:\n  ${describeDiagnostics(all)}`,
        ),
      );
    }, timeoutMs);
    function finish(): void {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

/** The set of rule ids, sorted, for comparisons that read well in a failure message. */
export function codesOf(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return [...new Set(diagnostics.map(codeOf))].sort();
}

/** Resolves at the next change to `document`'s text; the timeout message names what was awaited. */
export function whenChanged(document: vscode.TextDocument, what: string, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const subscription = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document !== document || event.contentChanges.length === 0) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} in ${document.uri.fsPath}`));
    }, timeoutMs);
  });
}

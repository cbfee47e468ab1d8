import { resolve } from 'node:path';
import { BaselineMatcher, baselineEntries, findingFingerprint, type BaselineData, type BaselineEntry } from '../../shared/config/baseline';
import { shownPath } from '../config/ruleFileResolver';
import { baselineKey, readBaselineFile, writeBaselineFile } from '../config/baselineFile';
import type { CliOptions } from './cliOptions';
import { terminalText } from './terminalText';

type Located = { ruleId: string | null; start: number; end: number };

/**
 * `--baseline FILE`: findings the file accepts are not reported (nor counted for the exit
 * code), and entries that match no finding any more are listed, so the file does not rot.
 * With `--update-baseline`, every finding of the files linted is recorded instead (and none
 * reported); entries of files not linted this time stay.
 */
export class CliBaseline {
  private readonly matcher: BaselineMatcher | undefined;
  private readonly recorded = new Map<string, BaselineEntry[]>();
  private readonly linted = new Set<string>();

  private constructor(
    readonly path: string,
    private readonly previous: BaselineData | undefined,
    private readonly updating: boolean,
    private readonly cwd: string,
  ) {
    this.matcher = previous && !updating ? new BaselineMatcher(previous) : undefined;
  }

  /** The baseline of a run, none, or a line saying why it cannot be used (exit 2). */
  static open(options: Pick<CliOptions, 'baseline' | 'updateBaseline'>, cwd: string): CliBaseline | undefined | { problem: string } {
    if (options.baseline === undefined) return undefined;
    const path = resolve(cwd, options.baseline);
    const loaded = readBaselineFile(path);
    const shown = terminalText(shownPath(path, cwd));
    if ('error' in loaded) return { problem: `${shown}:${loaded.error.line}:${loaded.error.column}: ${loaded.error.message}` };
    if ('missing' in loaded && !options.updateBaseline) {
      return { problem: `${shown}: no such baseline; write one with --baseline ${terminalText(options.baseline)} --update-baseline` };
    }
    return new CliBaseline(path, 'data' in loaded ? loaded.data : undefined, options.updateBaseline, cwd);
  }

  /** The findings of a file left to report. */
  filter<T extends Located>(filePath: string, text: string, findings: T[]): T[] {
    const key = baselineKey(this.path, filePath);
    if (key === undefined) return findings;
    this.linted.add(key);
    if (this.updating) {
      this.recorded.set(key, baselineEntries(findings.map((f) => ({ ruleId: f.ruleId, fingerprint: f.ruleId ? findingFingerprint(f.ruleId, text, f.start, f.end) : '' }))));
      return findings.filter((finding) => !finding.ruleId);
    }
    return this.matcher ? this.matcher.filter(key, text, findings) : findings;
  }

  /** Writes the baseline (with --update-baseline) or reports its unused entries; lines for stderr. */
  finish(): string[] {
    const shown = terminalText(shownPath(this.path, this.cwd));
    if (this.updating) {
      const total = writeBaselineFile(this.path, this.previous, this.recorded);
      const now = [...this.recorded.values()].reduce((sum, entries) => sum + entries.reduce((n, e) => n + e.count, 0), 0);
      return [`${shown}: baselined ${now} ${now === 1 ? 'finding' : 'findings'} of the files linted (${total} in all)`];
    }
    const unused = this.matcher?.unused(this.linted) ?? [];
    if (unused.length === 0) return [];
    const count = unused.reduce((sum, entry) => sum + entry.count, 0);
    return [
      `${shown}: ${count} baseline ${count === 1 ? 'entry matches' : 'entries match'} no finding any more; --update-baseline drops ${count === 1 ? 'it' : 'them'}:`,
      ...unused.map((entry) => `  ${terminalText(entry.file)}  ${entry.rule}${entry.count > 1 ? ` ×${entry.count}` : ''}`),
    ];
  }
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FindingSeverity, LintConfig } from '../../shared';
import { writeFileAtomic } from './atomicWrite';
import type { EslintResult, FileReport } from './eslintResult';
import type { FileOutcome, FoundAs, Note } from './fileTask';

/** The first line of a cache file; another line (an older layout, another version) starts it afresh. */
const HEADER_FORMAT = 1;

/**
 * One file per line, fields split by tabs (JSON never holds a raw tab, and the path is a JSON
 * string): path, key, fixable, messages, errors, warnings, notes, severities, result. The
 * result stays text until a formatter needs its messages, and the json format never does.
 */
interface CacheLine {
  key: string;
  fixable: boolean;
  messages: number;
  errorCount: number;
  warningCount: number;
  notesJson: string;
  severitiesJson: string;
  resultJson: string;
  /** the line as read or made, written back as is */
  text: string;
}

/**
 * `--cache`: each file's outcome, kept under its path with a key made of the file's content
 * hash and the hash of the configuration it was linted with (rule files, --rule, --quiet, the
 * version), so a file whose bytes or rules changed is linted again and any other is not. Files
 * with findings are kept too; their report is the same until the bytes or rules change. A run
 * writes its own entries and keeps those of files it did not lint (another shard's).
 */
export class LintCache {
  private readonly lines = new Map<string, CacheLine>();
  private readonly configKeys = new Map<string, string>();
  private changed = false;

  private constructor(
    readonly location: string,
    private readonly header: string,
  ) {}

  /** Reads the cache at `location`; a missing, unreadable or other-version cache starts empty (with a note why). */
  static load(location: string, version: string): { cache: LintCache; warning?: string } {
    const cache = new LintCache(location, JSON.stringify({ replylintCache: HEADER_FORMAT, version }));
    let text: string;
    try {
      text = readFileSync(location, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { cache, warning: code === 'ENOENT' ? undefined : `cannot read the cache (${code ?? String(error)}); linting every file` };
    }
    const lines = text.split('\n');
    if (lines[0] !== cache.header) return { cache };
    for (let i = 1; i < lines.length; i++) {
      const fields = lines[i].split('\t');
      if (fields.length !== 9) continue;
      try {
        const [path, key, fixable, messages, errors, warnings, notesJson, severitiesJson, resultJson] = fields;
        cache.lines.set(JSON.parse(path) as string, {
          key,
          fixable: fixable === '1',
          messages: Number(messages),
          errorCount: Number(errors),
          warningCount: Number(warnings),
          notesJson,
          severitiesJson,
          resultJson,
          text: lines[i],
        });
      } catch {
        // A damaged line costs that file a lint, nothing more.
      }
    }
    return { cache };
  }

  /** The key of a file's bytes under a configuration. */
  keyOf(bytes: Uint8Array, config: LintConfig, how: FoundAs): string {
    const configJson = JSON.stringify(config);
    let configKey = this.configKeys.get(configJson);
    if (configKey === undefined) {
      configKey = createHash('sha256').update(`${this.header}\n${configJson}`).digest('hex').slice(0, 32);
      this.configKeys.set(configJson, configKey);
    }
    const content = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
    // A folder search's candidate is skipped when it holds no library; a named file fails then.
    return `${content}:${configKey}:${how === 'candidate' ? 'c' : 'n'}`;
  }

  /**
   * The kept outcome for this path and key, unless a fixing run must lint the file again (it
   * has safe fixes). `source` gives the file's text, asked for only when the result has messages.
   */
  get(filePath: string, key: string, fixing: boolean, source: () => string | undefined): FileOutcome | undefined {
    const line = this.lines.get(filePath);
    if (!line || line.key !== key || (fixing && line.fixable)) return undefined;
    const notes = JSON.parse(line.notesJson) as Note[];
    if (line.resultJson === 'null') return { notes };
    return { notes, report: cachedReport(line, line.messages > 0 ? source() : undefined) };
  }

  /** Keeps an outcome that holds for these bytes: not one that wrote fixes, failed, or came out of fixing. */
  set(filePath: string, key: string, outcome: FileOutcome): void {
    const result = outcome.report?.result;
    if (outcome.write !== undefined || outcome.notes.some((note) => note.fails) || result?.output !== undefined) return;
    // The source is the file's own text: it is read from the file again, not kept twice.
    const kept = result && { ...result };
    if (kept) delete kept.source;
    const line: Omit<CacheLine, 'text'> = {
      key,
      fixable: result !== undefined && result.fixableErrorCount + result.fixableWarningCount > 0,
      messages: result?.messages.length ?? 0,
      errorCount: result?.errorCount ?? 0,
      warningCount: result?.warningCount ?? 0,
      notesJson: JSON.stringify(outcome.notes),
      severitiesJson: JSON.stringify(outcome.report?.severities ?? []),
      resultJson: kept ? JSON.stringify(kept) : 'null',
    };
    const fields = [JSON.stringify(filePath), key, line.fixable ? '1' : '0', line.messages, line.errorCount, line.warningCount, line.notesJson, line.severitiesJson, line.resultJson];
    this.lines.set(filePath, { ...line, text: fields.join('\t') });
    this.changed = true;
  }

  /** Writes the cache atomically, if anything changed. */
  save(): void {
    if (!this.changed) return;
    writeFileAtomic(this.location, [this.header, ...[...this.lines.values()].map((line) => line.text)].join('\n'));
  }
}

/** A report whose result stays JSON until something reads its messages. */
function cachedReport(line: CacheLine, source: string | undefined): FileReport {
  let result: EslintResult | undefined;
  let severities: FindingSeverity[] | undefined;
  return {
    cached: { resultJson: line.resultJson, source, errorCount: line.errorCount, warningCount: line.warningCount },
    get result(): EslintResult {
      if (!result) {
        result = JSON.parse(line.resultJson) as EslintResult;
        if (source !== undefined) result.source = source;
      }
      return result;
    },
    get severities(): FindingSeverity[] {
      return (severities ??= JSON.parse(line.severitiesJson) as FindingSeverity[]);
    },
  };
}

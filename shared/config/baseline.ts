import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';

/**
 * Findings a team accepted, kept in a file of their own (never in the reply, so nothing internal
 * can reach a customer). A finding is known by its rule and a fingerprint of the sentence it is
 * in, normalised (case, spacing, punctuation), so it stays accepted when the reply is edited
 * elsewhere or its paragraphs move; `count` says how many such findings one file holds.
 */
export interface BaselineEntry {
  rule: string;
  fingerprint: string;
  count: number;
}

export interface BaselineData {
  /** by file, relative to the baseline file's folder, with "/" */
  files: Record<string, BaselineEntry[]>;
}

export interface BaselineProblem {
  start: number;
  end: number;
  message: string;
}

/** How far a sentence reaches around a finding: a line of a megabyte stays linear. */
const SENTENCE_REACH = 400;

/** The words of the sentence holding [start, end), lower case, one space apart. */
export function findingSentence(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && start - from < SENTENCE_REACH && !endsSentence(text, from - 1)) from--;
  let to = end;
  while (to < text.length && to - end < SENTENCE_REACH && !endsSentence(text, to)) to++;
  if (to < text.length) to++;
  const words = text.slice(from, to).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.join(' ');
}

function endsSentence(text: string, at: number): boolean {
  const char = text[at];
  if (char === '\n' || char === '\r') return true;
  return (char === '.' || char === '!' || char === '?') && (at + 1 >= text.length || /\s/.test(text[at + 1]));
}

/** A short, stable fingerprint (53-bit cyrb53, hex) of a rule and a normalised sentence. */
export function fingerprint(rule: string, sentence: string): string {
  const value = `${rule}\n${sentence}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** The fingerprint of one finding in a text. */
export function findingFingerprint(rule: string, text: string, start: number, end: number): string {
  return fingerprint(rule, findingSentence(text, start, end));
}

/** Reads a baseline file; a problem has the offsets of what is wrong. */
export function parseBaseline(text: string): { data?: BaselineData; problem?: BaselineProblem } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) {
    const [error] = errors;
    return { problem: { start: error.offset, end: error.offset + error.length, message: `not valid JSON: ${printParseErrorCode(error.error)}` } };
  }
  const whole = { start: 0, end: text.length };
  const value = JSON.parse(text.trim() === '' ? '{}' : text) as { files?: unknown };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: { ...whole, message: 'a baseline is an object with "files"' } };
  const files: Record<string, BaselineEntry[]> = {};
  for (const [file, entries] of Object.entries((value.files ?? {}) as Record<string, unknown>)) {
    const good =
      Array.isArray(entries) &&
      entries.every((entry) => typeof entry?.rule === 'string' && typeof entry?.fingerprint === 'string' && Number.isInteger(entry?.count) && entry.count > 0);
    if (!good) {
      const node = root?.children?.find((property) => property.children?.[0]?.value === 'files')?.children?.[1];
      const at = node?.children?.find((property) => property.children?.[0]?.value === file);
      return {
        problem: {
          ...(at ? { start: at.offset, end: at.offset + at.length } : whole),
          message: `the entries of "${file}" must each be { rule, fingerprint, count }`,
        },
      };
    }
    files[file] = entries as BaselineEntry[];
  }
  return { data: { files } };
}

/** The file's text: stable order (files, then rule, then fingerprint), so a change reads as a small diff. */
export function serialiseBaseline(data: BaselineData): string {
  const files: Record<string, BaselineEntry[]> = {};
  for (const file of Object.keys(data.files).sort()) {
    const entries = [...data.files[file]].sort((a, b) => a.rule.localeCompare(b.rule) || a.fingerprint.localeCompare(b.fingerprint));
    if (entries.length > 0) files[file] = entries.map(({ rule, fingerprint, count }) => ({ rule, fingerprint, count }));
  }
  const about =
    'Findings the team accepted: replylint --baseline uses this file, --update-baseline and the editor\'s "Ignore this finding" write it. ' +
    'Each entry is a rule and a fingerprint of the sentence it flagged; no reply text is kept here.';
  return `${JSON.stringify({ about, files }, null, 2)}\n`;
}

/** Adds the findings of one file to a baseline, replacing what it held for that file. */
export function baselineEntries(findings: Array<{ ruleId: string | null; fingerprint: string }>): BaselineEntry[] {
  const counts = new Map<string, BaselineEntry>();
  for (const finding of findings) {
    if (!finding.ruleId) continue;
    const key = `${finding.ruleId} ${finding.fingerprint}`;
    const entry = counts.get(key) ?? { rule: finding.ruleId, fingerprint: finding.fingerprint, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()];
}

/**
 * Drops the findings a baseline accepts, each entry at most `count` times, and remembers what
 * it used, so entries no finding matches any more can be reported.
 */
export class BaselineMatcher {
  private readonly remaining = new Map<string, Map<string, number>>();

  constructor(readonly data: BaselineData) {
    for (const [file, entries] of Object.entries(data.files)) {
      const left = new Map<string, number>();
      for (const entry of entries) left.set(`${entry.rule} ${entry.fingerprint}`, (left.get(`${entry.rule} ${entry.fingerprint}`) ?? 0) + entry.count);
      this.remaining.set(file, left);
    }
  }

  /** The findings of `file` the baseline does not accept, in their order. */
  filter<T extends { ruleId: string | null; start: number; end: number }>(file: string, text: string, findings: T[]): T[] {
    const left = this.remaining.get(file);
    if (!left) return findings;
    return findings.filter((finding) => {
      if (!finding.ruleId) return true;
      const key = `${finding.ruleId} ${findingFingerprint(finding.ruleId, text, finding.start, finding.end)}`;
      const count = left.get(key) ?? 0;
      if (count === 0) return true;
      left.set(key, count - 1);
      return false;
    });
  }

  /** Entries that matched no finding, by file, with how many went unused. */
  unused(files?: ReadonlySet<string>): Array<{ file: string; rule: string; count: number }> {
    const unused: Array<{ file: string; rule: string; count: number }> = [];
    for (const [file, left] of this.remaining) {
      if (files && !files.has(file)) continue;
      for (const [key, count] of left) if (count > 0) unused.push({ file, rule: key.split(' ')[0], count });
    }
    return unused;
  }
}

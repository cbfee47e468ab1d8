import { linkSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_FILE_NAMES } from '../../shared/config/ruleFile';
import { detectPlatform, ruleFileTemplate } from '../../shared/config/ruleFileTemplate';

export type CreatedRuleFile =
  | { created: true; path: string; platform?: string; detectedFrom?: number }
  | { created: false; path: string };

/** Enough files to tell a help desk by, without reading a whole library of thousands. */
const MAX_SAMPLED_FILES = 300;
const MAX_SAMPLED_BYTES = 1024 * 1024;
const SAMPLED = /\.(?:reply|json|ya?ml|md|markdown|html?|csv|tsv|txt)$/i;

/**
 * Writes a commented `.replylint.yaml` into `folder` (what `replylint --init` and the editor's
 * "Create Rule File" do), with the platform given, or the one the folder's files point to. Never
 * overwrites: a folder that has a rule file keeps it. The file appears whole or not at all: it is
 * written beside, then linked into place, which fails if a file got there first.
 */
export function createRuleFile(folder: string, platform?: string, detectedFrom?: number): CreatedRuleFile {
  const existing = existingRuleFile(folder);
  if (existing) return { created: false, path: existing };
  const detected = platform ? (detectedFrom ? { platform, files: detectedFrom } : undefined) : detectFolderPlatform(folder);
  const chosen = platform ?? detected?.platform;
  const path = join(folder, RULE_FILE_NAMES[0]);
  const temp = join(folder, `.replylint.yaml.${process.pid}.${Date.now()}.tmp`);
  writeFileSync(temp, ruleFileTemplate(chosen, detected?.files), { flag: 'wx' });
  try {
    linkSync(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { created: false, path };
    throw error;
  } finally {
    unlinkSync(temp);
  }
  return { created: true, path, platform: chosen, detectedFrom: detected?.files };
}

export function existingRuleFile(folder: string): string | undefined {
  return RULE_FILE_NAMES.map((name) => join(folder, name)).find(exists);
}

/** The help desk most of a folder's files point to, and how many did. */
export function detectFolderPlatform(folder: string): { platform: string; files: number } | undefined {
  return detectPlatform(sampleFiles(folder));
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function sampleFiles(folder: string): Array<{ fileName: string; text: string }> {
  const files: Array<{ fileName: string; text: string }> = [];
  const walk = (current: string, depth: number) => {
    if (files.length >= MAX_SAMPLED_FILES || depth > 6) return;
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch {
      return;
    }
    for (const entry of entries) {
      if (files.length >= MAX_SAMPLED_FILES) return;
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path, depth + 1);
      else if (entry.isFile() && SAMPLED.test(entry.name) && !/replylint\.(?:ya?ml|json)$/i.test(entry.name)) {
        try {
          if (statSync(path).size <= MAX_SAMPLED_BYTES) files.push({ fileName: entry.name, text: readFileSync(path, 'utf8') });
        } catch {
          // unreadable: no evidence
        }
      }
    }
  };
  walk(folder, 0);
  return files;
}

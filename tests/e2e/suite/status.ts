// The extension's language status item, read through what activate() returns (the item itself
// lives in the workbench, out of the extension host's reach; the runner checks it on the page).
import { readdirSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ReplylintApi } from '../../../client/extension';
import type { StatusView } from '../../../client/languageStatus';

export type { StatusView };

export function statusApi(): ReplylintApi['status'] {
  const api = vscode.extensions.getExtension<ReplylintApi>('replylint.replylint')?.exports;
  if (!api?.status) throw new Error('the extension exports no status: activate() must return { status }');
  return api.status;
}

/**
 * Resolves with the status once `accept` takes it: checked at once, then on every change.
 * Every view it passed through meanwhile is kept in `seen`, for steps that check a sequence.
 */
export function waitForStatus(
  accept: (view: StatusView) => boolean,
  what: string,
  timeoutMs = 20_000,
  seen: StatusView[] = [],
): Promise<StatusView> {
  const status = statusApi();
  return new Promise((resolve, reject) => {
    const check = (view: StatusView): boolean => {
      seen.push(view);
      if (!accept(view)) return false;
      finish();
      resolve(view);
      return true;
    };
    const subscription = status.onDidChange(check);
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for the status ${what}; it went through:\n  ${seen.map(describe).join('\n  ')}`));
    }, timeoutMs);
    function finish(): void {
      clearTimeout(timer);
      subscription.dispose();
    }
    check(status.current);
  });
}

/** Records every status view from now on, until stop() is called. */
export function recordStatus(): { seen: StatusView[]; stop: () => void } {
  const seen: StatusView[] = [];
  const subscription = statusApi().onDidChange((view) => seen.push(view));
  return { seen, stop: () => subscription.dispose() };
}

export function describe(view: StatusView): string {
  return `${view.state}: ${view.text} — ${view.detail}${view.busy ? ' (busy)' : ''}`;
}

/** The language server the extension host started: its child running dist/server.js (Linux /proc). */
export function serverPid(): number | undefined {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== process.pid) continue;
      if (/dist[/\\]server\.js/.test(readFileSync(`/proc/${name}/cmdline`, 'utf8'))) return Number(name);
    } catch {
      // ended meanwhile
    }
  }
  return undefined;
}

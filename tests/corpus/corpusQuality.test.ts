import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../shared/index';
// @ts-expect-error evaluate.mjs is a plain ESM script shared with `npm run eval`
import { evaluate, loadCorpus } from './evaluate.mjs';

/**
 * Quality floor on the tuning corpora (replies.jsonl, tuning2.jsonl, tuning3.jsonl). The figures are
 * reply-level; `npm run eval -- --errors` shows what is missed or wrongly flagged. The
 * floor sits a little under today's figures so a regression fails here instead of on a
 * customer's reply. The blind holdout corpus is deliberately not a test: it is read for
 * its aggregate figures only, so nobody tunes to it.
 */
interface Metric {
  precision: number;
  f1: number;
}

for (const corpus of ['replies.jsonl', 'tuning2.jsonl', 'tuning3.jsonl']) {
  describe(`labelled corpus ${corpus}`, () => {
    const { metrics, crashes } = evaluate(loadCorpus(join(__dirname, corpus)), lint) as {
      metrics: Record<string, Metric>;
      crashes: unknown[];
    };

    it('lints every reply without an exception', () => {
      expect(crashes).toEqual([]);
    });

    it.each([
      ['scripted', 0.95, 0.9],
      ['blameDefensive', 0.95, 0.9],
      ['missingThanks', 0.95, 0.95],
    ])('%s: precision ≥ %s and F1 ≥ %s', (category, precision, f1) => {
      const metric = metrics[category];
      expect(metric.precision, `${category} precision`).toBeGreaterThanOrEqual(precision);
      expect(metric.f1, `${category} F1`).toBeGreaterThanOrEqual(f1);
    });
  });
}

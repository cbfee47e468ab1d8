import { describe, expect, it } from 'vitest';
import type { ConfigurationParams } from 'vscode-languageserver-protocol';
import { normaliseSettings } from '../../server/lsp/settings';
import { unknownRuleMessage } from '../../server/lsp/unknownRuleIds';
import { closestRuleId } from '../../shared/index';
import { DEFENSIVE_REPLY, DEFENSIVE_REPLY_FLAGS } from './fixtures';
import { LspTestClient, uniqueUri } from './lspClient';

const allRules = Object.keys(DEFENSIVE_REPLY_FLAGS).sort();

describe('settings', () => {
  it('a client without workspace/configuration still gets diagnostics, with the defaults', async () => {
    const client = await LspTestClient.start({ configuration: false });
    try {
      const uri = uniqueUri('no-configuration');
      await client.open(uri, DEFENSIVE_REPLY);
      const { diagnostics } = await client.diagnosticsFor(uri, 1);
      expect(diagnostics.map((d) => d.code).sort()).toEqual(allRules);
    } finally {
      await client.stop();
    }
  });

  it('a client without workspace/configuration can push them in didChangeConfiguration', async () => {
    const client = await LspTestClient.start({ configuration: false });
    try {
      const uri = uniqueUri('pushed');
      await client.open(uri, DEFENSIVE_REPLY);
      await client.diagnosticsFor(uri, 1);
      const before = client.published.length;
      await client.configurationChanged({ replylint: { rules: { 'require-thanks': 'off' } } });
      const relinted = await client.diagnosticsFor(uri, 1, before);
      expect(relinted.diagnostics.map((d) => d.code).sort()).toEqual(allRules.filter((id) => id !== 'require-thanks'));
    } finally {
      await client.stop();
    }
  });

  it('are pulled per resource, and a rule set to off is not reported', async () => {
    const asked: ConfigurationParams[] = [];
    const client = await LspTestClient.start({
      configuration: (params) => {
        asked.push(params);
        return params.items.map(() => ({ rules: { 'require-thanks': 'off' } }));
      },
    });
    try {
      const uri = uniqueUri('rule-off');
      await client.open(uri, DEFENSIVE_REPLY);
      const { diagnostics } = await client.diagnosticsFor(uri, 1);
      expect(diagnostics.map((d) => d.code).sort()).toEqual(allRules.filter((id) => id !== 'require-thanks'));
      expect(asked[0].items).toEqual([{ scopeUri: uri, section: 'replylint' }]);
    } finally {
      await client.stop();
    }
  });

  it('replylint.lintDelay waits after typing, so a burst of keystrokes is linted once, at its last version', async () => {
    const client = await LspTestClient.start({ configuration: (params) => params.items.map(() => ({ lintDelay: 2000 })) });
    try {
      const uri = uniqueUri('lint-delay');
      await client.open(uri, DEFENSIVE_REPLY);
      await client.diagnosticsFor(uri, 1);
      const before = client.published.length;
      // three keystrokes sent together, well inside the delay
      for (const ch of ['O', 'k', '.']) await client.change(uri, [{ text: `${client.text(uri)}${ch}` }]);
      const last = await client.diagnosticsFor(uri, 4, before);
      expect(last.version).toBe(4);
      expect(client.published.slice(before).map((p) => p.version)).toEqual([4]);
    } finally {
      await client.stop();
    }
  });

  it('replylint.preset strict turns on the opt-in rules; replylint.platform is the help desk of replies that name none', async () => {
    const client = await LspTestClient.start({
      configuration: (params) => params.items.map(() => ({ preset: 'strict', platform: 'zendesk' })),
    });
    try {
      const uri = uniqueUri('strict');
      const text = 'Hi {%customer.firstName%}, thanks. The charger ships today. Why not upgrade to our premium plan?';
      await client.open(uri, text);
      const { diagnostics } = await client.diagnosticsFor(uri, 1);
      const flagged = diagnostics.map((d) => [d.code, text.slice(d.range.start.character, d.range.end.character)]);
      expect(flagged).toEqual([
        ['valid-placeholders', '{%customer.firstName%}'],
        ['no-push-selling', 'Why not upgrade to our premium plan'],
      ]);
    } finally {
      await client.stop();
    }
  });

  it('are pulled again when they change, and open documents are linted again', async () => {
    let current: unknown = {};
    const client = await LspTestClient.start({ configuration: (params) => params.items.map(() => current) });
    try {
      const uri = uniqueUri('settings-change');
      await client.open(uri, DEFENSIVE_REPLY);
      expect((await client.diagnosticsFor(uri, 1)).diagnostics).toHaveLength(4);

      current = { rules: { 'no-blame': 'info', 'require-thanks': 'off' } };
      let before = client.published.length;
      await client.configurationChanged();
      const relinted = await client.diagnosticsFor(uri, 1, before);
      expect(relinted.diagnostics.map((d) => d.code).sort()).toEqual(['no-blame', 'no-defensive', 'no-scripted-phrase']);
      expect(relinted.diagnostics.find((d) => d.code === 'no-blame')?.severity).toBe(3);

      current = { enable: false };
      before = client.published.length;
      await client.configurationChanged();
      expect((await client.diagnosticsFor(uri, 1, before)).diagnostics).toEqual([]);
    } finally {
      await client.stop();
    }
  });

  it('with run: onSave, saving lints the new version', async () => {
    const client = await LspTestClient.start({ configuration: (params) => params.items.map(() => ({ run: 'onSave' })) });
    try {
      const uri = uniqueUri('on-save');
      await client.open(uri, 'Thanks, Ana.');
      expect((await client.diagnosticsFor(uri, 1)).diagnostics).toEqual([]);
      const version = await client.change(uri, [
        { range: { start: { line: 0, character: 12 }, end: { line: 0, character: 12 } }, text: ' As I said, it is fixed.' },
      ]);
      await client.save(uri);
      const saved = await client.diagnosticsFor(uri, version);
      expect(saved.diagnostics.map((d) => d.code)).toEqual(['no-defensive']);
    } finally {
      await client.stop();
    }
  });
});

describe('an unknown rule id in replylint.rules', () => {
  it('is reported once, in the output and as a warning, with the id it most likely meant', async () => {
    const client = await LspTestClient.start({
      configuration: (params) => params.items.map(() => ({ rules: { 'no-blam': 'off', 'acme/no-kindly': 'error', 'no-defensive': 'off' } })),
    });
    try {
      const first = uniqueUri('unknown-rule');
      await client.open(first, DEFENSIVE_REPLY);
      const { diagnostics } = await client.diagnosticsFor(first, 1);
      // What is known still applies; what is not changes nothing.
      expect(diagnostics.map((d) => d.code).sort()).toEqual(['no-blame', 'no-scripted-phrase', 'require-thanks']);
      const warning = await client.notification('window/showMessage', (p: { message: string }) => p.message.includes('no-blam”'));
      expect(warning.params.type).toBe(2); // Warning
      expect(warning.params.message).toBe('Replylint has no rule “no-blam”, so replylint.rules["no-blam"] changes nothing. Did you mean “no-blame”?');
      await client.notification('window/showMessage', (p: { message: string }) => p.message.includes('“acme/no-kindly”'));
      const logged = await client.notification('window/logMessage', (p: { message: string }) => p.message.includes('“no-blam”'));
      expect(logged.params.message).toContain(`(settings of ${first})`);

      // A second document and a settings change pull the same settings again: no new warning.
      const second = uniqueUri('unknown-rule-again');
      await client.open(second, DEFENSIVE_REPLY);
      await client.diagnosticsFor(second, 1);
      const before = client.published.length;
      await client.configurationChanged();
      await client.diagnosticsFor(second, 1, before);
      const shown = client.notifications.filter((n) => n.method === 'window/showMessage');
      expect(shown.map((n) => n.params.message as string).filter((m) => m.includes('no-blam”'))).toHaveLength(1);
      expect(shown).toHaveLength(2);
    } finally {
      await client.stop();
    }
  });

  it('suggests the id a typo or a missing prefix most likely meant, and nothing when none is near', () => {
    const known = ['no-scripted-phrase', 'no-blame', 'no-defensive', 'require-thanks'];
    expect(closestRuleId('no-blam', known)).toBe('no-blame');
    expect(closestRuleId('blame', known)).toBe('no-blame');
    expect(closestRuleId('require_thanks', known)).toBe('require-thanks');
    expect(closestRuleId('thanks', known)).toBe('require-thanks');
    expect(closestRuleId('no-scripted-phrases', known)).toBe('no-scripted-phrase');
    expect(closestRuleId('acme/no-kindly', known)).toBeUndefined();
    expect(unknownRuleMessage('acme/no-kindly', known)).toBe('Replylint has no rule “acme/no-kindly”, so replylint.rules["acme/no-kindly"] changes nothing.');
  });
});

describe('normaliseSettings', () => {
  it('fills defaults and drops invalid values, saying what it ignored', () => {
    expect(normaliseSettings(null)).toEqual({
      settings: { enable: true, run: 'onType', preset: 'recommended', rules: {}, platform: '', lintDelay: 0 },
      problems: [],
    });
    const { settings, problems } = normaliseSettings({
      enable: 'yes',
      run: 'sometimes',
      preset: 'loose',
      rules: { 'no-blame': 'error', 'no-defensive': 'loud' },
      platform: 'zendeks',
      lintDelay: -5,
    });
    expect(settings).toEqual({ enable: true, run: 'onType', preset: 'recommended', rules: { 'no-blame': 'error' }, platform: '', lintDelay: 0 });
    expect(problems).toHaveLength(6);
    expect(problems[5]).toMatch(/lintDelay must be a number of milliseconds/);
    expect(normaliseSettings({ preset: 'strict' }).settings.preset).toBe('strict');
    expect(normaliseSettings({ platform: 'helpscout' }).settings.platform).toBe('helpscout');
    expect(normaliseSettings({ lintDelay: 250 }).settings.lintDelay).toBe(250);
  });
});

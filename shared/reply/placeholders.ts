/**
 * Placeholders of the help-desk dialects (BRIEF §3). They are the platform's words,
 * not the agent's: the tone rules never see them, and they are kept as one opaque
 * token so a phrase never matches across one.
 */
export type PlaceholderDialect = 'liquid' | 'liquid-tag' | 'helpscout' | 'zoho' | 'intercom-html';

export interface Placeholder {
  start: number;
  end: number;
  dialect: PlaceholderDialect;
}

const PLACEHOLDER_PATTERN =
  /\{\{[^{}\n]{0,200}\}\}|\{%[^%\n]{0,200}%\}|\$\{[^{}\n]{1,100}\}|<attribute\b[^>\n]{0,200}\/?>/g;

export function findPlaceholders(text: string, from = 0, to = text.length): Placeholder[] {
  const found: Placeholder[] = [];
  PLACEHOLDER_PATTERN.lastIndex = from;
  for (let m = PLACEHOLDER_PATTERN.exec(text); m && m.index < to; m = PLACEHOLDER_PATTERN.exec(text)) {
    const raw = m[0];
    const dialect: PlaceholderDialect = raw.startsWith('{{')
      ? 'liquid'
      : raw.startsWith('{%')
        ? /^\{%\s*customer\.|fallback=/.test(raw) ? 'helpscout' : 'liquid-tag'
        : raw.startsWith('${')
          ? 'zoho'
          : 'intercom-html';
    found.push({ start: m.index, end: m.index + raw.length, dialect });
  }
  return found;
}

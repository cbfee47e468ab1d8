import { placeholderPlatforms, placeholdersFor, type PlatformPlaceholders } from '../placeholders/platformPlaceholders';
import type { ReplyStructure } from '../reply/segmentReply';
import type { ActiveRule } from './ruleKinds';
import type { Finding, ReplyContext } from './types';

/**
 * The `placeholders` kind: what would reach the customer broken. Code, because it reads the
 * placeholders against each help desk's variables (shared/placeholders/*.yaml), not words:
 * a placeholder written in another help desk's dialect, a misspelt variable or another help desk's
 * name for it, a name with no fallback where the dialect has one, `{{`/`{%`/`${` left open, and the
 * fill-in markers of a template ("[Customer Name]", "<insert issue>", "XXX", "INSERT NAME HERE").
 *
 * A variable the data does not know, and that is not a near miss of one it knows, is left alone:
 * the vendors document more variables (and teams add custom fields) than the data lists.
 */
export function placeholderFindings(rule: ActiveRule, reply: ReplyStructure, context: ReplyContext): Finding[] {
  const platform = context.platform ? placeholdersFor(context.platform) : undefined;
  const findings: Finding[] = [];
  const report = (start: number, end: number, message: string, fix?: { title: string; text: string }) =>
    findings.push({
      ruleId: rule.definition.id,
      severity: rule.severity,
      message,
      start,
      end,
      fix: fix && { title: fix.title, edits: [{ start, end, text: fix.text }] },
      suggestions: [],
    });
  const { text } = reply;
  for (const region of checkedRegions(reply)) {
    const covered: Array<{ start: number; end: number }> = [];
    WELL_FORMED.lastIndex = region.start;
    for (let m = WELL_FORMED.exec(text); m && m.index < region.end; m = WELL_FORMED.exec(text)) {
      const end = m.index + m[0].length;
      if (end > region.end) break;
      covered.push({ start: m.index, end });
      if (platform) checkPlaceholder(m[0], m.index, platform, report);
    }
    // Both lists run in text order, so one pass over each keeps this linear on any input.
    let next = 0;
    let reportedUpTo = -1;
    STRAY.lastIndex = region.start;
    for (let m = STRAY.exec(text); m && m.index < region.end; m = STRAY.exec(text)) {
      while (next < covered.length && covered[next].end <= m.index) next++;
      if ((next < covered.length && covered[next].start <= m.index) || m.index < reportedUpTo) continue;
      const opens = m[0] !== '}}' && m[0] !== '%}';
      const [start, end] = opens ? [m.index, runEnd(text, m.index, region.end)] : [runStart(text, m.index, region.start), m.index + 2];
      report(
        start,
        end,
        opens
          ? `“${m[0]}” opens a placeholder that never closes, so the customer would see “${text.slice(start, end)}” as typed; close it or remove it.`
          : `“${m[0]}” closes a placeholder that never opened, so the customer would see “${text.slice(start, end)}” as typed; fix its opening.`,
      );
      // A run already reported is not reported again for its other half.
      reportedUpTo = end;
    }
    leftovers(text, region, platform, (start, end, fix) =>
      report(start, end, rule.definition.message.replace(/\{match\}/g, text.slice(start, end)), fix),
    );
  }
  return findings.sort((a, b) => a.start - b.start);
}

const WELL_FORMED = /\{\{[^{}\n]{1,200}\}\}|\{%[^%\n]{1,200}%\}|\$\{[^{}\n]{1,100}\}/g;
const STRAY = /\{\{|\}\}|\{%|%\}|\$\{/g;

/** Everything that is sent, minus quoted history (someone else's words) and code (a program's syntax). */
function checkedRegions(reply: ReplyStructure): Array<{ start: number; end: number }> {
  const { text } = reply;
  const start = reply.frontMatter?.end ?? 0;
  const skipped = [...reply.quotes];
  const code = /```[\s\S]*?(?:```|$)|`[^`\n]+`/g;
  code.lastIndex = start;
  for (let m = code.exec(text); m; m = code.exec(text)) skipped.push({ start: m.index, end: m.index + m[0].length });
  skipped.sort((a, b) => a.start - b.start);
  const regions: Array<{ start: number; end: number }> = [];
  let from = start;
  for (const span of skipped) {
    if (span.start > from) regions.push({ start: from, end: span.start });
    from = Math.max(from, span.end);
  }
  if (from < text.length) regions.push({ start: from, end: text.length });
  return regions;
}

type Report = (start: number, end: number, message: string, fix?: { title: string; text: string }) => void;
type Dialect = 'liquid' | 'helpscout' | 'zoho';

const DIALECT_NAMES: Record<Dialect, string> = { liquid: 'the Liquid way', helpscout: 'the Help Scout way', zoho: 'the Zoho Desk way' };
const DIALECT_FORMS: Record<Dialect, string> = { liquid: '{{…}}', helpscout: '{%…%}', zoho: '${…}' };
const PLATFORM_NAMES: Record<string, string> = {
  zendesk: 'Zendesk', freshdesk: 'Freshdesk', helpscout: 'Help Scout', intercom: 'Intercom', front: 'Front',
  gorgias: 'Gorgias', zoho: 'Zoho Desk',
};
/** Liquid's own tags, which every Liquid help desk accepts inside {% %}. */
const LIQUID_TAGS = /^\s*-?\s*(?:if|elsif|else|endif|unless|endunless|for|endfor|case|when|endcase|assign|capture|endcapture|comment|endcomment|raw|endraw|break|continue|cycle|increment|decrement|render|include|liquid|echo)\b/;

interface ReadPlaceholder {
  dialect: Dialect;
  /** the variable, and where it sits in the placeholder (undefined for a Liquid tag or an expression) */
  variable?: { name: string; offset: number };
  hasFallback: boolean;
}

function readPlaceholder(raw: string): ReadPlaceholder {
  if (raw.startsWith('${')) return { dialect: 'zoho', variable: variableAt(raw, 2, raw.length - 1, /^[A-Za-z_][\w]*\.[\w ]*\w$/), hasFallback: false };
  if (raw.startsWith('{%')) {
    const inner = raw.slice(2, -2);
    if (LIQUID_TAGS.test(inner)) return { dialect: 'liquid', hasFallback: false };
    const comma = inner.indexOf(',');
    const variable = variableAt(raw, 2, comma < 0 ? raw.length - 2 : 2 + comma, /^[A-Za-z_]\w*(?:\.\w+)+$/);
    const hasFallback = /,\s*fallback\s*=/.test(inner);
    // Anything else between {% %} is a Liquid tag this list does not name.
    return variable || hasFallback ? { dialect: 'helpscout', variable, hasFallback } : { dialect: 'liquid', hasFallback: false };
  }
  const inner = raw.slice(2, -2);
  const pipe = inner.indexOf('|');
  return {
    dialect: 'liquid',
    variable: variableAt(raw, 2, pipe < 0 ? raw.length - 2 : 2 + pipe, /^[A-Za-z_]\w*(?:\.\w+)*$/),
    hasFallback: /\|\s*(?:fallback|default)\s*:/.test(inner),
  };
}

/** The trimmed variable name between `from` and `to` of `raw`, when it looks like one. */
function variableAt(raw: string, from: number, to: number, shape: RegExp): { name: string; offset: number } | undefined {
  const slice = raw.slice(from, to);
  const name = slice.trim();
  if (!shape.test(name)) return undefined;
  return { name, offset: from + slice.indexOf(name) };
}

function checkPlaceholder(raw: string, at: number, platform: PlatformPlaceholders, report: Report): void {
  const read = readPlaceholder(raw);
  const here = PLATFORM_NAMES[platform.platform] ?? platform.platform;
  const end = at + raw.length;
  if (read.dialect !== platform.dialect) {
    // Another help desk's customer first name has one clear counterpart here.
    const greeting = read.variable && isCustomerFirstName(read.variable.name) ? platform.greeting : undefined;
    report(
      at,
      end,
      `“${raw}” is written ${DIALECT_NAMES[read.dialect]}; ${here} fills in only ${DIALECT_FORMS[platform.dialect as Dialect]} placeholders, so the customer would see it as typed.`,
      greeting ? { title: `Replace with “${greeting}”`, text: greeting } : undefined,
    );
    return;
  }
  const variable = read.variable;
  if (!variable) return;
  const known = platform.variables.find((candidate) => candidate.name === variable.name);
  if (known) {
    if (known.needsFallback && !read.hasFallback) {
      const withFallback = addFallback(raw, platform.dialect as Dialect);
      report(at, end, `“${raw}” has no fallback, so a customer without a name on file would read “Hi ,”; add one.`, {
        title: `Replace with “${withFallback}”`,
        text: withFallback,
      });
    }
    return;
  }
  const elsewhere = placeholderPlatforms().find(
    (name) => name !== platform.platform && placeholdersFor(name)!.dialect === platform.dialect && placeholdersFor(name)!.variables.some((v) => v.name === variable.name),
  );
  const intended =
    elsewhere && isCustomerFirstName(variable.name) ? variableOf(platform.greeting) : nearest(variable.name, platform.variables.map((v) => v.name));
  if (!elsewhere && !intended) return;
  const replacement = intended === undefined ? undefined : raw.slice(0, variable.offset) + intended + raw.slice(variable.offset + variable.name.length);
  const why = elsewhere
    ? `“${variable.name}” is ${PLATFORM_NAMES[elsewhere]}'s name for it, not ${here}'s`
    : `${here} has no “${variable.name}”`;
  report(
    at,
    end,
    `${why}, so the customer would see “${raw}” as typed${intended ? `; ${here} calls it “${intended}”` : ''}.`,
    replacement === undefined ? undefined : { title: `Replace with “${replacement}”`, text: replacement },
  );
}

/** The variable in a placeholder as the data writes it: `{{ticket.requester.first_name}}` → `ticket.requester.first_name`. */
function variableOf(placeholder: string): string | undefined {
  return readPlaceholder(placeholder).variable?.name;
}

/** Whether `name` is some help desk's placeholder for the customer's first name. */
function isCustomerFirstName(name: string): boolean {
  return placeholderPlatforms().some((platform) => variableOf(placeholdersFor(platform)!.greeting) === name);
}

function addFallback(raw: string, dialect: Dialect): string {
  return dialect === 'helpscout' ? `${raw.slice(0, -2)},fallback=there%}` : `${raw.slice(0, -2).trimEnd()} | fallback: "there"}}`;
}

/**
 * The one known variable a name is a slip of: the same segments but one, and that one the same but
 * for case and underscores ("first_name" / "firstName" / "firstname") or one edit away (two for a
 * segment of eight letters or more): "ticket.requestr.first_name". A different last word of the
 * same length is another variable ("current_user.email", not "current_user.name"), and two
 * candidates as close mean it is a slip of neither.
 */
function nearest(name: string, known: string[]): string | undefined {
  const squash = (value: string) => value.toLowerCase().replace(/_/g, '');
  const segments = name.split('.');
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const candidate of known) {
    const theirs = candidate.split('.');
    if (theirs.length !== segments.length) continue;
    const differing = segments.flatMap((segment, i) => (segment === theirs[i] ? [] : [i]));
    if (differing.length !== 1) continue;
    const [mine, other] = [segments[differing[0]], theirs[differing[0]]];
    const allowed = Math.min(mine.length, other.length) >= 8 ? 2 : 1;
    const distance = squash(mine) === squash(other) ? 0 : editDistance(mine.toLowerCase(), other.toLowerCase(), allowed);
    if (distance > allowed) continue;
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance) tie = true;
  }
  return best !== undefined && !tie ? best : undefined;
}

function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** From an opening `{{` to the end of what was typed after it, on its line. */
function runEnd(text: string, from: number, limit: number): number {
  let end = from + 2;
  while (end < limit && end - from < 60 && !/\s/.test(text[end])) end++;
  return end;
}

/** From the start of what was typed before a closing `}}`, on its line. */
function runStart(text: string, closer: number, limit: number): number {
  let start = closer;
  while (start > limit && closer - start < 60 && !/\s/.test(text[start - 1])) start--;
  return start;
}

/**
 * Words that mark a blank of a template: "[Customer Name]", "<insert issue>", "{NAME}". A bracket
 * holding none of them ("[sic]", "[x]", a Markdown link) is text.
 */
const BLANK_WORDS =
  '(?:customer|client|user|recipient|requester|contact|agent|rep)(?:\'?s)?[ _-]*(?:first[ _-]*|full[ _-]*|last[ _-]*)?name|(?:first|last|full|your|their|his|her|my)[ _-]*name|name|(?:insert|enter|add)\\s+[^\\s\\]>}][^\\]>}\\n]{0,60}|order[ _-]*(?:number|no|#|id)|ticket[ _-]*(?:number|no|#|id)|tracking[ _-]*(?:number|no|#|link)|case[ _-]*(?:number|no|#|id)|company[ _-]*name|product[ _-]*name|agent|date|amount|email(?:[ _-]*address)?|phone[ _-]*number|issue|reason';
/** A blank that describes what goes in it: "<name of the person who helped>", "[link to the guide]". */
const DESCRIBED_BLANK = '(?:name|link|url|date|number|details|description|summary|list)\\s+(?:of|to|for)\\s[^\\[\\]<>{}\\n]{1,60}';
/** Words that are also HTML elements (<time>, <link>, <details>) count in square brackets only. */
const SQUARE_ONLY = 'time|link|url|details?';
const BRACKETED = new RegExp(
  `(?<![!\\]\\w])\\[\\s*(?:${BLANK_WORDS}|${SQUARE_ONLY}|${DESCRIBED_BLANK})\\s*\\](?![(\\[:])|<\\s*(?:${BLANK_WORDS}|${DESCRIBED_BLANK})\\s*>|(?<![{$%])\\{\\s*(?:${BLANK_WORDS})\\s*\\}(?!\\})`,
  'gi',
);
/** Capitals only: "insert the card here" is an instruction, "INSERT LINK HERE" a blank. */
const SHOUTED = /\b(?:INSERT|ADD|ENTER|PUT)\b[A-Z0-9 _#'’-]{0,40}?\bHERE\b|\bFILL[ _-]IN\b|\bX{3,}\b/g;
/** A blank for the customer's name, which the platform's own placeholder fills in. */
const NAME_BLANK = /^[[<{]\s*(?:(?:customer|client|user|recipient|requester|contact)(?:'?s)?[ _-]*)?(?:first[ _-]*)?name\s*[\]>}]$/i;

function leftovers(
  text: string,
  region: { start: number; end: number },
  platform: PlatformPlaceholders | undefined,
  found: (start: number, end: number, fix?: { title: string; text: string }) => void,
): void {
  const slice = text.slice(region.start, region.end);
  for (const pattern of [BRACKETED, SHOUTED]) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(slice); m; m = pattern.exec(slice)) {
      // "{client_name}", "[ticket_id]": an identifier is some other tool's placeholder, not a blank.
      if (pattern === BRACKETED && /^.\s*[\w-]*_[\w-]*\s*.$/.test(m[0])) continue;
      const start = region.start + m.index;
      const fill = platform && NAME_BLANK.test(m[0]) ? platform.greeting : undefined;
      found(start, start + m[0].length, fill ? { title: `Replace with “${fill}”`, text: fill } : undefined);
    }
  }
}


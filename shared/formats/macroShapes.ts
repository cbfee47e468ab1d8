import type { SourceRange } from './embeddedText';
import { looksLikeHtml } from './htmlText';
import type { TreeEntry, TreeMap, TreeText, TreeValue } from './valueTree';

/** The help desk whose placeholder dialect a macro is written in (BRIEF §3). */
export type Platform = 'zendesk' | 'freshdesk' | 'helpscout' | 'intercom' | 'front' | 'gorgias' | 'zoho' | 'plain';

/** One macro found in a JSON or YAML library: its title and the texts a customer reads. */
export interface FoundMacro {
  title: string;
  titleRange: SourceRange;
  /** the whole macro (its object or mapping), for the outline */
  range: SourceRange;
  platform: Platform;
  bodies: FoundBody[];
}

export interface FoundBody {
  /** the field the text came from (`comment_value`, `chatText`, …) */
  field: string;
  value: TreeText;
  /** the text is HTML: tags and entities are decoded before linting */
  html: boolean;
  channel?: 'chat';
}

/**
 * Keys repeat in every macro of an export (`title`, `actions`, `value`): each is normalised
 * once. Bounded, since a locale file's keys are mostly unique.
 */
const normalizedKeys = new Map<string, string>();

/** `chatText` → `chat_text`, `stale-issue-message` → `stale_issue_message`. */
function normalizeKey(key: string): string {
  let normalized = normalizedKeys.get(key);
  if (normalized === undefined) {
    normalized = key
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .toLowerCase()
      .replace(/[-\s.]+/g, '_');
    if (normalizedKeys.size > 10_000) normalizedKeys.clear();
    normalizedKeys.set(key, normalized);
  }
  return normalized;
}

/** Fields that are a macro's name wherever they appear. */
const NAME_KEYS = ['title', 'name', 'template_name', 'macro_name'];
/** Fields that name a macro only when its key is an id: in label-action files `label` is an action, and the key is the title. */
const WEAK_NAME_KEYS = ['label', 'subject'];
const TITLE_KEYS = [...NAME_KEYS, ...WEAK_NAME_KEYS];
/** Fields that hold a reply in libraries no help desk exported: saved replies, label actions, bot messages. */
const BODY_KEYS = new Set([
  'body', 'text', 'content', 'comment', 'message', 'reply', 'response', 'answer', 'template', 'html',
  'body_text', 'body_html', 'content_html', 'text_body', 'html_body', 'text_body_template',
]);
const BODY_SUFFIX = /_(?:body|comment|message|reply|response|answer|template)$/;
/** Never a reply, whatever the suffix says: `subject_template`, `error_message_id`. */
const NOT_BODY = /(?:^|_)(?:subject|title|name|label|description|summary|id|url|link|alt|button|placeholder|hint|tooltip)(?:_|$)/;
/** Keys that name a slot, not a macro: the title is looked for one level up. */
const SLOT_KEYS = new Set(['with', 'arguments', 'attributes', 'data', 'fields', 'properties', 'params', 'options', 'config']);
const MAX_DEPTH = 16;

interface Context {
  key?: TreeEntry;
  index?: number;
  /** the map holding this value, and its own context */
  parent?: { map: TreeMap; context: Context };
}

/**
 * Every macro in a parsed JSON or YAML document, in file order. Help-desk exports are
 * recognised by their shapes (Zendesk actions, Gorgias setResponseText, Help Scout
 * chatText, …); anything else counts when a mapping has a reply-like field holding prose.
 */
export function findMacros(root: TreeValue | undefined): FoundMacro[] {
  const found: FoundMacro[] = [];
  if (root) visit(root, {}, 0, found);
  return found;
}

function visit(value: TreeValue, context: Context, depth: number, found: FoundMacro[]): void {
  if (depth > MAX_DEPTH) return;
  if (value.kind === 'map') {
    const macro = readMacro(value, context);
    if (macro) found.push(macro);
    // A help desk's macro holds no other macro; a mapping that merely has a reply-like
    // field (a locale file's top level) may hold many.
    if (macro && macro.platform !== 'plain') return;
    for (const entry of value.entries) visit(entry.value, { key: entry, parent: { map: value, context } }, depth + 1, found);
  } else if (value.kind === 'list') {
    value.items.forEach((item, index) => visit(item, { ...context, index }, depth + 1, found));
  }
}

function field(map: TreeMap, name: string): TreeValue | undefined {
  return map.entries.find((entry) => normalizeKey(entry.key) === name)?.value;
}

function textField(map: TreeMap, name: string): TreeText | undefined {
  const value = field(map, name);
  return value?.kind === 'text' && value.value.trim() !== '' ? value : undefined;
}

function readMacro(map: TreeMap, context: Context): FoundMacro | undefined {
  const shaped = zendesk(map) ?? gorgias(map) ?? knownExport(map);
  if (shaped) {
    const title = titleOf(map, context, shaped.titleKeys);
    return { ...title, range: map.range, platform: shaped.platform, bodies: shaped.bodies };
  }
  const bodies = genericBodies(map);
  if (bodies.length === 0) return undefined;
  const title = titleOf(map, context, NAME_KEYS, WEAK_NAME_KEYS);
  return { ...title, range: map.range, platform: 'plain', bodies };
}

interface Shape {
  platform: Platform;
  bodies: FoundBody[];
  titleKeys: string[];
}

/** Zendesk: the reply is the action whose field is comment_value_html or comment_value (text, or ["channel:all", text]). */
function zendesk(map: TreeMap): Shape | undefined {
  const actions = field(map, 'actions');
  if (actions?.kind !== 'list') return undefined;
  const bodies: FoundBody[] = [];
  for (const action of actions.items) {
    if (action.kind !== 'map') continue;
    const name = textField(action, 'field')?.value;
    if (name !== 'comment_value' && name !== 'comment_value_html') continue;
    const value = field(action, 'value');
    const text =
      value?.kind === 'text' ? value : value?.kind === 'list' ? [...value.items].reverse().find((item) => item.kind === 'text') : undefined;
    if (text?.kind !== 'text' || text.value.trim() === '') continue;
    bodies.push({ field: name, value: text, html: name === 'comment_value_html' || looksLikeHtml(text.value) });
  }
  if (bodies.length === 0) return undefined;
  // Both kept in an export are the same reply; Zendesk sends the HTML one.
  const preferred = bodies.filter((body) => body.field === 'comment_value_html');
  return { platform: 'zendesk', bodies: preferred.length > 0 ? preferred : bodies, titleKeys: ['title', 'raw_title'] };
}

/** Gorgias: the action named setResponseText carries body_html (sent) and body_text. */
function gorgias(map: TreeMap): Shape | undefined {
  const actions = field(map, 'actions');
  if (actions?.kind !== 'list') return undefined;
  const bodies: FoundBody[] = [];
  for (const action of actions.items) {
    if (action.kind !== 'map' || textField(action, 'name')?.value !== 'setResponseText') continue;
    const args = field(action, 'arguments');
    if (args?.kind !== 'map') continue;
    const html = textField(args, 'body_html');
    const text = textField(args, 'body_text');
    if (html) bodies.push({ field: 'body_html', value: html, html: true });
    else if (text) bodies.push({ field: 'body_text', value: text, html: looksLikeHtml(text.value) });
  }
  return bodies.length > 0 ? { platform: 'gorgias', bodies, titleKeys: ['name'] } : undefined;
}

/** Exports recognised by a field only their help desk uses. */
function knownExport(map: TreeMap): Shape | undefined {
  const has = (name: string) => field(map, name) !== undefined;
  const body = (name: string, html?: boolean): FoundBody[] => {
    const text = textField(map, name);
    return text ? [{ field: name, value: text, html: html ?? looksLikeHtml(text.value) }] : [];
  };
  if (has('chat_text')) {
    // Help Scout: one reply for e-mail, one for chat.
    const chat = body('chat_text').map((found): FoundBody => ({ ...found, channel: 'chat' }));
    return { platform: 'helpscout', bodies: [...body('text'), ...chat], titleKeys: ['name'] };
  }
  if (has('body_text') || has('visible_to') || has('available_on')) {
    const html = body('body', true);
    return { platform: 'intercom', bodies: html.length > 0 ? html : body('body_text'), titleKeys: ['name'] };
  }
  if (has('template_name')) return { platform: 'zoho', bodies: body('body'), titleKeys: ['template_name', 'subject'] };
  if (has('content_html') || has('folder_id')) {
    const html = body('content_html', true);
    return { platform: 'freshdesk', bodies: html.length > 0 ? html : body('content'), titleKeys: ['title'] };
  }
  if (has('is_available_for_all_inboxes') || (has('_links') && has('body'))) {
    return { platform: 'front', bodies: body('body', true), titleKeys: ['name', 'subject'] };
  }
  return undefined;
}

function genericBodies(map: TreeMap): FoundBody[] {
  const bodies: FoundBody[] = [];
  for (const entry of map.entries) {
    const key = normalizeKey(entry.key);
    if (NOT_BODY.test(key) || !(BODY_KEYS.has(key) || BODY_SUFFIX.test(key))) continue;
    const texts = entry.value.kind === 'text' ? [entry.value] : entry.value.kind === 'list' ? entry.value.items : [];
    for (const text of texts) {
      if (text.kind !== 'text' || !isProse(text.value)) continue;
      bodies.push({ field: entry.key, value: text, html: key.endsWith('html') || looksLikeHtml(text.value) });
    }
  }
  return bodies;
}

/** A reply has words: four or more, which keeps ids, slugs and one-word labels out. */
function isProse(text: string): boolean {
  return /(?:\p{L}{2,}[^\p{L}]+){3}\p{L}{2,}/u.test(text);
}

/**
 * The macro's own name field; else the key it is filed under when that reads as a name
 * (`'STATE: Need response'`, not `wporg-1`); else a weaker field (`label`); else any
 * key, looking past slot keys like `with` to the mapping that holds them.
 */
function titleOf(map: TreeMap, context: Context, keys: string[], weakKeys: string[] = []): { title: string; titleRange: SourceRange } {
  const fromField = (names: string[]) => {
    for (const name of names) {
      const text = textField(map, name);
      if (text) return { title: oneLine(text.value), titleRange: text.range };
    }
    return undefined;
  };
  const named = fromField(keys);
  if (named) return named;
  if (context.key && context.index === undefined && /[\s:]/.test(context.key.key.trim())) {
    return { title: oneLine(context.key.key), titleRange: context.key.keyRange };
  }
  const weak = fromField(weakKeys);
  if (weak) return weak;
  for (let level: Context | undefined = context; level; level = level.parent?.context) {
    if (level.key && !SLOT_KEYS.has(normalizeKey(level.key.key))) {
      const suffix = level.index !== undefined ? ` #${level.index + 1}` : '';
      return { title: `${oneLine(level.key.key)}${suffix}`, titleRange: level.key.keyRange };
    }
    const parentTitle = level.parent && TITLE_KEYS.map((key) => textField(level!.parent!.map, key)).find(Boolean);
    if (parentTitle) return { title: oneLine(parentTitle.value), titleRange: parentTitle.range };
  }
  const index = context.index ?? 0;
  return { title: `#${index + 1}`, titleRange: map.range };
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
}

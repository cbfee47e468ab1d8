import type { ReplyStructure } from '../reply/segmentReply';
import type { ActiveRule } from './ruleKinds';
import type { Finding, ReplyContext } from './types';

/**
 * The `length` kind: a reply longer than its channel carries. Code, because it counts rather than
 * matches: characters as the channel counts them (a web address is a fixed 23 on social networks,
 * which shorten every link; the @handles a reply opens with are free), over everything that is sent:
 * the reply after its front matter, signature included, quoted history not.
 */
export function lengthFindings(rule: ActiveRule, reply: ReplyStructure, context: ReplyContext): Finding[] {
  const channel = context.channel;
  if (!channel) return [];
  const limit = rule.definition.channels?.[channel];
  const override = rule.options[channel];
  const max = typeof override === 'number' && Number.isInteger(override) && override > 0 ? override : limit?.max;
  if (max === undefined) return [];
  const { text } = reply;
  const start = reply.frontMatter?.end ?? 0;
  const quoted = reply.quotes.length > 0 ? Math.min(...reply.quotes.map((quote) => quote.start)) : text.length;
  const end = start + text.slice(start, quoted).trimEnd().length;
  const urls = limit?.urlLength === undefined ? [] : webAddresses(text, start, end);
  let from = skipBlank(text, start, end);
  if (limit?.skipLeadingMentions) {
    const mentions = /^(?:@\w+[ \t]*)+/.exec(text.slice(from, Math.min(end, from + 2000)));
    if (mentions) from += mentions[0].length;
  }
  // A text message is sent in the GSM alphabet when it can be; one character outside it (an emoji,
  // a curly quote) sends the whole message in UCS-2, which holds fewer characters.
  const outside = limit?.unicodeMax === undefined ? undefined : firstOutsideGsm(text, from, end);
  const limitHere = outside === undefined ? max : Math.min(max, limit!.unicodeMax!);
  const width = (i: number) => (outside !== undefined ? (isHighSurrogateAt(text, i) ? 2 : 1) : limit?.unicodeMax !== undefined && GSM_EXTENSION.has(text[i]) ? 2 : 1);

  // Walk once, counting what the channel counts: code points (an emoji is one character, as people
  // and social networks count it), or GSM septets and UCS-2 units for a text message.
  let count = 0;
  let overAt = -1;
  let url = 0;
  for (let i = from; i < end; ) {
    if (url < urls.length && urls[url].start === i) {
      count += limit!.urlLength!;
      if (count > limitHere && overAt < 0) overAt = i;
      i = urls[url++].end;
      continue;
    }
    count += width(i);
    if (count > limitHere && overAt < 0) overAt = i;
    i += isHighSurrogateAt(text, i) ? 2 : 1;
  }
  if (count <= limitHere) return [];
  const because = outside === undefined ? '' : ` because “${String.fromCodePoint(text.codePointAt(outside)!)}” is not in the SMS alphabet`;
  const message = rule.definition.message
    .replace(/\{count\}/g, String(count))
    .replace(/\{max\}/g, String(limitHere))
    .replace(/\{over\}/g, String(count - limitHere))
    .replace(/\{because\}/g, because)
    .replace(/\{channel\}/g, channel);
  return [{ ruleId: rule.definition.id, severity: rule.severity, message, start: overAt, end, suggestions: [] }];
}

/** The GSM 03.38 alphabet of text messages; the extension characters take two of its slots. */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENSION = new Set('^{}\\[~]|€\f');

/** Where the first character outside the GSM alphabet is, if any. */
function firstOutsideGsm(text: string, from: number, end: number): number | undefined {
  for (let i = from; i < end; i++) if (!GSM_BASIC.has(text[i]) && !GSM_EXTENSION.has(text[i])) return i;
  return undefined;
}

/** Web addresses as the reply segmenter finds them, which social networks shorten to a fixed length. */
const WEB_ADDRESS = /\b(?:https?:\/\/|www\.)[^\s<>()"']+[^\s<>()"'.,;:!?]/gi;

function webAddresses(text: string, start: number, end: number): Array<{ start: number; end: number }> {
  const found: Array<{ start: number; end: number }> = [];
  const slice = text.slice(start, end);
  WEB_ADDRESS.lastIndex = 0;
  for (let m = WEB_ADDRESS.exec(slice); m; m = WEB_ADDRESS.exec(slice)) found.push({ start: start + m.index, end: start + m.index + m[0].length });
  return found;
}

/** Leading blank lines after the front matter are not sent. */
function skipBlank(text: string, from: number, end: number): number {
  while (from < end && /\s/.test(text[from])) from++;
  return from;
}

function isHighSurrogateAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
}

import { describe, expect, it } from 'vitest';
import { segmentReply } from '../../shared/index';

const slice = (text: string, span?: { start: number; end: number }) => (span ? text.slice(span.start, span.end) : undefined);

describe('segmentReply: only the agent’s own words are judged', () => {
  it('reads front matter, greeting, quoted history and signature', () => {
    const text = [
      '---',
      'channel: email',
      'platform: zendesk',
      '---',
      'Hi {{ticket.requester.first_name}},',
      '',
      'The fix is live.',
      '',
      '-- ',
      'Thanks, Ana',
    ].join('\n');
    const reply = segmentReply(text);
    expect(reply.frontMatter?.data).toEqual({ channel: 'email', platform: 'zendesk' });
    expect(slice(text, reply.greeting)).toBe('Hi {{ticket.requester.first_name}},');
    expect(text.slice(reply.bodyStart, reply.bodyStart + 3)).toBe('The');
    expect(slice(text, reply.signature)).toBe('-- \nThanks, Ana');
    expect(reply.placeholders.map((p) => p.dialect)).toEqual(['liquid']);
    expect(reply.masked).not.toContain('Thanks');
    expect(reply.masked.length).toBe(text.length);
  });

  it('drops everything from an "On … wrote:" header, even wrapped over two lines', () => {
    const text = 'Sure, done.\n\nOn Mon, Jan 3, 2025 at 10:02 AM Jane Doe <jane@example.com>\nwrote:\n> Thanks a lot!';
    const reply = segmentReply(text);
    expect(reply.quotes).toHaveLength(1);
    expect(reply.masked).not.toContain('Thanks');
  });

  it('drops ">" lines interleaved with the reply but keeps the lines between', () => {
    const text = '> Can you refund me?\nYes, I refunded it.\n> Thanks!\nYou are welcome.';
    const reply = segmentReply(text);
    expect(reply.quotes.map((quote) => slice(text, quote))).toEqual(['> Can you refund me?\n', '> Thanks!\n']);
    expect(reply.prose.map((span) => slice(text, span))).toEqual(['Yes, I refunded it.\n', 'You are welcome.']);
  });

  it('drops an Outlook original-message block', () => {
    const text = 'Done!\n\n-----Original Message-----\nFrom: Sam\nThanks';
    expect(segmentReply(text).masked).not.toContain('Thanks');
  });

  it('blanks placeholders of every dialect, URLs, handles and code but keeps offsets', () => {
    const text =
      'Hi {%customer.firstName,fallback=there%} ${Cases.Contact Name} {{first_name | fallback: "there"}} @acme see https://x.io/a?b=1 and `rm -rf`';
    const reply = segmentReply(text);
    expect(reply.placeholders.map((p) => p.dialect)).toEqual(['helpscout', 'zoho', 'liquid']);
    expect(reply.masked).not.toMatch(/customer|Cases|first_name|acme|https|rm -rf/);
    expect(reply.masked.length).toBe(text.length);
  });

  it('finds a greeting that shares its line with the body and one after a handle', () => {
    const inline = 'Hi Sam, the export failed.';
    expect(slice(inline, segmentReply(inline).greeting)).toBe('Hi Sam,');
    const social = '@sam_k hey there! Fixed now.';
    expect(slice(social, segmentReply(social).greeting)).toBe('@sam_k hey there!');
  });

  it('reports front matter that does not parse instead of throwing', () => {
    const text = '---\nchannel: [email\n---\nHello';
    const reply = segmentReply(text);
    expect(reply.frontMatter?.problems[0]?.message).toBeTruthy();
    expect(reply.frontMatter?.data).toEqual({});
  });

  it('handles empty text and text that is only quoted history', () => {
    expect(segmentReply('').prose).toEqual([]);
    expect(segmentReply('> only a quote').prose).toEqual([]);
  });
});

/**
 * Windows-1252, written out because Node 20's `TextDecoder('windows-1252')` decodes
 * as ISO-8859-1: byte 0x92 comes back as U+0092 instead of the curly apostrophe
 * U+2019, which is exactly the byte old help-desk exports are full of.
 * Bytes 0x00–0x7F and 0xA0–0xFF are the same code points; only 0x80–0x9F differ.
 * The five bytes Windows leaves undefined map to the C1 control of the same value,
 * as WHATWG's index does, so every byte decodes and re-encodes to itself.
 */
const HIGH_CONTROLS = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d,
  0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x009d, 0x017e, 0x0178,
];

const BYTE_OF = new Map<number, number>(HIGH_CONTROLS.map((codePoint, i) => [codePoint, 0x80 + i]));

export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  // Chunked so a multi-megabyte file does not build one huge argument list.
  for (let offset = 0; offset < bytes.length; offset += 8192) {
    const chunk = bytes.subarray(offset, offset + 8192);
    const codes = Array.from(chunk, (byte) => (byte >= 0x80 && byte <= 0x9f ? HIGH_CONTROLS[byte - 0x80] : byte));
    text += String.fromCharCode(...codes);
  }
  return text;
}

/** The bytes of `text` in windows-1252, or undefined when a character has no byte there (an emoji a fix added). */
export function encodeWindows1252(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const byte = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : BYTE_OF.get(code);
    if (byte === undefined) return undefined;
    bytes[i] = byte;
  }
  return bytes;
}

import { decodeWindows1252, encodeWindows1252 } from './windows1252';

/**
 * Bytes on disk ↔ the text the engine lints. The engine only ever sees text without
 * a byte-order mark; what is needed to write a fixed file back byte-for-byte the way
 * it was (BOM, encoding, line endings) travels beside it.
 */
export interface DecodedReply {
  /** what is linted: no BOM; findings' offsets are into this text */
  text: string;
  bom: boolean;
  encoding: 'utf-8' | 'windows-1252';
  /** the file used CRLF throughout; fixed text keeps CRLF */
  crlf: boolean;
}

export type DecodeResult = { kind: 'text'; reply: DecodedReply } | { kind: 'binary' };

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeReply(bytes: Uint8Array): DecodeResult {
  // A NUL never appears in a text reply; it does in images, archives, PDFs and UTF-16.
  if (bytes.includes(0)) return { kind: 'binary' };
  const bom = UTF8_BOM.every((byte, i) => bytes[i] === byte);
  let text: string;
  let encoding: DecodedReply['encoding'] = 'utf-8';
  try {
    text = strictUtf8.decode(bom ? bytes.subarray(UTF8_BOM.length) : bytes);
  } catch {
    // Not UTF-8: almost always an old Windows export. Windows-1252 decodes every byte.
    text = decodeWindows1252(bytes);
    encoding = 'windows-1252';
  }
  return { kind: 'text', reply: { text, bom: bom && encoding === 'utf-8', encoding, crlf: usesCrlfOnly(text) } };
}

/** The bytes of `text` written the way `original` was, or undefined when the encoding cannot hold it. */
export function encodeReply(text: string, original: DecodedReply): Uint8Array | undefined {
  if (original.encoding === 'windows-1252') return encodeWindows1252(text);
  const body = Buffer.from(text, 'utf8');
  return original.bom ? Buffer.concat([Buffer.from(UTF8_BOM), body]) : body;
}

/** Puts back CRLF where a fix wrote a bare line feed into a CRLF file. */
export function keepLineEndings(text: string, original: DecodedReply): string {
  return original.crlf ? text.replace(/\r?\n/g, '\r\n') : text;
}

function usesCrlfOnly(text: string): boolean {
  let crlf = 0;
  let lf = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
    lf++;
    if (text.charCodeAt(at - 1) === 13) crlf++;
  }
  return crlf > 0 && crlf === lf;
}

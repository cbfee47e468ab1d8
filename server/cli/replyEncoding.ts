import * as iconv from 'iconv-lite';
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
  encoding: 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
  /** the file used CRLF throughout; fixed text keeps CRLF */
  crlf: boolean;
}

export type DecodeResult = { kind: 'text'; reply: DecodedReply } | { kind: 'binary' };

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Files that start like these are not replies, however few control bytes their first
 * kilobytes hold: PNG, JPEG, GIF, PDF, ZIP (and .docx, .xlsx), gzip, 7-Zip.
 */
const BINARY_SIGNATURES = [
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  [0x47, 0x49, 0x46, 0x38],
  [0x25, 0x50, 0x44, 0x46, 0x2d],
  [0x50, 0x4b, 0x03, 0x04],
  [0x1f, 0x8b],
  [0x37, 0x7a, 0xbc, 0xaf],
];
const SAMPLE_BYTES = 64 * 1024;

export function decodeReply(bytes: Uint8Array): DecodeResult {
  // A UTF-16 BOM says what the file is, NUL bytes and all: VS Code opens such a reply as text, so do we.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, 'utf-16be');
  if (looksBinary(bytes)) return { kind: 'binary' };
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
  switch (original.encoding) {
    case 'windows-1252':
      return encodeWindows1252(text);
    case 'utf-16le':
    case 'utf-16be':
      return iconv.encode(text, original.encoding, { addBOM: original.bom });
    case 'utf-8': {
      const body = Buffer.from(text, 'utf8');
      return original.bom ? Buffer.concat([Buffer.from(UTF8_BOM), body]) : body;
    }
  }
}

/** Puts back CRLF where a fix wrote a bare line feed into a CRLF file. */
export function keepLineEndings(text: string, original: DecodedReply): string {
  return original.crlf ? text.replace(/\r?\n/g, '\r\n') : text;
}

/** NUL characters in text that was otherwise read as text: linted, but worth a warning (a paste gone wrong). */
export function countNuls(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\0'); at >= 0; at = text.indexOf('\0', at + 1)) count++;
  return count;
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodeResult {
  const text = iconv.decode(bytes, encoding, { stripBOM: true });
  return { kind: 'text', reply: { text, bom: true, encoding, crlf: usesCrlfOnly(text) } };
}

/**
 * Images, archives and PDFs, not replies with a stray NUL. Compressed or random bytes are
 * about one in ten control bytes (0x00–0x08, 0x0E–0x1F but ESC); text has next to none,
 * and a paste gone wrong leaves a handful. So: a known signature, or more than 1% control
 * bytes and at least four, in the first 64 KB. UTF-16 without a BOM lands here too (half NULs).
 */
function looksBinary(bytes: Uint8Array): boolean {
  if (BINARY_SIGNATURES.some((signature) => signature.every((byte, i) => bytes[i] === byte))) return true;
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  let controls = 0;
  for (const byte of sample) {
    if (byte <= 0x08 || (byte >= 0x0e && byte <= 0x1f && byte !== 0x1b)) controls++;
  }
  return controls >= 4 && controls > sample.length / 100;
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

import { AbstractMessageReader, type DataCallback, type Disposable, type Message } from 'vscode-languageserver/node';

/** LSP headers are a line or two; this much without the blank line that ends them is not LSP. */
const MAX_HEADER_BYTES = 8 * 1024;
/** A 10 MB reply sent in a didOpen is about 20 MB of JSON; past this a length is a mistake, not a message. */
const MAX_BODY_BYTES = 512 * 1024 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');
/**
 * A header line of the next message. A JSON body can never hold these bytes: a raw CR is only
 * whitespace between tokens, and no JSON token starts with "C". Seeing them inside a body means
 * the previous Content-Length promised more bytes than the client sent.
 */
const NEXT_HEADER = /Content-Length:[ \t]*\d+\r\n/i;
const NEXT_HEADER_MAX_BYTES = 64;

/**
 * The base protocol over a byte stream (stdio, a socket, a pipe), strictly: any framing
 * error is reported on `onError` and reading stops, because after a bad header or a wrong
 * Content-Length no later byte can be trusted to start a message. vscode-jsonrpc's own
 * reader reports some of these and carries on reading garbage, or waits forever for bytes
 * that never come; a server that goes deaf that way looks alive to its client. With this
 * reader the server exits instead (see server.ts), and the client restarts it.
 */
export class StrictMessageReader extends AbstractMessageReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** the body length the last header announced; undefined while reading a header */
  private bodyLength: number | undefined;
  /** the last bytes of an incomplete body already searched for a stray header, as latin1 */
  private scannedTail = '';
  private failed = false;
  /** the client sent `shutdown`: leaving after that is the normal way to go */
  shutdownRequested = false;

  constructor(private readonly readable: NodeJS.ReadableStream) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer | string) => this.receive(typeof chunk === 'string' ? Buffer.from(chunk) : chunk, callback);
    const onError = (error: Error) => this.fireError(error);
    const onClose = () => this.fireClose();
    this.readable.on('data', onData);
    this.readable.on('error', onError);
    this.readable.on('end', onClose);
    this.readable.on('close', onClose);
    return {
      dispose: () => {
        this.readable.off('data', onData);
        this.readable.off('error', onError);
        this.readable.off('end', onClose);
        this.readable.off('close', onClose);
      },
    };
  }

  private receive(chunk: Buffer, callback: DataCallback): void {
    if (this.failed) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    try {
      if (this.bodyLength !== undefined && this.buffered < this.bodyLength) {
        // Still inside one body: search only the new bytes, never join the whole buffer again.
        this.expectNoHeaderIn(chunk);
        return;
      }
      for (let message = this.next(); message !== undefined; message = this.next()) {
        if ((message as { method?: unknown }).method === 'shutdown') this.shutdownRequested = true;
        callback(message);
      }
    } catch (error) {
      this.failed = true;
      this.chunks = [];
      this.fireError(error);
    }
  }

  /** The next whole message in the buffer, or undefined until more bytes arrive. Throws on a framing error. */
  private next(): Message | undefined {
    if (this.bodyLength === undefined) {
      const buffer = this.joined();
      const end = buffer.indexOf(HEADER_END);
      if (end < 0) {
        if (buffer.length > MAX_HEADER_BYTES) throw new Error(`no end of headers in the first ${MAX_HEADER_BYTES} bytes: this is not LSP`);
        return undefined;
      }
      this.bodyLength = readContentLength(buffer.subarray(0, end).toString('latin1'));
      this.take(end + HEADER_END.length);
      this.scannedTail = '';
      if (this.buffered < this.bodyLength) {
        this.expectNoHeaderIn(this.joined());
        return undefined;
      }
    }
    const length = this.bodyLength;
    if (this.buffered < length) return undefined;
    const body = this.take(length);
    this.bodyLength = undefined;
    let message: unknown;
    try {
      message = JSON.parse(body.toString('utf8'));
    } catch {
      throw new Error(`a ${length}-byte body is not JSON: its Content-Length is wrong, or the stream is not LSP`);
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      throw new Error('a message body is JSON but not a JSON-RPC message');
    }
    return message as Message;
  }

  /** While a body is incomplete, a header in the bytes that did arrive means its length was too long. */
  private expectNoHeaderIn(bytes: Buffer): void {
    const text = this.scannedTail + bytes.toString('latin1');
    if (NEXT_HEADER.test(text)) {
      throw new Error(`a new message began inside a body announced as ${this.bodyLength} bytes: its Content-Length is wrong`);
    }
    this.scannedTail = text.slice(-NEXT_HEADER_MAX_BYTES);
  }

  /** The buffered bytes as one buffer, joined only when asked, so a large body costs one copy. */
  private joined(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.buffered)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private take(count: number): Buffer {
    const buffer = this.joined();
    const taken = buffer.subarray(0, count);
    const rest = buffer.subarray(count);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return taken;
  }
}

function readContentLength(headers: string): number {
  let length: number | undefined;
  for (const line of headers.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`a header line is not "Name: value": ${JSON.stringify(line.slice(0, 80))}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-length') {
      if (!/^\d+$/.test(value) || Number(value) > MAX_BODY_BYTES) throw new Error(`Content-Length is not a length: ${JSON.stringify(value.slice(0, 40))}`);
      length = Number(value);
    } else if (name === 'content-type') {
      const charset = /charset=([^;\s]+)/i.exec(value)?.[1]?.toLowerCase();
      if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw new Error(`unsupported charset ${JSON.stringify(charset)}`);
    }
  }
  if (length === undefined) throw new Error('a message has no Content-Length header');
  return length;
}

import type { IncomingMessage } from 'node:http';

/** A request body over its limit: answered with 413, unless the connection was cut. */
export class BodyTooLarge extends Error {
  /** True when the connection was cut instead: nobody is left to answer. */
  constructor(readonly cut = false) {
    super('request body too large');
  }
}

// Past this, an oversized body is not even read to its end: the connection is cut.
const drainLimit = 16 * 1024 * 1024;

/**
 * Reads the body up to `limit` bytes. An oversized body is still read to its
 * end (and dropped) before the 413 goes out, so the client, still sending,
 * sees the answer rather than a reset connection.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > drainLimit) {
      request.destroy();
      return reject(new BodyTooLarge(true));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > drainLimit) request.destroy();
      else if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => (size > limit ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    request.on('error', reject);
    request.on('close', () => size > drainLimit && reject(new BodyTooLarge(true)));
  });
}

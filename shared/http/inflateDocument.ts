import { brotliDecompressSync } from 'node:zlib';

/** The JSON document (an object) that a generated base64 string of brotli-compressed JSON holds. */
export function inflateDocument(brotliBase64: string): Record<string, unknown> {
  return JSON.parse(brotliDecompressSync(Buffer.from(brotliBase64, 'base64')).toString('utf8'));
}

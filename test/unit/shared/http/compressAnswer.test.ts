import { gunzipSync } from 'node:zlib';
import * as fc from 'fast-check';
import { acceptsGzip, compressAnswer, MIN_COMPRESSED_BYTES } from '../../../../shared/http/compressAnswer';

const large = JSON.stringify({ items: Array.from({ length: 100 }, (_, n) => ({ id: `cli_${n}`, name: `Client ${n}` })) });

describe('acceptsGzip', () => {
  it.each([
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.8', true],
    ['*', true],
    ['GZIP', true],
    ['identity', false],
    ['gzip;q=0', false],
    ['gzip; q=0.000, identity', false],
    ['br', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});

describe('compressAnswer', () => {
  it('gzips a large answer for a caller that accepts it, as base64, and it inflates to the same bytes', () => {
    const answer = compressAnswer({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: large }, 'gzip, br');
    expect(answer).toMatchObject({ statusCode: 200, isBase64Encoded: true, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', vary: 'accept-encoding' } });
    expect(gunzipSync(Buffer.from(answer.body!, 'base64')).toString('utf8')).toBe(large);
  });

  it('leaves a large answer as it is for a caller that does not accept gzip, saying it varies', () => {
    const answer = compressAnswer({ statusCode: 200, body: large }, 'identity');
    expect(answer).toEqual({ statusCode: 200, body: large, headers: { vary: 'accept-encoding' } });
  });

  it('leaves small, empty, binary and already encoded answers alone', () => {
    const small = { statusCode: 200, body: 'x'.repeat(MIN_COMPRESSED_BYTES - 1) };
    expect(compressAnswer(small, 'gzip')).toBe(small);
    const empty = { statusCode: 204, body: '' };
    expect(compressAnswer(empty, 'gzip')).toBe(empty);
    const binary = { statusCode: 200, body: Buffer.from(large).toString('base64'), isBase64Encoded: true };
    expect(compressAnswer(binary, 'gzip')).toBe(binary);
    const encoded = { statusCode: 200, headers: { 'content-encoding': 'br' }, body: large };
    expect(compressAnswer(encoded, 'gzip').body).toBe(large);
  });

  it('keeps any text, Cyrillic included, byte for byte', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', minLength: MIN_COMPRESSED_BYTES }), (text) => {
      const answer = compressAnswer({ statusCode: 200, body: text }, 'gzip');
      expect(gunzipSync(Buffer.from(answer.body!, 'base64')).toString('utf8')).toBe(text);
    }), { numRuns: 50 });
  });
});

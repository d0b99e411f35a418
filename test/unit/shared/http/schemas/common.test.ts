import { multilineText, text } from '../../../../../shared/http/schemas/freeText';
import { isoInstant } from '../../../../../shared/http/schemas/isoInstant';
import { parseWith } from '../../../../../shared/http/validation';
import { ValidationError } from '../../../../../shared/domain/errors';

/** The issues a refused value gets, as the 400 answer lists them. */
function issuesOf(schema: Parameters<typeof parseWith>[0], value: unknown): unknown {
  try {
    parseWith(schema, value, 'body');
  } catch (error) {
    if (error instanceof ValidationError) return error.details;
    throw error;
  }
  return undefined;
}

const BIDI_FORMATTING = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
const CONTROLS = ['\u0000', '\u0007', '\u001B', '\u007F', '\u0085', '\u009F'];

describe('free text', () => {
  it.each(['\ud800', 'Y\ud800', '\udfff tail', 'a\udc00\ud800b'])('refuses an unpaired surrogate: %j', (value) => {
    expect(issuesOf(text(200), value)).toEqual({ issues: [{ path: 'body', message: expect.stringMatching(/well-formed Unicode/) }] });
    expect(issuesOf(multilineText(5000), value)).toEqual({ issues: [{ path: 'body', message: expect.stringMatching(/well-formed Unicode/) }] });
  });

  it.each([...BIDI_FORMATTING, ...CONTROLS])('refuses control and bidi formatting character U+%s in both kinds', (character) => {
    const value = `Lee${character}IT`;
    expect(issuesOf(text(200), value)).toEqual({ issues: [{ path: 'body', message: expect.stringMatching(/control characters/) }] });
    expect(issuesOf(multilineText(5000), value)).toEqual({ issues: [{ path: 'body', message: expect.stringMatching(/control characters/) }] });
  });

  it.each(['\u2028', '\u2029', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u200E', '\u200F', '\u061C', '\u{E0000}', '\u{E0041}', '\u{E007F}'])(
    'refuses separator or invisible character %j inside one-line text (names, companies, searches)',
    (character) => {
      expect(issuesOf(text(200), `Ann${character}Lee`)).toEqual({ issues: [{ path: 'body', message: expect.stringMatching(/invisible characters/) }] });
    },
  );

  it('says in its message exactly the ranges it refuses', () => {
    const message = (issuesOf(text(200), 'a\u200Bb') as { issues: Array<{ message: string }> }).issues[0]?.message;
    expect(message).toBe('Expected one line of text without control characters, line or paragraph separators (U+2028, U+2029), ' +
      'bidirectional formatting characters (U+202A–U+202E, U+2066–U+2069) or invisible characters (U+200B–U+200F, U+2060, U+FEFF, U+061C, U+E0000–U+E007F)');
  });

  it('refuses line breaks and tabs in one-line text, keeps them in a message', () => {
    for (const value of ['Ann\nLee', 'Ann\r\nLee', 'Ann\tLee']) {
      expect(issuesOf(text(200), value)).toBeDefined();
      expect(parseWith(multilineText(5000), value, 'body')).toBe(value);
    }
  });

  it('takes any well-formed text otherwise: other scripts, emoji (surrogate pairs), marks', () => {
    for (const value of ['Анна Ли', 'شركة', '李', 'Cloud 😀 partner', 'O\u2019Brien', 'e\u0301te', 'Ann\u00A0Lee', '\u{E0100}']) {
      expect(parseWith(text(200), value, 'body')).toBe(value);
    }
  });
});

describe('isoInstant', () => {
  it.each(['9999-12-31T23:00:00-05:00', '0000-01-01T00:30:00+01:00', '0000-06-01T00:00:00Z'])('refuses %s, whose UTC year has no four-digit form', (value) => {
    expect(issuesOf(isoInstant, value)).toEqual({ issues: [{ path: 'body', message: expect.stringMatching(/UTC year/) }] });
  });

  it.each(['9999-12-31T18:59:59-05:00', '0001-01-01T00:00:00Z', '2026-12-01T10:00:00+03:00'])('takes %s', (value) => {
    expect(parseWith(isoInstant, value, 'body')).toBe(value);
  });
});

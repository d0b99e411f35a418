import fc from 'fast-check';
import {
  clientSearchTerms,
  isSearchable,
  keyWordOf,
  matchesSearch,
  MAX_INDEXED_PREFIX,
  normalizeSearch,
  searchPartitionPrefix,
  searchPrefixes,
  searchWords,
} from '../../../../../shared/domain/clients/clientSearch';

describe('normalizeSearch', () => {
  it('drops accents and case, and folds white space', () => {
    expect(normalizeSearch('  José  ÉLAN ')).toBe('jose elan');
    expect(normalizeSearch('Ёлкина')).toBe('елкина');
  });
});

describe('clientSearchTerms', () => {
  it('finds a client by its e-mail, each word of its name (up to four) and its account id', () => {
    expect(clientSearchTerms({ email: 'Ivan@Example.com', name: 'Ivan  Petrov Jr. the Third Fifth', accountId: 'acc-7f3k9q2m4x8b1n5c6v0z' }))
      .toEqual(['ivan@example.com', 'ivan', 'petrov', 'jr.', 'the', 'acc-7f3k9q2m4x8b1n5c6v0z']);
    expect(clientSearchTerms({ email: 'a@b.c' })).toEqual(['a@b.c']);
  });
});

describe('searchPrefixes and the partition a search reads', () => {
  it('index every prefix a search can start with, so a search finds exactly the clients with a term starting with it', () => {
    const term = fc.string({ unit: fc.constantFrom('a', 'b', 'é', 'z', '@'), minLength: 1, maxLength: 12 });
    fc.assert(fc.property(fc.array(term, { minLength: 1, maxLength: 4 }), term, (raw, typed) => {
      const terms = raw.map(normalizeSearch);
      const search = normalizeSearch(typed);
      fc.pre([...search].length >= 2);
      const indexed = searchPrefixes(terms).includes(searchPartitionPrefix(search));
      // Found through the index partition (plus, past the indexed length, the check on the terms) exactly when a term starts with it.
      expect(indexed && matchesSearch(terms, search)).toBe(matchesSearch(terms, search));
    }));
  });

  it('keeps at most MAX_INDEXED_PREFIX - 1 entries per term', () => {
    expect(searchPrefixes(['abcdefghijklmnop'])).toHaveLength(MAX_INDEXED_PREFIX - 1);
    expect(searchPrefixes(['ab', 'abc'])).toEqual(['ab', 'abc']);
  });
});

describe('the word a search is looked up by', () => {
  it('is the longest word (the first of equals), so a one-letter word never picks the unindexed partition', () => {
    expect(keyWordOf(searchWords('a petrov'))).toBe('petrov');
    expect(keyWordOf(searchWords('ivan petrov'))).toBe('petrov');
    expect(keyWordOf(searchWords('jose elan'))).toBe('jose');
    expect(keyWordOf([])).toBe('');
  });

  it('needs one word of at least two characters', () => {
    expect(isSearchable('a bc')).toBe(true);
    expect(isSearchable('  É  ')).toBe(false);
    expect(isSearchable('a b c')).toBe(false);
    expect(isSearchable('ab')).toBe(true);
  });

  it('reads a partition that holds every client the whole search matches', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'é', 'z'), minLength: 1, maxLength: 10 });
    fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), fc.array(word, { minLength: 1, maxLength: 3 }), (raw, typed) => {
      const terms = raw.map(normalizeSearch);
      const words = searchWords(normalizeSearch(typed.join(' ')));
      fc.pre(isSearchable(typed.join(' ')));
      if (words.every((each) => matchesSearch(terms, each))) {
        expect(searchPrefixes(terms)).toContain(searchPartitionPrefix(keyWordOf(words)));
      }
    }));
  });
});

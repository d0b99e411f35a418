import { ContainerCache } from '../../../../shared/http/containerCache';

describe('ContainerCache', () => {
  const loader = (values: Record<string, string | undefined>) => {
    const reads: string[] = [];
    return { reads, load: (key: string) => async () => { reads.push(key); return values[key]; } };
  };

  it('answers from its copy while fresh and reads again once the time is up', async () => {
    const cache = new ContainerCache<string>({ ttlMs: () => 60_000, maxEntries: 10, remembersAbsent: false });
    const { reads, load } = loader({ a: 'team A' });
    expect(await cache.read('a', 0, load('a'))).toBe('team A');
    expect(await cache.read('a', 59_999, load('a'))).toBe('team A');
    expect(await cache.read('a', 60_000, load('a'))).toBe('team A');
    expect(reads).toEqual(['a', 'a']);
  });

  it('remembers an absent record only when asked to', async () => {
    const forgetting = new ContainerCache<string>({ ttlMs: () => 60_000, maxEntries: 10, remembersAbsent: false });
    const remembering = new ContainerCache<string>({ ttlMs: () => 60_000, maxEntries: 10, remembersAbsent: true });
    const { reads, load } = loader({});
    for (const cache of [forgetting, remembering]) for (const now of [0, 1]) await cache.read('x', now, load('x'));
    expect(reads).toHaveLength(3);
  });

  it('keeps at most its number of entries, forgetting the oldest, and drops or changes one on demand', async () => {
    const cache = new ContainerCache<string>({ ttlMs: () => 60_000, maxEntries: 2, remembersAbsent: false });
    const { reads, load } = loader({ a: 'A', b: 'B', c: 'C' });
    for (const key of ['a', 'b', 'c']) await cache.read(key, 0, load(key));
    await cache.read('b', 1, load('b'));
    await cache.read('a', 1, load('a'));
    expect(reads).toEqual(['a', 'b', 'c', 'a']);
    cache.update('a', (value) => `${value}!`);
    expect(await cache.read('a', 2, load('a'))).toBe('A!');
    cache.forget('a');
    expect(await cache.read('a', 3, load('a'))).toBe('A');
    expect(reads).toEqual(['a', 'b', 'c', 'a', 'a']);
  });

  it('takes its time to trust from the caller at every read (a shorter setting applies at once)', async () => {
    let ttl = 60_000;
    const cache = new ContainerCache<string>({ ttlMs: () => ttl, maxEntries: 10, remembersAbsent: false });
    const { reads, load } = loader({ a: 'A' });
    await cache.read('a', 0, load('a'));
    ttl = 0;
    await cache.read('a', 0, load('a'));
    expect(reads).toEqual(['a', 'a']);
  });
});

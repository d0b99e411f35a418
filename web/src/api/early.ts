/**
 * A screen's first reads, started by the entry for the address it opens with, beside `/me` and the
 * screen's chunk: otherwise each would wait for the chunk, then for the render that asks for it (and a
 * tab's read for the page's read before it) — on a phone network every level is a round trip or two.
 *
 * A screen asks through the same `EarlyRead`, with the same arguments: it takes the answer of the read
 * the entry started, once, if the console is still at the address it was started for; otherwise
 * (a later visit, a Retry, other arguments) it reads anew. An early read nobody takes costs one request.
 */
import { type Route, route } from '../router';
import type { Outcome } from './client';

/** A read started early: the address it was started at, and its answer to come. */
interface Started {
  readonly at: Route;
  readonly answer: Promise<Outcome<unknown>>;
}

const started = new Map<string, Started>();

/** One of a screen's first reads. */
export interface EarlyRead<Args extends readonly unknown[], T> {
  /** Starts the read now (the entry, for the address's screen). */
  readonly start: (...args: Args) => void;
  /** The answer of the read started at this address with these arguments, taken once; else a new read. */
  readonly take: (...args: Args) => Promise<Outcome<T>>;
}

/** `load` as a read the entry may start before its screen has come; `name` and the arguments tell reads apart. */
export function earlyRead<Args extends readonly unknown[], T>(name: string, load: (...args: Args) => Promise<Outcome<T>>): EarlyRead<Args, T> {
  const key = (args: Args) => `${name} ${JSON.stringify(args)}`;
  return {
    start: (...args) => {
      started.set(key(args), { at: route.peek(), answer: load(...args) });
    },
    take: (...args) => {
      const found = started.get(key(args));
      started.delete(key(args));
      // The route signal holds a new value after every navigation: an answer from another visit is never shown.
      return found?.at === route.peek() ? (found.answer as Promise<Outcome<T>>) : load(...args);
    },
  };
}

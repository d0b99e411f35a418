import { randomUUID } from 'node:crypto';

/** Produces stable, unguessable ids for new entities; injected so tests can predict them. */
export interface IdGenerator {
  /** A new id with the given prefix, e.g. `app_…`. */
  next(prefix: string): string;
}

/** Random ids: prefix + UUID v4 without dashes. */
export const randomIds: IdGenerator = {
  next: (prefix) => `${prefix}_${randomUUID().replaceAll('-', '')}`,
};

/** Keys of the local-only `localEvents` table (the local stand-in for the event bus). */

/** The one partition of the local bus. */
export const LOCAL_BUS = 'BUS#local';

/** Key of a published event, in publication order. */
export function localEventKey(publishedAt: Date, sequence: string): { pk: string; sk: string } {
  return { pk: LOCAL_BUS, sk: `${publishedAt.toISOString()}#${sequence}` };
}

/** One page of a listing and the opaque cursor of the next page (absent on the last page). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

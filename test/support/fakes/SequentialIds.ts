import type { IdGenerator } from '../../../shared/domain/IdGenerator';

/** Deterministic ids for tests: `prefix_1`, `prefix_2`, … counted per prefix, so a test can name the ids it will get. */
export class SequentialIds implements IdGenerator {
  private readonly counts = new Map<string, number>();

  public next(prefix: string): string {
    const count = (this.counts.get(prefix) ?? 0) + 1;
    this.counts.set(prefix, count);
    return `${prefix}_${count}`;
  }
}

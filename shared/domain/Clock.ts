/** Source of the current time, injected so tests (and the local stack) can move it. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** Wall clock shifted by an offset; the offset exists so `npm start` can move time forward for demos. */
export class SystemClock implements Clock {
  public constructor(private readonly offsetMs: () => number = () => 0) {}

  public now(): Date {
    return new Date(Date.now() + this.offsetMs());
  }
}

/** A clock that stands still until told to move: for tests. */
export class FixedClock implements Clock {
  private current: Date;

  public constructor(start: Date | string) {
    this.current = new Date(start);
  }

  public now(): Date {
    return new Date(this.current);
  }

  /** Moves the clock forward by the given milliseconds. */
  public advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }

  /** Puts the clock at the given instant. */
  public set(at: Date | string): void {
    this.current = new Date(at);
  }
}

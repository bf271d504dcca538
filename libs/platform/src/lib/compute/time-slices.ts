import { setImmediate } from 'node:timers/promises';

/**
 * A long synchronous loop on the event loop, cut into slices: check `due` as often as is cheap (a clock
 * read, no promise) and `await next()` when it is, so that other requests get a turn every `sliceMs`.
 */
export class TimeSlices {
  private turn = performance.now();

  constructor(private readonly sliceMs = 10) {}

  /** True when the current slice is used up. */
  get due(): boolean {
    return performance.now() - this.turn >= this.sliceMs;
  }

  /** Lets the event loop run what waits, then starts a new slice. */
  async next(): Promise<void> {
    await setImmediate();
    this.turn = performance.now();
  }
}

/** Worker tasks for the ComputePool spec: holds its thread for `ms` milliseconds, then answers its label. */
export function hold(input: { label: string; ms: number }): string {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, input.ms);
  return input.label;
}

/** Polls until `check` passes; returns how long that took, in ms. */
export async function timeUntil(check: () => Promise<boolean>, timeoutMs = 60_000, intervalMs = 50): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check().catch(() => false)) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Prints a figure the closing notes quote; jest shows it with the test's output. */
export function report(figure: string): void {
  process.stdout.write(`[measured] ${figure}\n`);
}

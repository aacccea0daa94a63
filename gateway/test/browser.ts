import { writeFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';

/** Headless Chromium for the page tests: no network of its own beyond what a page asks for. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Clicks a download button, saves what the page offers to `file` and returns its bytes. */
export async function saveDownload(page: Page, button: Locator, file: string): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  writeFileSync(file, bytes);
  return bytes;
}

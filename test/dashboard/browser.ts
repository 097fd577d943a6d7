/** Debian's Chromium driven by playwright-core (no browser download), headless. */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';

export const chromiumPath = process.env.SHIPGATE_TEST_CHROMIUM ?? '/usr/bin/chromium';

/** Why browser tests cannot run here, or null when they can. */
export function browserUnavailable(): string | null {
  return existsSync(chromiumPath)
    ? null
    : `no Chromium at ${chromiumPath} (apt-get install -y chromium, or set SHIPGATE_TEST_CHROMIUM)`;
}

export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core's violations of impact serious or critical on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: axeSource });
  // A string, evaluated in the page: this file is type-checked without the DOM library.
  const violations = await page.evaluate<AxeViolation[]>(
    'window.axe.run().then((result) => result.violations)',
  );
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

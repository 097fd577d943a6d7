/**
 * The dashboard in a real browser (Debian's Chromium, headless) against a real server
 * with seeded data: every page renders without console errors, shows the API's numbers,
 * has no serious accessibility violations (axe-core), respects roles, works on a phone.
 * Screenshots of each page go to test-results/dashboard/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDashboardDir } from '../../src/server/routes/dashboard-assets.js';
import { browserUnavailable, launchBrowser, seriousViolations } from './browser.js';
import { startSeededServer, type SeededServer } from './seed.js';

const skipReason = browserUnavailable();
const artifacts = join(process.cwd(), 'test-results', 'dashboard');

/** The dashboard is built by `npm run build` (prepare); build it here when missing. */
function ensureBuilt(): void {
  if (existsSync(join(defaultDashboardDir(), 'index.html'))) return;
  execFileSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts'],
    {
      stdio: 'ignore',
    },
  );
}

async function api<T>(server: SeededServer, path: string, key: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describe.skipIf(skipReason !== null)(
  `dashboard in Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let server: SeededServer;
    let browser: Browser;
    let context: BrowserContext;
    const consoleErrors: string[] = [];

    beforeAll(async () => {
      ensureBuilt();
      await mkdir(artifacts, { recursive: true });
      server = await startSeededServer();
      browser = await launchBrowser();
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    async function signedIn(key: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
      // bypassCSP only lets the test inject axe-core; the app itself runs under the CSP.
      context = await browser.newContext({ viewport, bypassCSP: true });
      const page = await context.newPage();
      page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
      page.on('pageerror', (e) => consoleErrors.push(e.message));
      await page.goto(server.url);
      await page.getByLabel('API key').fill(key);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('who').waitFor();
      // The shell's first /api/me without a key is answered 401 by design (that is how it
      // learns a key is needed); count console errors from here on.
      consoleErrors.length = 0;
      return page;
    }

    async function visit(page: Page, id: string, heading: string, file: string): Promise<void> {
      await page.goto(`${server.url}/#/${id}`);
      await page.getByRole('heading', { name: heading }).waitFor();
      await page.waitForFunction('!document.querySelector(\'[aria-busy="true"]\')');
      expect(await seriousViolations(page), `axe on ${id}`).toEqual([]);
      await page.screenshot({ path: join(artifacts, file), fullPage: true });
    }

    it('refuses a bad key and says so, without console errors beyond the 401', async () => {
      context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByLabel('API key').fill('sg-not-a-real-key');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('not accepted');
      expect(await page.evaluate<number>('sessionStorage.length')).toBe(0);
      await context.close();
    });

    it('renders every page for an admin with the API numbers and no serious a11y violations', async () => {
      const page = await signedIn(server.keys.admin);
      await visit(page, 'overview', 'Overview', 'overview.png');
      const series = await api<{ totals: { calls: number; failures: number } }>(
        server,
        '/api/usage/series?since=24h&bucket=1h',
        server.keys.admin,
      );
      expect(series.totals.calls).toBe(15);
      const stats = page.getByTestId('overview-stats');
      await expect.poll(() => stats.textContent()).toContain(`Requests${series.totals.calls}`);
      await expect.poll(() => stats.textContent()).toContain(`Errors${series.totals.failures}`);
      await visit(page, 'models', 'Models and providers', 'models.png');
      const models = await api<{ models: unknown[] }>(server, '/api/models', server.keys.admin);
      await expect.poll(() => page.locator('tbody tr').count()).toBe(models.models.length);
      await expect.poll(() => page.locator('tbody').first().textContent()).toContain('claude');
      await visit(page, 'usage', 'Usage and spend', 'usage.png');
      const fastRow = page.locator('tbody tr', { hasText: 'fast' });
      await expect.poll(() => fastRow.locator('td').nth(1).textContent()).toBe('12');
      await visit(page, 'cost', 'Cost and break-even', 'cost.png');
      const cost = await api<{ requests: number }>(
        server,
        '/api/cost?since=24h',
        server.keys.admin,
      );
      expect(cost.requests).toBe(15);
      await expect.poll(() => page.locator('tbody').first().textContent()).toContain('claude');
      await page.getByLabel('What if self-hosting cost (USD a month)').fill('4162');
      await page.getByLabel('What if self-hosting cost (USD a month)').press('Enter');
      const whatIf = await api<{ breakEven: { breakEvenRequestsPerDay: number } }>(
        server,
        '/api/cost?since=24h&selfHostedMonthly=4162',
        server.keys.admin,
      );
      const perDay = whatIf.breakEven.breakEvenRequestsPerDay.toLocaleString('en-US');
      await expect.poll(() => page.getByTestId('break-even').textContent()).toContain(perDay);
      await visit(page, 'budgets', 'Budgets', 'budgets.png');
      await visit(page, 'quality', 'Quality', 'quality.png');
      const gates = await api<{ points: { gate: string; passed: number; failed: number }[] }>(
        server,
        '/api/gates/series?since=24h&bucket=1h',
        server.keys.admin,
      );
      const lint = gates.points.filter((p) => p.gate === 'lint');
      expect(lint.reduce((n, p) => n + p.passed, 0)).toBe(3);
      expect(lint.reduce((n, p) => n + p.failed, 0)).toBe(1);
      await page.getByText('Gate pass rate over time (%)').waitFor();
      await visit(page, 'audit', 'Audit log', 'audit.png');
      expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
      await context.close();
    });

    it('sorts tables, verifies the audit chain and switches theme', async () => {
      const page = await signedIn(server.keys.admin);
      await page.goto(`${server.url}/#/usage`);
      const header = page.getByRole('button', { name: 'Requests' });
      await header.click();
      await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain('claude');
      await header.click();
      await expect.poll(() => page.locator('tbody tr').first().textContent()).toContain('fast');
      await page.goto(`${server.url}/#/audit`);
      await page.getByRole('button', { name: 'Verify hash chain' }).click();
      await expect
        .poll(() => page.getByTestId('verify-result').textContent())
        .toMatch(/Chain intact: \d+ entries verified/);
      const before = await page.evaluate<string>('document.documentElement.dataset.theme');
      await page.getByRole('button', { name: /Switch to/ }).click();
      await expect
        .poll(() => page.evaluate<string>('document.documentElement.dataset.theme'))
        .not.toBe(before);
      const after = await page.evaluate<string>('document.documentElement.dataset.theme');
      await visit(page, 'overview', 'Overview', `overview-${after}.png`);
      await context.close();
    });

    it('lists jobs and lets an admin cancel one; a viewer gets no actions', async () => {
      const first = server.jobIds[0] ?? '';
      const page = await signedIn(server.keys.admin);
      await visit(page, 'jobs', 'Jobs', 'jobs.png');
      await expect.poll(() => page.locator('tbody tr').count()).toBe(server.jobIds.length);
      await page.getByRole('button', { name: `Cancel job ${first}` }).click();
      await expect.poll(() => page.getByTestId('job-message').textContent()).toContain(first);
      const job = await api<{ state: string }>(server, `/api/jobs/${first}`, server.keys.admin);
      expect(job.state).toBe('cancelled');
      await expect
        .poll(() => page.locator('tbody tr', { hasText: first }).textContent())
        .toContain('cancelled');
      await context.close();
      const viewer = await signedIn(server.keys.viewer);
      await viewer.goto(`${server.url}/#/jobs`);
      await expect.poll(() => viewer.locator('tbody tr').count()).toBe(server.jobIds.length);
      expect(await viewer.getByRole('button', { name: /Cancel job|Retry job/ }).count()).toBe(0);
      await context.close();
    });

    it('hides what a role may not see, and the server refuses it anyway', async () => {
      const page = await signedIn(server.keys.developer);
      const nav = page.getByRole('navigation', { name: 'Dashboard pages' });
      await expect.poll(() => nav.getByRole('link').allTextContents()).not.toContain('Audit log');
      const response = await fetch(`${server.url}/api/audit`, {
        headers: { authorization: `Bearer ${server.keys.developer}` },
      });
      expect(response.status).toBe(403);
      // A developer sees only its own usage and its own budget.
      await page.goto(`${server.url}/#/budgets`);
      await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
      await context.close();
    });

    it('fits a phone screen', async () => {
      const page = await signedIn(server.keys.viewer, { width: 390, height: 844 });
      await visit(page, 'overview', 'Overview', 'overview-phone.png');
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await context.close();
    });
  },
);

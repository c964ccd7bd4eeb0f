/**
 * WCAG 2.2 AA checks in a real browser: axe-core on every main page (failing on any serious or
 * critical violation), and keyboard-only navigation from the top of the page with a visible focus.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, signIn, startApp, type RunningApp } from './app-server';

const AXE = require.resolve('axe-core/axe.min.js');

// Browser globals, typed just enough for page.evaluate callbacks (no DOM library in this project).
interface BrowserElement {
  parentElement: BrowserElement | null;
  tagName: string;
  className: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  closest(selector: string): BrowserElement | null;
}
interface AxeNode {
  target: string[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}
declare const document: {
  activeElement: BrowserElement | null;
  querySelectorAll(s: string): ArrayLike<{ open: boolean }>;
};
declare const window: {
  getComputedStyle(e: BrowserElement): {
    outlineStyle: string;
    outlineWidth: string;
    boxShadow: string;
    backgroundColor: string;
    color: string;
  };
  axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
};

const PAGES = [
  '/',
  '/?from=twenty&asAt=2026-02-30',
  '/directorates',
  '/directorates/CS',
  '/projects',
  '/projects/CS-001',
  '/projects/CS-001/benefits/B1',
  '/projects/new',
  '/projects/CS-001/costs/new?kind=planned',
  '/appraisal',
  '/reports/scrutiny',
  '/glossary',
];

let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
  // axe is injected as an inline script, which the app's CSP rightly blocks: this context bypasses
  // the CSP (the dashboard suite checks the charts under the real policy).
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  page = await context.newPage();
  await signIn(page, app, 'admin'); // the administrator sees every page and the longest menu
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function axeViolations(p: Page): Promise<AxeViolation[]> {
  // Open every "show as table" so its table is checked too.
  await p.evaluate(() => Array.from(document.querySelectorAll('details')).forEach((d) => (d.open = true)));
  await p.addScriptTag({ path: AXE });
  const result = await p.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    }),
  );
  return result.violations;
}

function describeViolations(url: string, list: AxeViolation[]): string {
  return list
    .map(
      (v) =>
        `${url}: [${v.impact}] ${v.id}: ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
          .join('\n')}`,
    )
    .join('\n');
}

describe('axe-core, WCAG 2.2 AA', () => {
  it('finds no serious or critical violation on the sign-in page', async () => {
    const signedOut = await browser.newContext({ bypassCSP: true });
    const p = await signedOut.newPage();
    const res = await p.goto(`${app.base}/sign-in`);
    expect(res?.status()).toBe(200);
    const serious = (await axeViolations(p)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    await signedOut.close();
    if (serious.length) console.log(describeViolations('/sign-in', serious));
    expect(serious.map((v) => v.id)).toEqual([]);
  });

  it('finds no serious or critical violation on any main page', async () => {
    const serious: string[] = [];
    const minor: string[] = [];
    for (const url of PAGES) {
      const res = await page.goto(`${app.base}${url}`);
      expect({ url, status: res?.status() }).toEqual({ url, status: 200 });
      const found = await axeViolations(page);
      const bad = found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      if (bad.length) serious.push(describeViolations(url, bad));
      const rest = found.filter((v) => !bad.includes(v));
      if (rest.length) minor.push(describeViolations(url, rest));
    }
    if (minor.length) console.log(`Moderate and minor findings (not failing):\n${minor.join('\n')}`);
    if (serious.length) console.log(serious.join('\n'));
    expect(serious).toEqual([]);
  });
});

describe('keyboard only', () => {
  async function focused() {
    return page.evaluate(() => {
      const el = document.activeElement!;
      const style = window.getComputedStyle(el);
      const rgba = (c: string) =>
        (/rgba?\(([^)]+)\)/.exec(c)?.[1] ?? '0,0,0,0').split(',').map((v) => Number.parseFloat(v));
      const luminance = ([r, g, b]: number[]) => {
        const f = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      // The colour behind the text: the nearest ancestor (or itself) with an opaque background.
      let bg = [255, 255, 255];
      for (let e: typeof el | null = el; e; e = e.parentElement) {
        const c = rgba(window.getComputedStyle(e).backgroundColor);
        if ((c[3] ?? 1) > 0) {
          bg = c;
          break;
        }
      }
      const [l1, l2] = [luminance(rgba(style.color)), luminance(bg)].sort((a, b) => b - a);
      return {
        tag: el.tagName.toLowerCase(),
        className: el.className,
        text: (el.textContent ?? '').trim(),
        href: el.getAttribute('href'),
        // A visible focus indicator (an outline or a box shadow, GOV.UK uses both) on text that stays readable.
        visible:
          ((style.outlineStyle !== 'none' && style.outlineWidth !== '0px') || style.boxShadow !== 'none') &&
          (l1 + 0.05) / (l2 + 0.05) >= 4.5,
      };
    });
  }

  it('reaches the skip link first, then the main navigation, with a visible focus on each', async () => {
    await page.goto(`${app.base}/`);
    await page.keyboard.press('Tab');
    const first = await focused();
    expect(first).toMatchObject({ href: '#main-content', text: 'Skip to main content', visible: true });

    const nav = await page.locator('.govuk-service-navigation__link').allTextContents();
    expect(nav.length).toBeGreaterThan(3);
    const seen: string[] = [];
    // The header (service name, account, sign out) comes between the skip link and the menu.
    for (let i = 0; i < 4 + nav.length && seen.length < nav.length; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      expect({ text: f.text, visible: f.visible }).toEqual({ text: f.text, visible: true });
      if (f.className.includes('govuk-service-navigation__link')) seen.push(f.text);
      else expect(seen).toEqual([]); // nothing else may interrupt the menu once it starts
    }
    expect(seen).toEqual(nav.map((t) => t.trim()));
  });

  it('moves past the menu to the main content with the skip link', async () => {
    await page.goto(`${app.base}/`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const inMain = () => page.evaluate(() => document.activeElement?.closest('#main-content') !== null);
    // The first control in the main content, in reading order: the portfolio-wide warning of overdue
    // improvement actions (issue 18; the demo's actions fell due in 2025-26), above the filters.
    expect(await focused()).toMatchObject({
      tag: 'a',
      href: '/improvement-actions?overdue=true',
      text: expect.stringMatching(/improvement actions? (is|are) overdue$/),
      visible: true,
    });
    expect(await inMain()).toBe(true);
    await page.keyboard.press('Tab');
    // Then the one-line filters ("… — Change"), which open with Enter.
    expect(await focused()).toMatchObject({ tag: 'summary', visible: true });
    expect(await inMain()).toBe(true);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ tag: 'select', visible: true });
  });
});

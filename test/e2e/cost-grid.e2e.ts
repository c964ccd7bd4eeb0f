/**
 * The costs grid in a real browser (issue 19): typing into cells, pasting a 6-row × 5-year block
 * copied from a spreadsheet (tabs between cells, £ signs and thousands commas) through a real
 * paste event, saving it, and a bad cell kept with its message while nothing is saved. Saves
 * screenshots cost-grid-pasted.png and cost-grid-errors.png in test/e2e/artifacts/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium, signIn, startApp, type RunningApp } from './app-server';

let app: RunningApp;
let browser: Browser;
let page: Page;
let code: string;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  app = await startApp();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
  await signIn(page, app, 'admin');
  code = (await app.knex('projects').orderBy('code').first('code')).code;
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

// A block as Excel and LibreOffice put it on the clipboard: tab-separated, CRLF line ends, a final line end.
const ROWS = 6;
const YEARS = 5;
const amount = (r: number, y: number) => 1000 * (r + 1) + 250 * y + (r === 2 ? 0.5 : 0);
const pounds = (n: number) =>
  `£${Math.trunc(n).toLocaleString('en-GB')}.${String(Math.round((n % 1) * 100)).padStart(2, '0')}`;
const BLOCK =
  Array.from({ length: ROWS }, (_, r) => Array.from({ length: YEARS }, (_, y) => pounds(amount(r, y))).join('\t')).join(
    '\r\n',
  ) + '\r\n';
const canonical = (n: number) => n.toFixed(2);

const cellSelector = (r: number, c: number) => `table[data-grid="planned"] input[data-row="${r}"][data-col="${c}"]`;

/** Dispatches the paste event a browser fires for Ctrl+V, with the block as its clipboard text. */
async function pasteInto(p: Page, selector: string, text: string): Promise<void> {
  await p.focus(selector);
  await p.evaluate(
    ({ selector, text }) => {
      const el = (
        globalThis as unknown as { document: { querySelector(s: string): EventTarget } }
      ).document.querySelector(selector);
      const G = globalThis as unknown as {
        DataTransfer: new () => { setData(t: string, v: string): void };
        ClipboardEvent: new (type: string, init: object) => Event;
      };
      const data = new G.DataTransfer();
      data.setData('text/plain', text);
      el.dispatchEvent(new G.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { selector, text },
  );
}

async function values(p: Page): Promise<string[][]> {
  const out: string[][] = [];
  for (let r = 0; r < ROWS; r += 1) {
    const row: string[] = [];
    for (let c = 0; c < YEARS; c += 1) row.push(await p.inputValue(cellSelector(r, c)));
    out.push(row);
  }
  return out;
}

describe('the costs grid', () => {
  it('fills 6 rows × 5 years from a pasted spreadsheet block and saves them all', async () => {
    const res = await page.goto(`${app.base}/projects/${code}/costs/grid`);
    expect(res!.status()).toBe(200);
    await pasteInto(page, cellSelector(0, 0), BLOCK);
    const pasted = await values(page);
    expect(pasted[0][0]).toBe('£1,000.00');
    expect(pasted[2][4]).toBe('£4,000.50');
    expect(pasted[5][4]).toBe('£7,000.00');
    await expect(page.textContent('[data-grid-status]')).resolves.toContain('Pasted 30 cells');
    // Typing, as a person would, into a cell outside the block.
    await page.fill(cellSelector(6, 0), '12,345.67');
    await page.screenshot({ path: path.join(ARTIFACTS, 'cost-grid-pasted.png'), fullPage: false });
    await Promise.all([page.waitForURL(/notice=cost-grid-saved/), page.click('button[value="save"]')]);
    expect(await page.textContent('.govuk-notification-banner')).toContain('Costs saved');
    const saved = await values(page);
    for (let r = 0; r < ROWS; r += 1)
      for (let y = 0; y < YEARS; y += 1) expect({ r, y, v: saved[r][y] }).toEqual({ r, y, v: canonical(amount(r, y)) });
    expect(await page.inputValue(cellSelector(6, 0))).toBe('12345.67');
  });

  it('keeps a bad cell with its message, and what was typed elsewhere, saving nothing', async () => {
    await page.goto(`${app.base}/projects/${code}/costs/grid`);
    const before = await app.knex('cost_lines').count({ n: '*' }).first();
    await page.fill(cellSelector(0, 1), '12.345');
    await page.fill(cellSelector(1, 1), '9,999');
    await page.click('button[value="save"]');
    await page.waitForSelector('.govuk-error-summary');
    const summary = await page.textContent('.govuk-error-summary');
    expect(summary).toMatch(/Planned capital \w+, \d{4}\/\d{2}: Enter an amount with no more than 2 decimal places/);
    expect(await page.inputValue(cellSelector(0, 1))).toBe('12.345');
    expect(await page.inputValue(cellSelector(1, 1))).toBe('9,999');
    expect(await page.getAttribute(cellSelector(0, 1), 'class')).toContain('govuk-input--error');
    expect(await app.knex('cost_lines').count({ n: '*' }).first()).toEqual(before);
    // The summary's link takes the person to the cell.
    await page.click('.govuk-error-summary a');
    expect(
      await page.evaluate(
        () => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id,
      ),
    ).toMatch(/^f-c__planned__capital__/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'cost-grid-errors.png'), fullPage: false });
  });
});

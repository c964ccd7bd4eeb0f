/**
 * Issue 14, friction 2: the expected-profile table of the benefit form. It offers every year of
 * the project's appraisal period, skips the years left empty, names the year in every message and
 * adds a year without JavaScript (a named submit button that shows the form again).
 */
import { appForTests } from '../helpers/test-app';
import { aBenefit, aCostLine, aProjectWithDirectorate } from '../helpers/builders';

// CS-001 starts (and has its base year) in 2024/25.
const { t, web } = appForTests({ web: 'admin', seed: (app) => aProjectWithDirectorate(app.ctx) });

const TEN_YEARS = Array.from({ length: 10 }, (_, i) => `${2024 + i}/${String((25 + i) % 100).padStart(2, '0')}`);

const details = { ref: 'B2', title: 'Reduced agency spend', type: 'cashable', status: 'planned', confidence: '80' };

/** The year inputs of the profile table, in order. */
function yearInputs(html: string): string[] {
  return [...html.matchAll(/name="profileYear" type="text" value="([^"]*)"/g)].map((m) => m[1]);
}

function amountInputs(html: string): string[] {
  return [...html.matchAll(/name="profileAmount" type="text" inputmode="decimal" value="([^"]*)"/g)].map((m) => m[1]);
}

/** The messages of the error summary, in order. */
function summary(html: string): string[] {
  const list = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<a href="([^"]+)">([^<]*)<\/a>/g)].map(
    (m) => `${m[1]} ${m[2].replace(/&#39;/g, "'").replace(/&#34;/g, '"')}`,
  );
}

const profileRows = async () =>
  (await t.db('benefit_profile').orderBy('fy_start')).map((p) => [p.fy_start, String(p.amount_pence)]);

describe('GET /projects/:code/benefits/new', () => {
  it('offers a row for every year from the base year, ten years when the project has no later flows', async () => {
    const res = await web.get('/projects/CS-001/benefits/new');
    expect(res.status).toBe(200);
    expect(yearInputs(res.text)).toEqual(TEN_YEARS);
    expect(amountInputs(res.text)).toEqual(Array(10).fill(''));
    expect(res.text).toContain('Leave an amount empty to skip that year');
    expect(res.text).not.toContain('save to get more empty rows');
  });

  it("runs to the project's last year with a flow when that is later", async () => {
    await aCostLine(t.ctx, 'CS-001', { year: '2036/37', amount: '5.00' });
    const years = yearInputs((await web.get('/projects/CS-001/benefits/new')).text);
    expect(years[0]).toBe('2024/25');
    expect(years[years.length - 1]).toBe('2036/37');
    expect(years).toHaveLength(13);
  });
});

describe('POST /projects/:code/benefits', () => {
  it('saves the years given an amount and skips the pre-filled years left empty', async () => {
    const amounts = Array(10).fill('');
    amounts[1] = '1,250.00';
    amounts[3] = '900';
    const res = await web
      .post('/projects/CS-001/benefits')
      .type('form')
      .send({ ...details, profileYear: TEN_YEARS, profileAmount: amounts });
    expect(res.status).toBe(303);
    expect(await profileRows()).toEqual([
      [2025, '125000'],
      [2027, '90000'],
    ]);
  });

  it('names the year in every message, on the row the user typed it in, keeping every row', async () => {
    const amounts = Array(10).fill('');
    amounts[0] = 'abc';
    amounts[2] = '12.345';
    amounts[4] = '-5';
    const res = await web
      .post('/projects/CS-001/benefits')
      .type('form')
      .send({ ...details, profileYear: TEN_YEARS, profileAmount: amounts });
    expect(res.status).toBe(422);
    expect(summary(res.text)).toEqual([
      '#f-profile-0-amount Enter the 2024/25 amount as a number, like 1250.00',
      '#f-profile-2-amount Enter the 2026/27 amount with no more than 2 decimal places',
      '#f-profile-4-amount Enter the 2028/29 amount of £0 or more',
    ]);
    expect(res.text).toMatch(
      /id="f-profile-2-amount-error"><span class="govuk-visually-hidden">Error:<\/span> Enter the 2026\/27 amount with no more than 2 decimal places/,
    );
    expect(yearInputs(res.text)).toEqual(TEN_YEARS);
    expect(amountInputs(res.text)).toEqual(amounts);
    expect(await t.db('benefits').count({ n: '*' }).first()).toEqual({ n: 0 });
  });

  it('names the year in the rule messages too: a missing or wrong year, a repeated year, a qualitative amount', async () => {
    const years = await web
      .post('/projects/CS-001/benefits')
      .type('form')
      .send({ ...details, profileYear: ['2024/25', '', '2026/28'], profileAmount: ['', '500', '7'] });
    expect(years.status).toBe(422);
    expect(summary(years.text)).toEqual([
      '#f-profile-1-year Enter the financial year of the amount 500, like 2024/25',
      '#f-profile-2-year Year "2026/28": financial years run for one year: did you mean 2026/27?',
    ]);
    const repeated = await web
      .post('/projects/CS-001/benefits')
      .type('form')
      .send({ ...details, profileYear: ['2024/25', '2025/26', '2025-26'], profileAmount: ['', '10', '3'] });
    expect(summary(repeated.text)).toEqual([
      '#f-profile-2-year 2025/26 appears more than once: enter one amount per year',
    ]);
    const qualitative = await web
      .post('/projects/CS-001/benefits')
      .type('form')
      .send({ ...details, type: 'qualitative', profileYear: ['2024/25', '2025/26'], profileAmount: ['', '10'] });
    expect(summary(qualitative.text)).toEqual([
      '#f-profile-1-amount 2025/26: Qualitative benefits have no money value: leave the amount empty or choose a money type',
    ]);
    const early = await web
      .post('/projects/CS-001/benefits')
      .type('form')
      .send({ ...details, profileYear: ['2023/24', '2024/25'], profileAmount: ['1', ''] });
    expect(summary(early.text)).toEqual(["#f-profile-0-year 2023/24 is before the project's base year 2024/25"]);
    expect(await t.db('benefits').count({ n: '*' }).first()).toEqual({ n: 0 });
  });

  it('adds a year without saving when "Add a year" is pressed, keeping everything typed', async () => {
    const amounts = Array(10).fill('');
    amounts[9] = '77.70';
    const res = await web
      .post('/projects/CS-001/benefits')
      .type('form')
      .send({ ...details, owner: 'Head of HR', profileYear: TEN_YEARS, profileAmount: amounts, addYear: '1' });
    expect(res.status).toBe(200);
    expect(yearInputs(res.text)).toEqual([...TEN_YEARS, '2034/35']);
    expect(amountInputs(res.text)).toEqual([...amounts, '']);
    expect(res.text).toContain('value="Head of HR"');
    expect(res.text).toContain('value="Reduced agency spend"');
    expect(res.text).not.toContain('govuk-error-summary');
    expect(await t.db('benefits').count({ n: '*' }).first()).toEqual({ n: 0 });
    // The added row saves like any other; Save is the form's first (default) button.
    expect(res.text.indexOf('>Save benefit</button>')).toBeLessThan(res.text.indexOf('name="addYear"'));
    const saved = await web
      .post('/projects/CS-001/benefits')
      .type('form')
      .send({ ...details, profileYear: [...TEN_YEARS, '2034/35'], profileAmount: [...amounts, '1'] });
    expect(saved.status).toBe(303);
    expect(await profileRows()).toEqual([
      [2033, '7770'],
      [2034, '100'],
    ]);
  });
});

describe('the edit form', () => {
  it('shows the stored amounts among the years of the appraisal period, adds a year and drops a cleared one', async () => {
    const b = await aBenefit(t.ctx, 'CS-001', {
      profile: [
        { year: '2025/26', amount: '40000.00' },
        { year: '2026/27', amount: '100.00' },
      ],
    });
    const form = await web.get('/projects/CS-001/benefits/B1/edit');
    expect(yearInputs(form.text)).toEqual(TEN_YEARS);
    expect(amountInputs(form.text).slice(0, 3)).toEqual(['', '40000.00', '100.00']);
    const body = {
      ref: 'B1',
      title: 'Staff time saved',
      type: 'cashable',
      version: String(b.benefit.version),
      profileYear: TEN_YEARS,
      profileAmount: ['', '40000.00', '', ...Array(7).fill('')],
    };
    const more = await web
      .post('/projects/CS-001/benefits/B1/edit')
      .type('form')
      .send({ ...body, addYear: '1' });
    expect(more.status).toBe(200);
    expect(yearInputs(more.text)).toEqual([...TEN_YEARS, '2034/35']);
    expect(more.text).toContain(`name="version" value="${b.benefit.version}"`);
    const res = await web.post('/projects/CS-001/benefits/B1/edit').type('form').send(body);
    expect(res.status).toBe(303);
    expect(await profileRows()).toEqual([[2025, '4000000']]);
  });

  it('refuses "Add a year" to someone who may not change the project', async () => {
    await aBenefit(t.ctx, 'CS-001');
    const { webClient } = await import('../helpers/clients');
    const scrutiny = await webClient(t.app, t.db, 'scrutiny');
    const res = await scrutiny
      .post('/projects/CS-001/benefits/B1/edit')
      .type('form')
      .send({ ...details, ref: 'B1', profileYear: TEN_YEARS, profileAmount: [], addYear: '1' });
    expect(res.status).toBe(403);
  });
});

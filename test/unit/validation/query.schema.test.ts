import { z } from 'zod';
import { BadRequestError } from '../../../server/errors';
import { todayUkIso } from '../../../server/financial-year';
import {
  parseQuery,
  queryAsAt,
  queryChoice,
  queryCode,
  queryDate,
  queryFinancialYear,
  queryFlag,
  queryPattern,
  queryValues,
  queryWholeNumber,
  readQuery,
  type QueryMode,
} from '../../../server/validation/query.schema';

function errorOf(schema: z.ZodType, input: unknown): string {
  const r = schema.safeParse(input);
  if (r.success) throw new Error(`expected a problem, got ${JSON.stringify(r.data)}`);
  return r.error.issues[0].message;
}

const STATUSES = ['live', 'closed'] as const;
const builders = (mode: QueryMode) => ({
  date: queryDate(mode, 'from', { label: 'the start date', example: '2026-03-31' }),
  fy: queryFinancialYear(mode, 'from', { label: 'start year', title: 'From year' }),
  lenientFy: queryFinancialYear(mode, 'from', { label: 'start year', title: 'From year', lenient: true }),
  flag: queryFlag(mode, 'riskAdjusted', 'risk adjustment'),
  status: queryChoice(mode, 'status', { label: 'status', values: STATUSES, message: 'Choose a status from the list' }),
  code: queryCode(mode, 'project', { label: 'a project code', example: 'CS-001', max: 20 }),
  entity: queryPattern(mode, 'entity', {
    label: 'kind of record',
    pattern: /^[a-z_]{1,40}$/,
    page: 'Choose a kind of record from the list',
    api: 'entity must be an entity type, like cost_line',
  }),
  limit: queryWholeNumber(mode, 'limit', {
    label: 'limit',
    min: 1,
    max: 500,
    api: 'limit must be a whole number from 1 to 500',
    page: 'Choose a page size',
  }),
});
const page = builders('page');
const api = builders('api');

describe('query parameter builders: valid values', () => {
  it.each([
    ['page date, trimmed', page.date, ' 2025-06-30 ', '2025-06-30'],
    ['api date', api.date, '2024-02-29', '2024-02-29'],
    ['absent date', page.date, undefined, undefined],
    ['empty date', api.date, '', undefined],
    ['page blank date', page.date, '   ', undefined],
    ['page FY, lenient', page.fy, 'FY2024/25', 2024],
    ['page FY with a hyphen', page.fy, '2024-25', 2024],
    ['api FY, canonical', api.fy, '2024/25', 2024],
    ['api FY, lenient for exports', api.lenientFy, '2024-25', 2024],
    ['page flag true', page.flag, 'true', true],
    ['page flag on', page.flag, 'on', true],
    ['page flag anything else is no', page.flag, 'yes', false],
    ['page flag absent', page.flag, undefined, false],
    ['api flag off', api.flag, 'off', false],
    ['api flag false', api.flag, 'false', false],
    ['api flag on', api.flag, 'on', true],
    ['status', api.status, 'live', 'live'],
    ['code, upper-cased', page.code, 'cs-001', 'CS-001'],
    ['api code, upper-cased', api.code, 'cs', 'CS'],
    ['entity', api.entity, 'cost_line', 'cost_line'],
    ['whole number', api.limit, '500', 500],
    ['whole number, smallest', page.limit, '1', 1],
  ])('%s', (_name, schema, input, expected) => {
    expect(schema.parse(input)).toEqual(expected);
  });

  it('gives today (the UK date) for an absent as-at date, in both modes', () => {
    expect(queryAsAt('page').parse(undefined)).toBe(todayUkIso());
    expect(queryAsAt('api').parse('')).toBe(todayUkIso());
    expect(queryAsAt('api').parse('2025-06-30')).toBe('2025-06-30');
    expect(queryAsAt('page').parse(todayUkIso())).toBe(todayUkIso());
  });
});

describe('queryAsAt: no as-at date after today', () => {
  const tomorrow = () => {
    const t = new Date(`${todayUkIso()}T12:00:00Z`);
    t.setUTCDate(t.getUTCDate() + 1);
    return t.toISOString().slice(0, 10);
  };

  it.each([
    ['page', 'The as-at date must be today or earlier'],
    ['api', `asAt must be today (${todayUkIso()}) or earlier`],
  ] as const)('%s: refuses tomorrow with %s', (mode, message) => {
    for (const date of [tomorrow(), '2999-12-31']) {
      const r = queryAsAt(mode).safeParse(date);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0].message).toBe(message);
    }
  });

  it('names asAt in the API’s 400', () => {
    const schema = z.object({ asAt: queryAsAt('api') });
    expect(() => parseQuery(schema, { asAt: '2999-01-01' })).toThrow(BadRequestError);
    try {
      parseQuery(schema, { asAt: '2999-01-01' });
    } catch (err) {
      expect(err).toMatchObject({ status: 400, field: 'asAt' });
    }
  });
});

describe('query parameter builders: invalid values and their exact messages', () => {
  it.each([
    ['page date', page.date, '2025-02-30', 'Enter the start date as a real date, like 2026-03-31'],
    ['api date', api.date, '31/03/2025', 'from must be a date in the form YYYY-MM-DD'],
    ['api date is not trimmed', api.date, '2025-13-01', 'from must be a date in the form YYYY-MM-DD'],
    ['page date given twice', page.date, ['2025-01-01', '2025-01-02'], 'Choose one start date'],
    ['api date given twice', api.date, ['2025-01-01', '2025-01-02'], 'Give from once'],
    ['page FY', page.fy, 'banana', 'From year: Enter a financial year like 2024/25'],
    ['page FY, two years', page.fy, '2024/26', 'From year: Financial years run for one year: did you mean 2024/25?'],
    ['api FY', api.fy, '2024-25', 'from: Enter a financial year in the form "2024/25"'],
    ['api FY, lenient', api.lenientFy, '2024', 'from: Enter a financial year like 2024/25'],
    ['page FY given twice', page.fy, ['2024/25', '2025/26'], 'Choose one start year'],
    ['page flag given twice', page.flag, ['true', 'true'], 'Choose one risk adjustment'],
    ['api flag', api.flag, 'yes', 'riskAdjusted must be true or false'],
    ['page status', page.status, 'done', 'Choose a status from the list'],
    ['api status', api.status, 'done', 'status must be one of live, closed'],
    ['page code', page.code, 'CS 001', 'Enter a project code like CS-001'],
    ['api code', api.code, '-CS', 'project must be a code like CS-001'],
    ['api code too long', api.code, 'A'.repeat(21), 'project must be a code like CS-001'],
    ['page code given twice', page.code, ['CS-001', 'CS-002'], 'Choose one project code'],
    ['page entity', page.entity, 'Cost line', 'Choose a kind of record from the list'],
    ['api entity', api.entity, 'Cost line', 'entity must be an entity type, like cost_line'],
    ['api number too big', api.limit, '501', 'limit must be a whole number from 1 to 500'],
    ['api number too small', api.limit, '0', 'limit must be a whole number from 1 to 500'],
    ['api number not a number', api.limit, 'ten', 'limit must be a whole number from 1 to 500'],
    ['api number given twice', api.limit, ['1', '2'], 'Give limit once'],
    ['page number', page.limit, '1.5', 'Choose a page size'],
  ])('%s', (_name, schema, input, message) => {
    expect(errorOf(schema, input)).toBe(message);
  });
});

describe('readQuery', () => {
  const schema = z.object({ from: page.fy, riskAdjusted: page.flag, asAt: queryAsAt('page') });

  it('reads every parameter, ignoring ones it does not know', () => {
    expect(readQuery(schema, { from: '2024/25', riskAdjusted: 'on', asAt: '2025-06-30', other: 'x' })).toEqual({
      data: { from: 2024, riskAdjusted: true, asAt: '2025-06-30' },
      errors: {},
    });
  });

  it('gives a bad parameter its message and its absent value, and still applies the others', () => {
    expect(readQuery(schema, { from: 'banana', riskAdjusted: 'true', asAt: '2025-02-30' })).toEqual({
      data: { from: undefined, riskAdjusted: true, asAt: todayUkIso() },
      errors: {
        from: 'From year: Enter a financial year like 2024/25',
        asAt: 'Enter the as-at date as a real date, like 2026-03-31',
      },
    });
  });
});

describe('parseQuery', () => {
  const schema = z.object({ status: api.status, from: api.fy });

  it('returns the typed parameters', () => {
    expect(parseQuery(schema, { status: 'closed', from: '2023/24' })).toEqual({ status: 'closed', from: 2023 });
  });

  it('throws a 400 naming the first bad parameter', () => {
    let err: unknown;
    try {
      parseQuery(schema, { status: 'nope', from: 'nope' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err).toMatchObject({
      status: 400,
      code: 'bad_request',
      field: 'status',
      message: 'status must be one of live, closed',
    });
  });
});

describe('queryValues', () => {
  it('gives each parameter as typed, trimmed and cut short, and empty when absent or repeated', () => {
    expect(queryValues({ a: ' x ', b: ['1', '2'], d: 'y'.repeat(50) }, ['a', 'b', 'c', 'd'])).toEqual({
      a: 'x',
      b: '',
      c: '',
      d: 'y'.repeat(40),
    });
  });
});

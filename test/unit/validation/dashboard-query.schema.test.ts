import { todayUkIso } from '../../../server/financial-year';
import { readDashboardQuery, readRankingSort } from '../../../server/validation/dashboard-query.schema';

const CODES = { directorateCodes: ['CS', 'RES'] };
const EMPTY_VALUES = {
  directorate: '',
  status: '',
  from: '',
  to: '',
  asAt: '',
  riskAdjusted: false,
  verifiedOnly: false,
};

/** The filter of an empty query: as at today, not risk-adjusted, nothing else. */
const unfiltered = () => ({
  directorateCode: undefined,
  status: undefined,
  fromFy: undefined,
  toFy: undefined,
  asAt: todayUkIso(),
  riskAdjusted: false,
  verifiedOnly: false,
});

describe('readDashboardQuery: valid filters', () => {
  it('gives today, unadjusted and unfiltered for an empty query', () => {
    expect(readDashboardQuery({}, CODES)).toEqual({
      filter: unfiltered(),
      values: EMPTY_VALUES,
      errors: {},
    });
  });

  it.each([
    [{ directorate: 'res' }, { directorateCode: 'RES' }, { directorate: 'RES' }],
    [{ status: 'live' }, { status: 'live' }, { status: 'live' }],
    [
      { from: '2025-26', to: 'FY2025/26' },
      { fromFy: 2025, toFy: 2025 },
      { from: '2025-26', to: 'FY2025/26' },
    ],
    [{ asAt: ' 2025-06-30 ' }, { asAt: '2025-06-30' }, { asAt: '2025-06-30' }],
    [{ riskAdjusted: 'true' }, { riskAdjusted: true }, { riskAdjusted: true }],
    [{ riskAdjusted: 'on' }, { riskAdjusted: true }, { riskAdjusted: true }],
    [{ riskAdjusted: 'nope' }, { riskAdjusted: false }, {}],
    // C10: realised counts only verified realisations when asked.
    [{ verifiedOnly: 'true' }, { verifiedOnly: true }, { verifiedOnly: true }],
  ])('reads %j', (raw, filter, values) => {
    const r = readDashboardQuery(raw, CODES);
    expect(r.errors).toEqual({});
    expect(r.filter).toMatchObject(filter);
    expect(r.values).toEqual({ ...EMPTY_VALUES, ...values });
  });

  it("uses the directorate page's own directorate and ignores the query's", () => {
    const r = readDashboardQuery({ directorate: ['ZZ', 'YY'] }, { directorate: 'CS' });
    expect(r.errors).toEqual({});
    expect(r.filter.directorateCode).toBe('CS');
    expect(r.values.directorate).toBe('CS');
  });
});

describe('readDashboardQuery: bad filters are ignored, each with its message', () => {
  it.each([
    [{ from: 'banana' }, { from: 'From year: Enter a financial year like 2024/25' }],
    [{ to: '2024' }, { to: 'To year: Enter a financial year like 2024/25' }],
    [{ from: '2026/27', to: '2024/25' }, { to: 'The "to" year must be the same as or after the "from" year' }],
    [{ asAt: '2025-02-30' }, { asAt: 'Enter the as-at date as a real date, like 2026-03-31' }],
    [{ asAt: '2999-01-01' }, { asAt: 'The as-at date must be today or earlier' }],
    [{ directorate: 'zz' }, { directorate: 'There is no directorate with code ZZ' }],
    [{ directorate: '<script>' }, { directorate: 'There is no directorate with code <SCRIPT>' }],
    [{ status: 'bogus' }, { status: 'Choose a status from the list' }],
    [{ status: ['live', 'closed'] }, { status: 'Choose one status' }],
    [{ from: ['2024/25', '2025/26'] }, { from: 'Choose one start year' }],
    [{ to: ['2024/25', '2025/26'] }, { to: 'Choose one end year' }],
    [{ asAt: ['2025-01-01', '2025-01-02'] }, { asAt: 'Choose one as-at date' }],
    [{ directorate: ['CS', 'RES'] }, { directorate: 'Choose one directorate' }],
    [{ riskAdjusted: ['on', 'on'] }, { riskAdjusted: 'Choose one risk adjustment' }],
  ])('%j', (raw, errors) => {
    const r = readDashboardQuery(raw, CODES);
    expect(r.errors).toEqual(errors);
    expect(r.filter).toEqual(unfiltered());
  });

  it('keeps the good filters beside a bad one, and what was typed', () => {
    const r = readDashboardQuery({ status: 'live', from: 'banana', asAt: '2025-06-30' }, CODES);
    expect(r.errors).toEqual({ from: 'From year: Enter a financial year like 2024/25' });
    expect(r.filter).toMatchObject({ status: 'live', fromFy: undefined, asAt: '2025-06-30' });
    expect(r.values).toEqual({ ...EMPTY_VALUES, status: 'live', from: 'banana', asAt: '2025-06-30' });
  });
});

describe('readRankingSort', () => {
  it.each([
    [{}, { key: 'npv', dir: 'desc' }],
    [
      { sort: 'bcr', dir: 'asc' },
      { key: 'bcr', dir: 'asc' },
    ],
    [{ sort: 'realisation' }, { key: 'realisation', dir: 'desc' }],
    [
      { sort: 'nonsense', dir: 'sideways' },
      { key: 'npv', dir: 'desc' },
    ],
    [
      { sort: ['bcr', 'npv'], dir: ['asc'] },
      { key: 'npv', dir: 'desc' },
    ],
  ])('reads %j, falling back to NPV, highest first', (raw, sort) => {
    expect(readRankingSort(raw)).toEqual(sort);
  });
});

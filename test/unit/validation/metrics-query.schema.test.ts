import { BadRequestError } from '../../../server/errors';
import { todayUkIso } from '../../../server/financial-year';
import {
  parseAggregateMetricsQuery,
  parseProjectListQuery,
  parseProjectMetricsQuery,
  readExportFilters,
  readPageMetricsQuery,
} from '../../../server/validation/metrics-query.schema';

function problemOf(fn: () => unknown): { field?: string; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof BadRequestError) return { field: err.field, message: err.message };
    throw err;
  }
  throw new Error('expected a 400');
}

describe('readPageMetricsQuery (project page)', () => {
  it.each([
    [
      {},
      { asAt: todayUkIso(), riskAdjusted: false, verifiedOnly: false },
      { asAt: '', riskAdjusted: '', verifiedOnly: '' },
    ],
    [
      { asAt: ' 2025-06-30 ', riskAdjusted: 'on' },
      { asAt: '2025-06-30', riskAdjusted: true, verifiedOnly: false },
      { asAt: '2025-06-30', riskAdjusted: 'true', verifiedOnly: '' },
    ],
    [
      { riskAdjusted: 'false' },
      { asAt: todayUkIso(), riskAdjusted: false, verifiedOnly: false },
      { asAt: '', riskAdjusted: '', verifiedOnly: '' },
    ],
    // C10: verified realisations only.
    [
      { verifiedOnly: 'on' },
      { asAt: todayUkIso(), riskAdjusted: false, verifiedOnly: true },
      { asAt: '', riskAdjusted: '', verifiedOnly: 'true' },
    ],
  ])('reads %j', (raw, opts, values) => {
    expect(readPageMetricsQuery(raw)).toEqual({ opts, values, errors: {} });
  });

  it('falls back to today with a message for a date that does not exist, keeping what was typed', () => {
    expect(readPageMetricsQuery({ asAt: '2025-02-30' })).toEqual({
      opts: { asAt: todayUkIso(), riskAdjusted: false, verifiedOnly: false },
      values: { asAt: '2025-02-30', riskAdjusted: '', verifiedOnly: '' },
      errors: { asAt: 'Enter the as-at date as a real date, like 2026-03-31' },
    });
  });

  it('falls back to today with a message for a date after today, keeping what was typed', () => {
    expect(readPageMetricsQuery({ asAt: '2999-01-01' })).toEqual({
      opts: { asAt: todayUkIso(), riskAdjusted: false, verifiedOnly: false },
      values: { asAt: '2999-01-01', riskAdjusted: '', verifiedOnly: '' },
      errors: { asAt: 'The as-at date must be today or earlier' },
    });
  });
});

describe('metrics API queries', () => {
  it('reads the project metrics options', () => {
    expect(parseProjectMetricsQuery({ asAt: '2025-06-01', riskAdjusted: 'true' })).toEqual({
      asAt: '2025-06-01',
      riskAdjusted: true,
      verifiedOnly: false,
    });
    expect(parseProjectMetricsQuery({})).toEqual({ asAt: todayUkIso(), riskAdjusted: false, verifiedOnly: false });
    expect(parseProjectMetricsQuery({ verifiedOnly: 'true' }).verifiedOnly).toBe(true);
  });

  it('reads the portfolio filters and options', () => {
    expect(
      parseAggregateMetricsQuery({
        directorate: 'cs',
        status: 'live',
        from: '2024/25',
        to: '2026/27',
        asAt: '2025-06-01',
        baseYear: '2023/24',
      }),
    ).toEqual({
      filter: { directorateCode: 'CS', status: 'live', fromFy: 2024, toFy: 2026 },
      opts: { asAt: '2025-06-01', riskAdjusted: false, verifiedOnly: false, baseFy: 2023 },
    });
  });

  it("takes a directorate's code from the path and ignores ?directorate=", () => {
    expect(parseAggregateMetricsQuery({ directorate: '!!' }, 'RES').filter).toEqual({
      directorateCode: 'RES',
      status: undefined,
      fromFy: undefined,
      toFy: undefined,
    });
  });

  it.each([
    [{ asAt: '2025-13-01' }, 'asAt', 'asAt must be a date in the form YYYY-MM-DD'],
    [{ asAt: ['2025-01-01', '2025-01-02'] }, 'asAt', 'Give asAt once'],
    [{ riskAdjusted: 'maybe' }, 'riskAdjusted', 'riskAdjusted must be true or false'],
    [{ status: 'done' }, 'status', 'status must be one of proposed, approved, in_delivery, live, closed, cancelled'],
    [{ from: '2024-25' }, 'from', 'from: Enter a financial year in the form "2024/25"'],
    [{ baseYear: '2030' }, 'baseYear', 'baseYear: Enter a financial year in the form "2024/25"'],
    [{ directorate: 'C S' }, 'directorate', 'directorate must be a code like CS'],
    [{ directorate: 'C S', status: 'done' }, 'directorate', 'directorate must be a code like CS'],
  ])('refuses %j with a 400 naming %s', (raw, field, message) => {
    expect(problemOf(() => parseAggregateMetricsQuery(raw))).toEqual({ field, message });
  });

  it('refuses a bad option on the project metrics too', () => {
    expect(problemOf(() => parseProjectMetricsQuery({ asAt: 'yesterday' }))).toEqual({
      field: 'asAt',
      message: 'asAt must be a date in the form YYYY-MM-DD',
    });
  });
});

describe('parseProjectListQuery', () => {
  it('reads the directorate and status', () => {
    expect(parseProjectListQuery({ directorate: 'cs', status: 'live', limit: '10' })).toEqual({
      directorateCode: 'CS',
      status: 'live',
    });
  });

  it('refuses a bad status by name', () => {
    expect(problemOf(() => parseProjectListQuery({ status: 'done' }))).toEqual({
      field: 'status',
      message: 'status must be one of proposed, approved, in_delivery, live, closed, cancelled',
    });
  });
});

describe('readExportFilters', () => {
  it('reads the metrics filters, with lenient years, and keeps the given values for the links', () => {
    expect(readExportFilters({ directorate: 'CS', from: '2024-25', riskAdjusted: 'on', status: '' })).toEqual({
      values: { directorate: 'CS', from: '2024-25', riskAdjusted: 'on' },
      errors: {},
      filter: { directorateCode: 'CS', status: undefined, fromFy: 2024, toFy: undefined },
      opts: { asAt: todayUkIso(), riskAdjusted: true, verifiedOnly: false },
    });
  });

  it.each([
    [{ from: '2024' }, { from: 'from: Enter a financial year like 2024/25' }],
    [{ asAt: 'yesterday' }, { asAt: 'asAt must be a date in the form YYYY-MM-DD' }],
    [
      { status: 'done', riskAdjusted: 'maybe' },
      {
        status: 'status must be one of proposed, approved, in_delivery, live, closed, cancelled',
        riskAdjusted: 'riskAdjusted must be true or false',
      },
    ],
  ])('names each bad filter in %j', (raw, errors) => {
    expect(readExportFilters(raw).errors).toEqual(errors);
  });
});

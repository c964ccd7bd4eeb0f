import { Decimal } from '../../../server/money';
import { matchHeader, unquote } from '../../../server/io/header';
import { columnNames, LAYOUTS } from '../../../server/io/layouts';
import { confidence, costRowSchema } from '../../../server/validation/import-rows.schema';

describe('matchHeader', () => {
  it('takes the exact names in any case and order', () => {
    const m = matchHeader('costs', ['AMOUNT', ' Year ', 'project_code', 'Kind', 'category'], 1);
    expect(m.problems).toEqual([]);
    expect([...m.index]).toEqual([
      ['amount', 0],
      ['year', 1],
      ['project_code', 2],
      ['kind', 3],
      ['category', 4],
    ]);
  });

  it('names unknown, blank, repeated and missing columns', () => {
    const m = matchHeader('costs', ['project_code', 'year', 'year', 'Amount ', 'colour', ''], 3);
    expect(m.problems).toEqual([
      { line: 3, column: 'year', message: 'The column "year" appears more than once: keep one' },
      {
        line: 3,
        column: null,
        message:
          'Unknown columns "colour", (blank, column 6): the cost lines columns are project_code, year, kind, funding, category, recurrence, amount, description, reference, credit',
      },
      {
        line: 3,
        column: 'kind',
        message: 'The column "kind" is missing: the file needs project_code, year, kind, category, amount',
      },
      {
        line: 3,
        column: 'category',
        message: 'The column "category" is missing: the file needs project_code, year, kind, category, amount',
      },
    ]);
  });

  it('asks realisations files for an amount or a value column', () => {
    expect(matchHeader('realisations', ['project_code', 'benefit_ref', 'year'], 1).problems).toEqual([
      { line: 1, column: null, message: 'The file needs a column "amount" or "value"' },
    ]);
    expect(matchHeader('realisations', ['project_code', 'benefit_ref', 'year', 'value'], 1).problems).toEqual([]);
  });

  it('documents every column of every layout, in export order', () => {
    expect(columnNames('costs')).toEqual([
      'project_code',
      'year',
      'kind',
      'funding',
      'category',
      'recurrence',
      'amount',
      'description',
      'reference',
      'credit',
    ]);
    expect(columnNames('profiles')).toEqual([
      'project_code',
      'benefit_ref',
      'title',
      'type',
      'category',
      'year',
      'expected_amount',
      'confidence',
      'owner',
      'disbenefit',
    ]);
    expect(columnNames('realisations')).toEqual([
      'project_code',
      'benefit_ref',
      'year',
      'amount',
      'value',
      'evidence',
      'correction',
    ]);
    for (const layout of Object.values(LAYOUTS))
      for (const c of layout.columns) expect(c.description.length).toBeGreaterThan(5);
  });
});

describe('unquote', () => {
  it.each([
    ["'=SUM(A1)", '=SUM(A1)'],
    ["'-5 adjustment", '-5 adjustment'],
    ["'+44", '+44'],
    ["'@x", '@x'],
    ["'plain", "'plain"],
    ["'", "'"],
    ['=A1', '=A1'],
  ])('%p → %p', (cell, text) => {
    expect(unquote(cell)).toBe(text);
  });
});

describe('confidence', () => {
  const schema = confidence();
  it.each([
    ['0.8', '0.8'],
    ['80%', '0.8'],
    ['80 %', '0.8'],
    ['12.5%', '0.125'],
    ['1', '1'],
    ['0', '0'],
    ['100%', '1'],
    ['0.1234', '0.1234'],
    ['', '1'],
    [undefined, '1'],
  ])('accepts %p as %p', (input, value) => {
    const r = schema.safeParse(input);
    expect(r.success && (r.data as Decimal).toString()).toBe(value);
  });

  it.each([
    ['80', 'Enter a confidence between 0 and 1, or between 0% and 100%'],
    ['101%', 'Enter a confidence between 0 and 1, or between 0% and 100%'],
    ['-0.1', 'Enter the confidence as a fraction like 0.8 or a percentage like 80%'],
    ['high', 'Enter the confidence as a fraction like 0.8 or a percentage like 80%'],
    ['8e-1', 'Enter the confidence as a fraction like 0.8 or a percentage like 80%'],
    ['0.12345', 'Enter the confidence with no more than 4 decimal places (2 in a percentage)'],
    ['12.345%', 'Enter the confidence with no more than 4 decimal places (2 in a percentage)'],
  ])('refuses %p', (input, message) => {
    const r = schema.safeParse(input);
    expect(r.success ? null : r.error.issues[0].message).toBe(message);
  });
});

describe('costRowSchema (the form grammar, C1 and C2)', () => {
  const parseField = (name: keyof typeof costRowSchema.shape, v: unknown) => costRowSchema.shape[name].safeParse(v);
  it.each(['£1,234.50', '1234.5', '-£5.00', '0', '1,000,000'])('accepts the amount %p', (v) => {
    expect(parseField('amount', v).success).toBe(true);
  });
  it.each(['1e5', '12.345', '$5', '1.234,50', 'NaN', 'Infinity', ''])('refuses the amount %p', (v) => {
    expect(parseField('amount', v).success).toBe(false);
  });
  it.each([
    ['2024/25', 2024],
    ['2024-25', 2024],
    ['FY2024/25', 2024],
    ['fy2024-25', 2024],
  ])('reads the year %p as %p', (v, fy) => {
    const r = parseField('year', v);
    expect(r.success && r.data).toBe(fy);
  });
  it('reads kinds and categories in any case', () => {
    expect(parseField('kind', ' Actual ').data).toBe('actual');
    expect(parseField('category', 'REVENUE_ONE_OFF').data).toBe('revenue_one_off');
  });
});

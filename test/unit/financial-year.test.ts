import {
  MAX_FY,
  MIN_FY,
  fyBounds,
  fyLabel,
  fyOfDate,
  parseFyApi,
  parseFyInput,
  parseIsoDate,
  todayIso,
  todayUkIso,
  currentFy,
  type FyParse,
} from '../../server/financial-year';

function valueOf(r: FyParse): number {
  if (!r.ok) throw new Error(`expected a financial year, got error: ${r.error}`);
  return r.value;
}

function errorOf(r: FyParse): string {
  if (r.ok) throw new Error(`expected a rejection, got ${r.value}`);
  return r.error;
}

describe('parseFyInput (forms and CSV, C2)', () => {
  const accepted: [string, number][] = [
    ['2024/25', 2024],
    ['2024-25', 2024],
    ['FY2024/25', 2024],
    ['FY2024-25', 2024],
    ['fy2024-25', 2024],
    ['Fy2024/25', 2024],
    ['FY 2024/25', 2024],
    [' 2024/25 ', 2024],
    ['\t2024-25\n', 2024],
    ['1999/00', 1999],
    ['2099/00', 2099],
    ['2009/10', 2009],
    ['1900/01', 1900],
    ['2199/00', 2199],
  ];

  it.each(accepted)('accepts %j as the year starting %d', (input, expected) => {
    expect(valueOf(parseFyInput(input))).toBe(expected);
  });

  const rejected: [unknown, RegExp][] = [
    ['2024/26', /run for one year: did you mean 2024\/25\?/],
    ['2024/24', /did you mean 2024\/25\?/],
    ['1999/01', /did you mean 1999\/00\?/],
    ['2099/01', /did you mean 2099\/00\?/],
    ['2024', /like 2024\/25/],
    ['24/25', /like 2024\/25/],
    ['2024/2025', /like 2024\/25/],
    ['2024/5', /like 2024\/25/],
    ['2024 25', /like 2024\/25/],
    ['2024_25', /like 2024\/25/],
    ['FY-2024/25', /like 2024\/25/],
    ['FY2024', /like 2024\/25/],
    ['2024/25/26', /like 2024\/25/],
    ['', /^Enter a financial year, for example 2024\/25$/],
    ['   ', /^Enter a financial year, for example 2024\/25$/],
    [2024, /^Enter a financial year, for example 2024\/25$/],
    [null, /^Enter a financial year, for example 2024\/25$/],
    [undefined, /^Enter a financial year, for example 2024\/25$/],
    [['2024/25'], /^Enter a financial year, for example 2024\/25$/],
    ['1899/00', /between 1900\/01 and 2199\/00/],
    ['2200/01', /between 1900\/01 and 2199\/00/],
    ['0000/01', /between 1900\/01 and 2199\/00/],
    ['9999/00', /between 1900\/01 and 2199\/00/],
  ];

  it.each(rejected)('rejects %p with a message matching %s', (input, message) => {
    expect(errorOf(parseFyInput(input))).toMatch(message);
  });
});

describe('parseFyApi (canonical label only, C2)', () => {
  it.each([
    ['2024/25', 2024],
    ['1999/00', 1999],
    ['2099/00', 2099],
    ['1900/01', 1900],
    ['2199/00', 2199],
  ] as [string, number][])('accepts the canonical label %j', (input, expected) => {
    expect(valueOf(parseFyApi(input))).toBe(expected);
  });

  it.each([
    ['2024-25'],
    ['FY2024/25'],
    ['fy2024-25'],
    [' 2024/25'],
    ['2024/25 '],
    ['2024'],
    ['24/25'],
    ['2024/2025'],
    [''],
  ])('rejects the non-canonical %j and names the form', (input) => {
    expect(errorOf(parseFyApi(input))).toBe('Enter a financial year in the form "2024/25"');
  });

  it.each([[2024], [null], [undefined], [{ start: 2024 }]] as [unknown][])(
    'rejects the non-string %p and asks for a string',
    (input) => {
      expect(errorOf(parseFyApi(input))).toBe('Enter a financial year as a string like "2024/25"');
    },
  );

  it('still checks the end year and the range', () => {
    expect(errorOf(parseFyApi('2024/26'))).toMatch(/did you mean 2024\/25\?/);
    expect(errorOf(parseFyApi('1899/00'))).toMatch(/between 1900\/01 and 2199\/00/);
    expect(errorOf(parseFyApi('2200/01'))).toMatch(/between/);
  });
});

describe('fyLabel', () => {
  it.each([
    [2024, '2024/25'],
    [1999, '1999/00'],
    [2000, '2000/01'],
    [2009, '2009/10'],
    [2099, '2099/00'],
    [MIN_FY, '1900/01'],
    [MAX_FY, '2199/00'],
  ] as [number, string][])('labels %d as %s', (start, expected) => {
    expect(fyLabel(start)).toBe(expected);
  });

  it('round-trips with parseFyApi for every year in range', () => {
    for (let y = MIN_FY; y <= MAX_FY; y += 1) {
      expect(valueOf(parseFyApi(fyLabel(y)))).toBe(y);
    }
  });
});

describe('fyOfDate (C2: the year that contains the date)', () => {
  it.each([
    ['2025-04-01', 2025],
    ['2025-03-31', 2024],
    ['2025-01-01', 2024],
    ['2024-12-31', 2024],
    ['2024-02-29', 2023],
    ['2024-04-30', 2024],
    ['2000-03-31', 1999],
    ['2000-04-01', 2000],
  ] as [string, number][])('puts %s in the year starting %d', (date, expected) => {
    expect(fyOfDate(date)).toBe(expected);
  });

  it.each([
    [new Date(Date.UTC(2025, 3, 1)), 2025],
    [new Date(Date.UTC(2025, 2, 31, 23, 59, 59)), 2024],
    [new Date('2024-02-29T12:00:00Z'), 2023],
    [new Date('2025-04-01T00:00:00Z'), 2025],
  ] as [Date, number][])('puts the Date %p in the year starting %d (UTC)', (date, expected) => {
    expect(fyOfDate(date)).toBe(expected);
  });

  it.each([['2025-02-30'], ['not a date'], ['2025-1-1'], ['']])('throws on the impossible date %j', (input) => {
    expect(() => fyOfDate(input)).toThrow(/Not a date/);
  });

  it('throws on an invalid Date object rather than returning NaN', () => {
    expect(() => fyOfDate(new Date('nonsense'))).toThrow(/Not a date/);
  });
});

describe('parseIsoDate', () => {
  it.each([
    ['2025-04-01', { year: 2025, month: 4, day: 1 }],
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['2000-02-29', { year: 2000, month: 2, day: 29 }],
    ['2025-12-31', { year: 2025, month: 12, day: 31 }],
    [' 2025-06-30 ', { year: 2025, month: 6, day: 30 }],
  ] as [string, { year: number; month: number; day: number }][])('reads %j', (input, expected) => {
    expect(parseIsoDate(input)).toEqual(expected);
  });

  it.each([
    ['2025-02-30'],
    ['2025-02-29'],
    ['1900-02-29'],
    ['2025-04-31'],
    ['2025-13-01'],
    ['2025-00-10'],
    ['2025-01-00'],
    ['2025-1-1'],
    ['25-01-01'],
    ['2025/01/01'],
    ['01-01-2025'],
    ['2025-01-01T00:00:00Z'],
    [''],
    [20250101],
    [null],
    [new Date('2025-01-01')],
  ] as [unknown][])('refuses %p', (input) => {
    expect(parseIsoDate(input)).toBeNull();
  });
});

describe('fyBounds', () => {
  it.each([
    [2024, { from: '2024-04-01', to: '2025-03-31' }],
    [1999, { from: '1999-04-01', to: '2000-03-31' }],
    [2099, { from: '2099-04-01', to: '2100-03-31' }],
  ] as [number, { from: string; to: string }][])('gives the first and last day of %d', (start, expected) => {
    expect(fyBounds(start)).toEqual(expected);
  });

  it('has bounds that fyOfDate puts back in the same year', () => {
    for (const y of [1999, 2023, 2024, 2099]) {
      const { from, to } = fyBounds(y);
      expect(fyOfDate(from)).toBe(y);
      expect(fyOfDate(to)).toBe(y);
    }
  });
});

describe('todayIso', () => {
  it('writes the UTC date of the given moment', () => {
    expect(todayIso(new Date('2025-03-31T23:30:00Z'))).toBe('2025-03-31');
    expect(todayIso(new Date('2025-04-01T00:00:00Z'))).toBe('2025-04-01');
  });
});

describe("todayUkIso and currentFy (C6: the financial year containing today's UK date)", () => {
  it.each([
    // GMT in winter: the UK date is the UTC date.
    ['2026-01-15T23:30:00Z', '2026-01-15', 2025],
    ['2026-03-29T00:30:00Z', '2026-03-29', 2025],
    // BST from the last Sunday of March: 23:30 UTC on 31 March is already 1 April in London.
    ['2025-03-31T23:30:00Z', '2025-04-01', 2025],
    ['2025-03-31T22:59:59Z', '2025-03-31', 2024],
    ['2026-12-02T07:25:00Z', '2026-12-02', 2026],
  ])('at %s the UK date is %s, in the year starting %p', (instant, date, fy) => {
    expect(todayUkIso(new Date(instant))).toBe(date);
    expect(currentFy(new Date(instant))).toBe(fy);
  });
});

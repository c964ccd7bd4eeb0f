import { ValidationError } from '../../../server/errors';
import { realisationSchema } from '../../../server/validation/realisations.schema';
import { parseOrThrow, toFieldErrors, type InputMode } from '../../../server/validation/fields';

function errorsOf(mode: InputMode, input: unknown): Record<string, string> {
  const r = realisationSchema(mode).safeParse(input);
  if (r.success) throw new Error(`expected a validation error, got ${JSON.stringify(r.data)}`);
  return toFieldErrors(r.error);
}

const minimal = { year: '2024/25', recordedBy: 'Benefits lead', recordedOn: '2025-03-31' };

describe.each(['form', 'api'] as InputMode[])('realisationSchema (%s)', (mode) => {
  it('parses a realisation without an amount (a qualitative measure) and fills defaults', () => {
    expect(parseOrThrow(realisationSchema(mode), { ...minimal, value: '95% online' })).toEqual({
      year: 2024,
      amount: null,
      value: '95% online',
      isCorrection: false,
      evidence: '',
      recordedBy: 'Benefits lead',
      recordedOn: '2025-03-31',
      // C10: only an edit of a verified realisation needs a reason.
      changeReason: '',
    });
  });

  it.each([[''], [null], ['  ']])('reads an amount of %p as no amount', (amount) => {
    expect(parseOrThrow(realisationSchema(mode), { ...minimal, amount }).amount).toBeNull();
  });

  it('parses a money amount exactly', () => {
    const out = parseOrThrow(realisationSchema(mode), { ...minimal, amount: '12345.67', evidence: 'Ledger' });
    expect(out.amount?.equals('12345.67')).toBe(true);
  });

  it.each([
    ['no evidence', {}],
    ['blank evidence', { evidence: '   ' }],
    ['the words pages show for none', { evidence: 'no evidence recorded' }],
  ])('refuses an amount with %s, on the evidence field', (_what, change) => {
    expect(errorsOf(mode, { ...minimal, amount: '85000', ...change })).toEqual({
      evidence:
        'Enter the evidence for the amount realised: where the figure comes from (a report, a ledger extract) or a link to it',
    });
  });

  it('accepts a link as the evidence for an amount', () => {
    const evidence = 'https://intranet.example/benefits/ledger-q4.xlsx';
    expect(parseOrThrow(realisationSchema(mode), { ...minimal, amount: '85000', evidence }).evidence).toBe(evidence);
  });

  it('refuses a negative amount unless it is marked a correction', () => {
    expect(errorsOf(mode, { ...minimal, amount: '-50', evidence: 'Ledger' })).toEqual({
      amount: 'Enter an amount of £0 or more, or mark this as a correction',
    });
  });

  it('accepts a negative amount marked as a correction', () => {
    const out = parseOrThrow(realisationSchema(mode), {
      ...minimal,
      evidence: 'Double count in Q2',
      amount: '-50.25',
      isCorrection: mode === 'api' ? true : 'on',
    });
    expect(out.isCorrection).toBe(true);
    expect(out.amount?.toString()).toBe('-50.25');
  });

  const invalid: [string, Record<string, unknown>, string, string][] = [
    [
      'a missing year',
      { year: undefined },
      'year',
      mode === 'api'
        ? 'Enter a financial year as a string like "2024/25"'
        : 'Enter a financial year, for example 2024/25',
    ],
    ['a year out of range', { year: '2200/01' }, 'year', 'Enter a financial year between 1900/01 and 2199/00'],
    ['an amount with 3 decimals', { amount: '1.001' }, 'amount', 'Enter an amount with no more than 2 decimal places'],
    [
      'an amount beyond the C1 range',
      { amount: '1000000000000' },
      'amount',
      'Enter an amount no larger than £999,999,999,999.99',
    ],
    [
      'a value of 101 characters',
      { value: 'v'.repeat(101) },
      'value',
      'Measured value must be 100 characters or fewer',
    ],
    [
      'evidence of 5001 characters',
      { evidence: 'e'.repeat(5001) },
      'evidence',
      'Evidence must be 5000 characters or fewer',
    ],
    ['a missing recorder', { recordedBy: undefined }, 'recordedBy', 'Enter who recorded it'],
    ['an empty recorder', { recordedBy: ' ' }, 'recordedBy', 'Enter who recorded it'],
    [
      'a recorder of 121 characters',
      { recordedBy: 'r'.repeat(121) },
      'recordedBy',
      'Who recorded it must be 120 characters or fewer',
    ],
    [
      'a missing date',
      { recordedOn: undefined },
      'recordedOn',
      'Enter the date recorded as a real date, like 2025-06-30',
    ],
    [
      'an impossible date',
      { recordedOn: '2025-02-30' },
      'recordedOn',
      'Enter the date recorded as a real date, like 2025-06-30',
    ],
    [
      'a date without leading zeros',
      { recordedOn: '2025-1-1' },
      'recordedOn',
      'Enter the date recorded as a real date, like 2025-06-30',
    ],
    [
      'a month 13',
      { recordedOn: '2025-13-01' },
      'recordedOn',
      'Enter the date recorded as a real date, like 2025-06-30',
    ],
  ];

  it.each(invalid)('rejects %s with a message on that field', (_what, change, field, message) => {
    expect(errorsOf(mode, { ...minimal, ...change })).toEqual({ [field]: message });
  });
});

describe('realisationSchema (form)', () => {
  it('accepts a lenient year, £ and commas, and trims the date', () => {
    const out = parseOrThrow(realisationSchema('form'), {
      ...minimal,
      year: 'FY2024-25',
      amount: '£1,500',
      evidence: 'Ledger',
      recordedOn: ' 2025-03-31 ',
      _csrf: 't',
    });
    expect(out.year).toBe(2024);
    expect(out.amount?.toString()).toBe('1500');
    expect(out.recordedOn).toBe('2025-03-31');
    expect(out).not.toHaveProperty('_csrf');
  });

  it('rejects an unclear correction flag', () => {
    expect(errorsOf('form', { ...minimal, isCorrection: 'perhaps' })).toEqual({
      isCorrection: 'Correction must be yes or no',
    });
  });
});

describe('realisationSchema (api)', () => {
  const invalid: [string, Record<string, unknown>, string, string][] = [
    [
      'money sent as a JSON number',
      { amount: 50 },
      'amount',
      'Send money as a string, for example "1234.50", not a JSON number',
    ],
    [
      'an amount with £',
      { amount: '£50' },
      'amount',
      'Enter an amount as digits with an optional "-" and up to 2 decimals, for example "1234.50"',
    ],
    ['a lenient year', { year: 'FY2024/25' }, 'year', 'Enter a financial year in the form "2024/25"'],
    ['a correction flag sent as "on"', { isCorrection: 'on' }, 'isCorrection', 'Correction must be true or false'],
    [
      'a date sent as a number',
      { recordedOn: 20250331 },
      'recordedOn',
      'Enter the date recorded as a real date, like 2025-06-30',
    ],
    ['a recorder sent as a number', { recordedBy: 7 }, 'recordedBy', 'Enter who recorded it'],
  ];

  it.each(invalid)('rejects %s with a message on that field', (_what, change, field, message) => {
    expect(errorsOf('api', { ...minimal, ...change })).toEqual({ [field]: message });
  });

  it('refuses unknown fields by name', () => {
    expect(errorsOf('api', { ...minimal, benefitId: 4, amountPence: '100' })).toEqual({
      benefitId: 'Unknown field "benefitId"',
      amountPence: 'Unknown field "amountPence"',
    });
  });

  it('throws a ValidationError naming each bad field from parseOrThrow', () => {
    let caught: unknown;
    try {
      parseOrThrow(realisationSchema('api'), { year: '2024-25', amount: 1, recordedBy: '', recordedOn: 'yesterday' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect(Object.keys((caught as ValidationError).fields).sort()).toEqual([
      'amount',
      'recordedBy',
      'recordedOn',
      'year',
    ]);
  });
});

import { ValidationError } from '../../../server/errors';
import { costSchema } from '../../../server/validation/costs.schema';
import { parseOrThrow, toFieldErrors, type InputMode } from '../../../server/validation/fields';

function errorsOf(mode: InputMode, input: unknown): Record<string, string> {
  const r = costSchema(mode).safeParse(input);
  if (r.success) throw new Error(`expected a validation error, got ${JSON.stringify(r.data)}`);
  return toFieldErrors(r.error);
}

const validForm = {
  year: '2024-25',
  kind: 'planned',
  funding: 'capital',
  category: 'hardware',
  amount: '£1,234.50',
};
const validApi = { year: '2024/25', kind: 'actual', category: 'licences', amount: '1234.50' };

describe('costSchema (form)', () => {
  it('asks for capital or revenue on the form (issue 19)', () => {
    const { funding: _f, ...noFunding } = validForm;
    expect(errorsOf('form', noFunding)).toEqual({ funding: 'Select capital or revenue' });
  });

  it('parses a valid cost line, with £ and commas in the amount', () => {
    const out = parseOrThrow(costSchema('form'), {
      ...validForm,
      description: '  Servers ',
      reference: 'PO-1',
      _csrf: 't',
    });
    expect(out).toMatchObject({
      year: 2024,
      kind: 'planned',
      funding: 'capital',
      category: 'hardware',
      recurrence: null,
      isCredit: false,
      description: 'Servers',
      reference: 'PO-1',
    });
    expect(out.amount.equals('1234.5')).toBe(true);
    expect(out).not.toHaveProperty('_csrf');
  });

  it('defaults description and reference to empty strings', () => {
    const out = parseOrThrow(costSchema('form'), validForm);
    expect(out.description).toBe('');
    expect(out.reference).toBe('');
  });

  it('refuses a negative amount unless the line is marked a credit', () => {
    expect(errorsOf('form', { ...validForm, amount: '-£250' })).toEqual({
      amount: 'Enter an amount of £0 or more, or mark the line as a credit or refund',
    });
    expect(errorsOf('form', { ...validForm, amount: '-250', isCredit: 'off' })).toEqual({
      amount: 'Enter an amount of £0 or more, or mark the line as a credit or refund',
    });
  });

  it.each(['on', 'true', 'yes', '1'])('accepts a negative amount when isCredit is %j', (isCredit) => {
    const out = parseOrThrow(costSchema('form'), { ...validForm, amount: '-£250.10', isCredit });
    expect(out.isCredit).toBe(true);
    expect(out.amount.toString()).toBe('-250.1');
  });

  it('still accepts a positive amount on a credit line', () => {
    expect(parseOrThrow(costSchema('form'), { ...validForm, isCredit: 'on' }).amount.toString()).toBe('1234.5');
  });

  const invalid: [string, Record<string, unknown>, string, string][] = [
    ['a missing year', { year: undefined }, 'year', 'Enter a financial year, for example 2024/25'],
    [
      'a year spanning two years',
      { year: '2024/26' },
      'year',
      'Financial years run for one year: did you mean 2024/25?',
    ],
    ['a kind that is neither planned nor actual', { kind: 'forecast' }, 'kind', 'Select planned or actual'],
    ['a missing kind', { kind: undefined }, 'kind', 'Select planned or actual'],
    ['an unknown category', { category: 'travel' }, 'category', 'Select a category'],
    ['a missing amount', { amount: undefined }, 'amount', 'Enter an amount'],
    ['an empty amount', { amount: '' }, 'amount', 'Enter an amount'],
    ['an amount with 3 decimals', { amount: '1.234' }, 'amount', 'Enter an amount with no more than 2 decimal places'],
    [
      'an amount with an exponent',
      { amount: '1e5' },
      'amount',
      'Enter the amount as plain digits, without an exponent (like 1e5)',
    ],
    ['an amount in dollars', { amount: '$100' }, 'amount', 'Enter an amount in pounds, for example £1,234.50'],
    [
      'an amount with misplaced commas',
      { amount: '1,23' },
      'amount',
      'Use commas only to separate thousands, for example 1,234,567.50',
    ],
    [
      'an amount over the C1 maximum',
      { amount: '1,000,000,000,000' },
      'amount',
      'Enter an amount no larger than £999,999,999,999.99',
    ],
    ['an unclear credit flag', { isCredit: 'maybe' }, 'isCredit', 'Credit or refund must be yes or no'],
    [
      'a description of 501 characters',
      { description: 'd'.repeat(501) },
      'description',
      'Description must be 500 characters or fewer',
    ],
    [
      'a reference of 101 characters',
      { reference: 'r'.repeat(101) },
      'reference',
      'Reference must be 100 characters or fewer',
    ],
  ];

  it.each(invalid)('rejects %s with a message on that field', (_what, change, field, message) => {
    expect(errorsOf('form', { ...validForm, ...change })).toEqual({ [field]: message });
  });
});

describe('costSchema (api)', () => {
  it('parses a valid API cost line', () => {
    const out = parseOrThrow(costSchema('api'), validApi);
    expect(out).toMatchObject({ year: 2024, kind: 'actual', category: 'licences', isCredit: false });
    expect(out.amount.toString()).toBe('1234.5');
  });

  it('accepts a negative amount string only with isCredit true', () => {
    expect(errorsOf('api', { ...validApi, amount: '-99.99' })).toEqual({
      amount: 'Enter an amount of £0 or more, or mark the line as a credit or refund',
    });
    expect(errorsOf('api', { ...validApi, amount: '-99.99', isCredit: false })).toEqual({
      amount: 'Enter an amount of £0 or more, or mark the line as a credit or refund',
    });
    const out = parseOrThrow(costSchema('api'), { ...validApi, amount: '-99.99', isCredit: true });
    expect(out.amount.toString()).toBe('-99.99');
  });

  const invalid: [string, Record<string, unknown>, string, string][] = [
    [
      'money sent as a JSON number',
      { amount: 1234.5 },
      'amount',
      'Send money as a string, for example "1234.50", not a JSON number',
    ],
    [
      'an amount with £',
      { amount: '£1234.50' },
      'amount',
      'Enter an amount as digits with an optional "-" and up to 2 decimals, for example "1234.50"',
    ],
    [
      'an amount with commas',
      { amount: '1,234.50' },
      'amount',
      'Enter an amount as digits with an optional "-" and up to 2 decimals, for example "1234.50"',
    ],
    [
      'an amount with 3 decimals',
      { amount: '1234.505' },
      'amount',
      'Enter an amount with no more than 2 decimal places',
    ],
    ['an empty amount', { amount: '' }, 'amount', 'Enter an amount as a string, for example "1234.50"'],
    ['a lenient year', { year: '2024-25' }, 'year', 'Enter a financial year in the form "2024/25"'],
    ['a year as a number', { year: 2024 }, 'year', 'Enter a financial year as a string like "2024/25"'],
    ['a credit flag sent as "on"', { isCredit: 'on' }, 'isCredit', 'Credit or refund must be true or false'],
    ['a description that is not text', { description: { text: 'x' } }, 'description', 'Description must be text'],
  ];

  it.each(invalid)('rejects %s with a message on that field', (_what, change, field, message) => {
    expect(errorsOf('api', { ...validApi, ...change })).toEqual({ [field]: message });
  });

  it('refuses unknown fields by name', () => {
    expect(errorsOf('api', { ...validApi, amountPence: 123450, vat: '0.2' })).toEqual({
      amountPence: 'Unknown field "amountPence"',
      vat: 'Unknown field "vat"',
    });
  });

  it('reports every missing required field from parseOrThrow', () => {
    let caught: unknown;
    try {
      parseOrThrow(costSchema('api'), {});
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).fields).toEqual({
      year: 'Enter a financial year as a string like "2024/25"',
      kind: 'Select planned or actual',
      category: 'Select a category',
      amount: 'Enter an amount as a string, for example "1234.50"',
    });
  });
});

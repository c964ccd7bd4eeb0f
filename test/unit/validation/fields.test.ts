import { z } from 'zod';
import { Decimal } from '../../../server/money';
import { ValidationError } from '../../../server/errors';
import {
  code,
  flag,
  isoDate,
  money,
  object,
  optional,
  optionalFinancialYear,
  optionalText,
  parseOrThrow,
  ratio,
  requiredText,
  toFieldErrors,
  version,
  type InputMode,
} from '../../../server/validation/fields';

function errorsOf(schema: z.ZodTypeAny, input: unknown): Record<string, string> {
  const r = schema.safeParse(input);
  if (r.success) throw new Error(`expected a validation error, got ${JSON.stringify(r.data)}`);
  return toFieldErrors(r.error);
}

describe('toFieldErrors', () => {
  it('keys each message by the dotted path of its field', () => {
    const schema = z.object({ rows: z.array(z.object({ n: z.string({ error: 'Enter n' }) })) });
    expect(errorsOf(schema, { rows: [{ n: 'a' }, { n: 5 }] })).toEqual({ 'rows.1.n': 'Enter n' });
  });

  it('keeps only the first message for a field', () => {
    const schema = z.object({ a: z.string().min(5, 'too short').regex(/^\d+$/, 'digits only') });
    expect(errorsOf(schema, { a: 'x' })).toEqual({ a: 'too short' });
  });

  it('puts an error about the whole input under _form', () => {
    expect(errorsOf(z.object({ a: z.string() }), null)).toEqual({ _form: expect.stringMatching(/expected object/) });
  });

  it('names every unknown field in strict (API) mode, not just the first', () => {
    const schema = object('api', { a: z.string() });
    expect(errorsOf(schema, { a: 'x', foo: 1, bar: 2 })).toEqual({
      foo: 'Unknown field "foo"',
      bar: 'Unknown field "bar"',
    });
  });

  it('names an unknown field inside a nested object by its full path', () => {
    const schema = object('api', { rows: z.array(object('api', { a: z.string() })) });
    expect(errorsOf(schema, { rows: [{ a: 'x' }, { a: 'y', extra: true }] })).toEqual({
      'rows.1.extra': 'Unknown field "extra"',
    });
  });

  it('lets form mode ignore stray fields such as the CSRF token', () => {
    expect(object('form', { a: z.string() }).parse({ a: 'x', _csrf: 'token', submit: '' })).toEqual({ a: 'x' });
  });
});

describe('parseOrThrow', () => {
  const schema = z.object({ name: requiredText('a name', 5) });

  it('returns the parsed data when the input is valid', () => {
    expect(parseOrThrow(schema, { name: '  Ann ' })).toEqual({ name: 'Ann' });
  });

  it('throws a 422 ValidationError carrying a message per field', () => {
    let caught: unknown;
    try {
      parseOrThrow(schema, { name: 'Annabel' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const err = caught as ValidationError;
    expect(err.status).toBe(422);
    expect(err.code).toBe('validation_failed');
    expect(err.fields).toEqual({ name: 'Name must be 5 characters or fewer' });
    expect(err.field).toBe('name');
  });
});

describe('requiredText, optionalText and code', () => {
  it.each([
    [undefined, 'Enter a title'],
    [null, 'Enter a title'],
    ['', 'Enter a title'],
    ['   ', 'Enter a title'],
    [42, 'Enter a title'],
    ['x'.repeat(11), 'Title must be 10 characters or fewer'],
  ] as [unknown, string][])('requiredText rejects %p with %j', (input, message) => {
    expect(errorsOf(z.object({ t: requiredText('a title', 10) }), { t: input })).toEqual({ t: message });
  });

  it('requiredText trims and accepts exactly the maximum length', () => {
    expect(requiredText('a title', 10).parse(`  ${'x'.repeat(10)}  `)).toBe('x'.repeat(10));
  });

  it.each([
    [undefined, ''],
    [null, ''],
    ['', ''],
    ['  note  ', 'note'],
  ] as [unknown, string][])('optionalText reads %p as %j', (input, expected) => {
    expect(optionalText('the note', 10).parse(input)).toBe(expected);
  });

  it.each([
    [5, 'Note must be text'],
    [true, 'Note must be text'],
    ['x'.repeat(11), 'Note must be 10 characters or fewer'],
  ] as [unknown, string][])('optionalText rejects %p with %j', (input, message) => {
    expect(errorsOf(z.object({ n: optionalText('the note', 10) }), { n: input })).toEqual({ n: message });
  });

  it.each([
    [' cs-001 ', 'CS-001'],
    ['ab12', 'AB12'],
    ['9', '9'],
  ] as [string, string][])('code upper-cases and trims %j to %j', (input, expected) => {
    expect(code('a code', 10, 'CS').parse(input)).toBe(expected);
  });

  it.each([
    ['', 'Enter a code'],
    ['-CS', 'Code must use only letters, numbers and hyphens, like CS'],
    ['C S', 'Code must use only letters, numbers and hyphens, like CS'],
    ['CS_1', 'Code must use only letters, numbers and hyphens, like CS'],
    ['ÇS', 'Code must use only letters, numbers and hyphens, like CS'],
    ['ABCDEFGHIJK', 'Code must be 10 characters or fewer'],
    [7, 'Enter a code'],
  ] as [unknown, string][])('code rejects %p with %j', (input, message) => {
    expect(errorsOf(z.object({ c: code('a code', 10, 'CS') }), { c: input })).toEqual({ c: message });
  });
});

describe('money field', () => {
  const cases: [InputMode, unknown, string][] = [
    ['form', '£1,234.50', '1234.5'],
    ['form', ' 7 ', '7'],
    ['api', '1234.50', '1234.5'],
  ];

  it.each(cases)('in %s mode reads %p as %s', (mode, input, expected) => {
    expect((money(mode).parse(input) as Decimal).toString()).toBe(expected);
  });

  it.each([
    ['form', undefined, 'Enter an amount'],
    ['form', '1.234', 'Enter an amount with no more than 2 decimal places'],
    ['form', '-1', 'Enter an amount of £0 or more'],
    ['api', 12.5, 'Send money as a string, for example "1234.50", not a JSON number'],
    ['api', '£12.50', 'Enter an amount as digits with an optional "-" and up to 2 decimals, for example "1234.50"'],
    ['api', undefined, 'Enter an amount as a string, for example "1234.50"'],
  ] as [InputMode, unknown, string][])('in %s mode rejects %p with %j', (mode, input, message) => {
    expect(errorsOf(z.object({ amount: money(mode) }), { amount: input })).toEqual({ amount: message });
  });
});

describe('ratio field', () => {
  const form = ratio('form', { label: 'the rate', max: new Decimal(1), places: 6 });
  const api = ratio('api', { label: 'the rate', max: new Decimal(1), places: 6 });

  it.each([
    ['20', '0.2'],
    ['3.5%', '0.035'],
    [' 3.5 % ', '0.035'],
    ['0', '0'],
    ['100', '1'],
    ['3.1234', '0.031234'],
  ] as [string, string][])('form mode reads the percentage %j as the fraction %s', (input, expected) => {
    expect((form.parse(input) as Decimal).toString()).toBe(expected);
  });

  it.each([
    ['0.035', '0.035'],
    ['1', '1'],
    ['0.123456', '0.123456'],
  ] as [string, string][])('API mode reads the fraction %j as %s', (input, expected) => {
    expect((api.parse(input) as Decimal).toString()).toBe(expected);
  });

  const schemas = { form, api };
  it.each([
    ['form', '', 'Enter the rate'],
    ['form', 20, 'Enter the rate'],
    ['form', 'abc', 'Enter the rate as a percentage, like 20'],
    ['form', '1e2', 'Enter the rate as a percentage, like 20'],
    ['form', '3.12345', 'Enter the rate with no more than 4 decimal places'],
    ['form', '101', 'Rate must be between 0% and 100%'],
    ['form', '-1', 'Rate must be between 0% and 100%'],
    ['api', 0.035, 'Send the rate as a string, for example "0.035", not a JSON number'],
    ['api', '3.5%', 'Enter the rate as a decimal string, like "0.2"'],
    ['api', ' 0.1', 'Enter the rate as a decimal string, like "0.2"'],
    ['api', '0.1234567', 'Enter the rate with no more than 6 decimal places'],
    ['api', '1.01', 'Rate must be between 0 and 1'],
  ] as [InputMode, unknown, string][])('in %s mode rejects %p with %j', (mode, input, message) => {
    expect(errorsOf(z.object({ r: schemas[mode] }), { r: input })).toEqual({ r: message });
  });
});

describe('optional', () => {
  const schema = optional(z.string().min(3, 'too short'));

  it.each([[undefined], [null], [''], ['   ']])('treats %p as absent', (input) => {
    expect(schema.parse(input)).toBeUndefined();
  });

  it('still validates a value that is present', () => {
    expect(errorsOf(z.object({ s: schema }), { s: 'ab' })).toEqual({ s: 'too short' });
  });
});

describe('flag field', () => {
  it.each([
    ['on', true],
    ['true', true],
    ['YES', true],
    ['1', true],
    ['', false],
    ['off', false],
    ['false', false],
    ['no', false],
    ['0', false],
    [undefined, false],
    [null, false],
  ] as [unknown, boolean][])('form mode reads %p as %p', (input, expected) => {
    expect(flag('form', 'urgent').parse(input)).toBe(expected);
  });

  it.each([
    [true, true],
    [false, false],
    [undefined, false],
  ] as [unknown, boolean][])('API mode reads %p as %p', (input, expected) => {
    expect(flag('api', 'urgent').parse(input)).toBe(expected);
  });

  it.each([
    ['form', 'maybe', 'Urgent must be yes or no'],
    ['form', true, 'Urgent must be yes or no'],
    ['api', 'on', 'Urgent must be true or false'],
    ['api', 1, 'Urgent must be true or false'],
  ] as [InputMode, unknown, string][])('in %s mode rejects %p with %j', (mode, input, message) => {
    expect(errorsOf(z.object({ f: flag(mode, 'urgent') }), { f: input })).toEqual({ f: message });
  });
});

describe('optionalFinancialYear', () => {
  it.each([
    ['form', undefined, null],
    ['form', '', null],
    ['form', 'FY2025/26', 2025],
    ['api', null, null],
    ['api', '2025/26', 2025],
  ] as [InputMode, unknown, number | null][])('in %s mode reads %p as %p', (mode, input, expected) => {
    expect(optionalFinancialYear(mode).parse(input)).toBe(expected);
  });

  it('refuses the lenient form in the API', () => {
    expect(errorsOf(z.object({ y: optionalFinancialYear('api') }), { y: '2025-26' })).toEqual({
      y: 'Enter a financial year in the form "2024/25"',
    });
  });
});

describe('isoDate', () => {
  it('returns the trimmed date', () => {
    expect(isoDate('the date').parse(' 2025-06-30 ')).toBe('2025-06-30');
  });

  it.each([['2025-02-30'], ['2025-13-01'], ['2025-1-1'], [''], [undefined], [20250101]])(
    'rejects %p with a helpful example',
    (input) => {
      expect(errorsOf(z.object({ d: isoDate('the date') }), { d: input })).toEqual({
        d: 'Enter the date as a real date, like 2025-06-30',
      });
    },
  );
});

describe('version', () => {
  it.each([
    ['form', '3', 3],
    ['api', '3', 3],
    ['api', 3, 3],
  ] as [InputMode, unknown, number][])('in %s mode reads %p as %d', (mode, input, expected) => {
    expect(version(mode).parse(input)).toBe(expected);
  });

  it.each([
    ['form', 3],
    ['form', ''],
    ['form', undefined],
    ['form', '-1'],
    ['form', '1.5'],
    ['form', '1234567890'],
    ['api', 1.5],
  ] as [InputMode, unknown][])('in %s mode rejects %p and asks for a reload', (mode, input) => {
    expect(errorsOf(z.object({ v: version(mode) }), { v: input })).toEqual({
      v: 'The record version is missing: reload the page and try again',
    });
  });
});

import { ValidationError } from '../../../server/errors';
import { directorateSchema } from '../../../server/validation/directorates.schema';
import { parseOrThrow, toFieldErrors, type InputMode } from '../../../server/validation/fields';

const modes: InputMode[] = ['form', 'api'];

function errorsOf(mode: InputMode, input: unknown): Record<string, string> {
  const r = directorateSchema(mode).safeParse(input);
  if (r.success) throw new Error(`expected a validation error, got ${JSON.stringify(r.data)}`);
  return toFieldErrors(r.error);
}

const valid = { code: 'cs', name: "Children's Services" };

describe.each(modes)('directorateSchema (%s)', (mode) => {
  it('parses a valid directorate, upper-casing the code and trimming both fields', () => {
    expect(parseOrThrow(directorateSchema(mode), { code: ' cs ', name: "  Children's Services " })).toEqual({
      code: 'CS',
      name: "Children's Services",
    });
  });

  it('accepts a code of exactly 10 characters and a name of exactly 120', () => {
    const out = parseOrThrow(directorateSchema(mode), { code: 'abcde-1234', name: 'n'.repeat(120) });
    expect(out.code).toBe('ABCDE-1234');
    expect(out.name).toHaveLength(120);
  });

  const invalid: [string, Record<string, unknown>, string, string][] = [
    ['a missing code', { code: undefined }, 'code', 'Enter a directorate code'],
    ['an empty code', { code: '' }, 'code', 'Enter a directorate code'],
    ['a blank code', { code: '   ' }, 'code', 'Enter a directorate code'],
    ['a code that is a number', { code: 12 }, 'code', 'Enter a directorate code'],
    ['a code of 11 characters', { code: 'ABCDEFGHIJK' }, 'code', 'Directorate code must be 10 characters or fewer'],
    [
      'a code with a space',
      { code: 'C S' },
      'code',
      'Directorate code must use only letters, numbers and hyphens, like CS',
    ],
    [
      'a code starting with a hyphen',
      { code: '-CS' },
      'code',
      'Directorate code must use only letters, numbers and hyphens, like CS',
    ],
    [
      'a code with punctuation',
      { code: 'CS!' },
      'code',
      'Directorate code must use only letters, numbers and hyphens, like CS',
    ],
    ['a missing name', { name: undefined }, 'name', 'Enter a directorate name'],
    ['an empty name', { name: '' }, 'name', 'Enter a directorate name'],
    ['a name that is not text', { name: ['x'] }, 'name', 'Enter a directorate name'],
    ['a name of 121 characters', { name: 'n'.repeat(121) }, 'name', 'Directorate name must be 120 characters or fewer'],
  ];

  it.each(invalid)('rejects %s with a message on that field', (_what, change, field, message) => {
    expect(errorsOf(mode, { ...valid, ...change })).toEqual({ [field]: message });
  });

  it('reports every bad field at once', () => {
    expect(errorsOf(mode, {})).toEqual({ code: 'Enter a directorate code', name: 'Enter a directorate name' });
  });

  it('throws a ValidationError with the field map from parseOrThrow', () => {
    let caught: unknown;
    try {
      parseOrThrow(directorateSchema(mode), { ...valid, name: '' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).fields).toEqual({ name: 'Enter a directorate name' });
  });

  it('rejects input that is not an object under _form', () => {
    expect(Object.keys(errorsOf(mode, 'CS'))).toEqual(['_form']);
  });
});

describe('directorateSchema strictness', () => {
  it('lets a form carry stray fields such as the CSRF token', () => {
    expect(parseOrThrow(directorateSchema('form'), { ...valid, _csrf: 'abc', version: '1' })).toEqual({
      code: 'CS',
      name: "Children's Services",
    });
  });

  it('refuses unknown API fields by name', () => {
    expect(errorsOf('api', { ...valid, id: 3, colour: 'red' })).toEqual({
      id: 'Unknown field "id"',
      colour: 'Unknown field "colour"',
    });
  });
});

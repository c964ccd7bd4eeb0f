import { ValidationError } from '../../../server/errors';
import { projectSchema } from '../../../server/validation/projects.schema';
import { parseOrThrow, toFieldErrors, type InputMode } from '../../../server/validation/fields';

function errorsOf(mode: InputMode, input: unknown): Record<string, string> {
  const r = projectSchema(mode).safeParse(input);
  if (r.success) throw new Error(`expected a validation error, got ${JSON.stringify(r.data)}`);
  return toFieldErrors(r.error);
}

const minimal = { code: 'cs-001', name: 'Case management', directorateCode: 'cs', startYear: '2024/25' };

describe('projectSchema defaults', () => {
  it.each(['form', 'api'] as InputMode[])(
    '%s mode fills status, rates, base year and texts with their defaults',
    (mode) => {
      const out = parseOrThrow(projectSchema(mode), minimal);
      expect(out).toMatchObject({
        code: 'CS-001',
        name: 'Case management',
        directorateCode: 'CS',
        startYear: 2024,
        status: 'proposed',
        baseYear: null,
        discountRate: null,
        description: '',
        sponsor: '',
        manager: '',
        priority: '',
      });
      expect(out.optimismBias.isZero()).toBe(true);
    },
  );

  it('treats empty form fields as unset', () => {
    const out = parseOrThrow(projectSchema('form'), {
      ...minimal,
      status: '',
      baseYear: '',
      discountRate: '',
      optimismBias: ' ',
      description: '',
    });
    expect(out.status).toBe('proposed');
    expect(out.baseYear).toBeNull();
    expect(out.discountRate).toBeNull();
    expect(out.optimismBias.toString()).toBe('0');
  });
});

describe('projectSchema (form)', () => {
  it('parses a full form, reading percentages and lenient financial years', () => {
    const out = parseOrThrow(projectSchema('form'), {
      ...minimal,
      startYear: '2024-25',
      baseYear: 'FY2025/26',
      discountRate: '3.5%',
      optimismBias: '20',
      status: 'in_delivery',
      description: '  A new system  ',
      sponsor: 'Director',
      manager: 'PM',
      priority: 'Digital first',
      _csrf: 'token',
    });
    expect(out.startYear).toBe(2024);
    expect(out.baseYear).toBe(2025);
    expect(out.discountRate?.toString()).toBe('0.035');
    expect(out.optimismBias.toString()).toBe('0.2');
    expect(out.status).toBe('in_delivery');
    expect(out.description).toBe('A new system');
    expect(out).not.toHaveProperty('_csrf');
  });

  it.each([
    ['0', '0'],
    ['200', '2'],
    ['66.25%', '0.6625'],
  ])('reads an optimism bias of %j as the fraction %s', (input, expected) => {
    expect(parseOrThrow(projectSchema('form'), { ...minimal, optimismBias: input }).optimismBias.toString()).toBe(
      expected,
    );
  });

  it.each([
    ['3.5', '0.035'],
    ['3.5 %', '0.035'],
    ['0', '0'],
    ['100', '1'],
    ['1.2345', '0.012345'],
  ])('reads a discount rate of %j as the fraction %s', (input, expected) => {
    expect(parseOrThrow(projectSchema('form'), { ...minimal, discountRate: input }).discountRate?.toString()).toBe(
      expected,
    );
  });

  const invalid: [string, Record<string, unknown>, string, string][] = [
    ['a missing code', { code: undefined }, 'code', 'Enter a project code'],
    ['a code of 21 characters', { code: 'P'.repeat(21) }, 'code', 'Project code must be 20 characters or fewer'],
    [
      'a code with a slash',
      { code: 'CS/001' },
      'code',
      'Project code must use only letters, numbers and hyphens, like CS-001',
    ],
    ['an empty name', { name: '' }, 'name', 'Enter a project name'],
    ['a name of 201 characters', { name: 'n'.repeat(201) }, 'name', 'Project name must be 200 characters or fewer'],
    [
      'a directorate code of 11 characters',
      { directorateCode: 'D'.repeat(11) },
      'directorateCode',
      'Directorate must be 10 characters or fewer',
    ],
    [
      'a description of 5001 characters',
      { description: 'd'.repeat(5001) },
      'description',
      'Description must be 5000 characters or fewer',
    ],
    ['a description that is not text', { description: 12 }, 'description', 'Description must be text'],
    ['a sponsor of 121 characters', { sponsor: 's'.repeat(121) }, 'sponsor', 'Sponsor must be 120 characters or fewer'],
    [
      'a manager of 121 characters',
      { manager: 'm'.repeat(121) },
      'manager',
      'Project manager must be 120 characters or fewer',
    ],
    [
      'a priority of 201 characters',
      { priority: 'p'.repeat(201) },
      'priority',
      'Council priority must be 200 characters or fewer',
    ],
    ['an unknown status', { status: 'finished' }, 'status', 'Select a status'],
    ['a missing start year', { startYear: undefined }, 'startYear', 'Enter a financial year, for example 2024/25'],
    [
      'a start year spanning two years',
      { startYear: '2024/26' },
      'startYear',
      'Financial years run for one year: did you mean 2024/25?',
    ],
    [
      'a start year out of range',
      { startYear: '1899/00' },
      'startYear',
      'Enter a financial year between 1900/01 and 2199/00',
    ],
    ['a base year of one number', { baseYear: '2024' }, 'baseYear', 'Enter a financial year like 2024/25'],
    ['a discount rate over 100%', { discountRate: '101' }, 'discountRate', 'Discount rate must be between 0% and 100%'],
    ['a negative discount rate', { discountRate: '-1' }, 'discountRate', 'Discount rate must be between 0% and 100%'],
    [
      'a discount rate with 5 decimals',
      { discountRate: '3.12345' },
      'discountRate',
      'Enter the discount rate with no more than 4 decimal places',
    ],
    [
      'a discount rate in words',
      { discountRate: 'three' },
      'discountRate',
      'Enter the discount rate as a percentage, like 20',
    ],
    [
      'an optimism bias over 200%',
      { optimismBias: '201' },
      'optimismBias',
      'Optimism bias must be between 0% and 200%',
    ],
    [
      'an optimism bias with 3 decimals',
      { optimismBias: '20.125' },
      'optimismBias',
      'Enter the optimism bias with no more than 2 decimal places',
    ],
    [
      'an optimism bias with a comma',
      { optimismBias: '1,5' },
      'optimismBias',
      'Enter the optimism bias as a percentage, like 20',
    ],
  ];

  it.each(invalid)('rejects %s with a message on that field', (_what, change, field, message) => {
    expect(errorsOf('form', { ...minimal, ...change })).toEqual({ [field]: message });
  });

  it('asks to select a missing directorate, which the form offers as a dropdown', () => {
    expect(errorsOf('form', { ...minimal, directorateCode: '' })).toEqual({ directorateCode: 'Select a directorate' });
  });
});

describe('projectSchema (api)', () => {
  it('parses a full API body with fractions as strings and canonical years', () => {
    const out = parseOrThrow(projectSchema('api'), {
      ...minimal,
      baseYear: '2025/26',
      discountRate: '0.035',
      optimismBias: '0.2',
      status: 'live',
      sponsor: 'Director',
    });
    expect(out.baseYear).toBe(2025);
    expect(out.discountRate?.equals('0.035')).toBe(true);
    expect(out.optimismBias.equals('0.2')).toBe(true);
    expect(out.status).toBe('live');
    expect(out.sponsor).toBe('Director');
  });

  it('accepts the largest allowed optimism bias (200%) and discount rate (100%) as fractions', () => {
    const out = parseOrThrow(projectSchema('api'), { ...minimal, optimismBias: '2', discountRate: '1' });
    expect(out.optimismBias.toString()).toBe('2');
    expect(out.discountRate?.toString()).toBe('1');
  });

  const invalid: [string, Record<string, unknown>, string, string][] = [
    ['a lenient start year', { startYear: '2024-25' }, 'startYear', 'Enter a financial year in the form "2024/25"'],
    ['an FY-prefixed base year', { baseYear: 'FY2025/26' }, 'baseYear', 'Enter a financial year in the form "2024/25"'],
    [
      'a start year as a JSON number',
      { startYear: 2024 },
      'startYear',
      'Enter a financial year as a string like "2024/25"',
    ],
    [
      'a discount rate as a JSON number',
      { discountRate: 0.035 },
      'discountRate',
      'Send the discount rate as a string, for example "0.035", not a JSON number',
    ],
    [
      'a discount rate as a percentage',
      { discountRate: '3.5%' },
      'discountRate',
      'Enter the discount rate as a decimal string, like "0.2"',
    ],
    ['a discount rate above 1', { discountRate: '1.5' }, 'discountRate', 'Discount rate must be between 0 and 1'],
    [
      'a discount rate with 7 decimals',
      { discountRate: '0.0350001' },
      'discountRate',
      'Enter the discount rate with no more than 6 decimal places',
    ],
    [
      'an optimism bias as a JSON number',
      { optimismBias: 0.2 },
      'optimismBias',
      'Send the optimism bias as a string, for example "0.035", not a JSON number',
    ],
    ['an optimism bias above 2', { optimismBias: '2.01' }, 'optimismBias', 'Optimism bias must be between 0 and 2'],
    [
      'an optimism bias with 5 decimals',
      { optimismBias: '0.12345' },
      'optimismBias',
      'Enter the optimism bias with no more than 4 decimal places',
    ],
    ['a name that is a number', { name: 42 }, 'name', 'Enter a project name'],
    ['a status that is not a string', { status: true }, 'status', 'Select a status'],
  ];

  it.each(invalid)('rejects %s with a message on that field', (_what, change, field, message) => {
    expect(errorsOf('api', { ...minimal, ...change })).toEqual({ [field]: message });
  });

  it('asks API clients, who type the code, to enter a missing directorate', () => {
    expect(errorsOf('api', { ...minimal, directorateCode: '' })).toEqual({ directorateCode: 'Enter a directorate' });
  });

  it('refuses unknown fields by name', () => {
    expect(errorsOf('api', { ...minimal, budget: '100.00', directorate_id: 1 })).toEqual({
      budget: 'Unknown field "budget"',
      directorate_id: 'Unknown field "directorate_id"',
    });
  });

  it('throws a ValidationError naming every bad field from parseOrThrow', () => {
    let caught: unknown;
    try {
      parseOrThrow(projectSchema('api'), { code: 'x y', name: '', directorateCode: 'CS', startYear: '2024-25' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect(Object.keys((caught as ValidationError).fields).sort()).toEqual(['code', 'name', 'startYear']);
  });
});

import { ValidationError } from '../../../server/errors';
import { MAX_PROFILE_YEARS, benefitSchema, profileOnlySchema } from '../../../server/validation/benefits.schema';
import { parseOrThrow, toFieldErrors, type InputMode } from '../../../server/validation/fields';

function errorsOf(mode: InputMode, input: unknown): Record<string, string> {
  const r = benefitSchema(mode).safeParse(input);
  if (r.success) throw new Error(`expected a validation error, got ${JSON.stringify(r.data)}`);
  return toFieldErrors(r.error);
}

const minimal = { ref: 'b1', title: 'Fewer paper forms', type: 'cashable' };

describe.each(['form', 'api'] as InputMode[])('benefitSchema defaults (%s)', (mode) => {
  it('fills confidence 1, status identified, no profile, not a dis-benefit, empty texts', () => {
    const out = parseOrThrow(benefitSchema(mode), minimal);
    expect(out).toMatchObject({
      ref: 'B1',
      title: 'Fewer paper forms',
      type: 'cashable',
      status: 'identified',
      isDisbenefit: false,
      profile: [],
      description: '',
      category: '',
      owner: '',
      measure: '',
      baseline: '',
      target: '',
      unit: '',
      serviceFeature: '',
      enablingActivities: '',
    });
    expect(out.confidence.toString()).toBe('1');
  });

  it('accepts a qualitative benefit whose profile amounts are all zero', () => {
    const profile = mode === 'api' ? [{ year: '2024/25', amount: '0' }] : [{ year: '2024/25', amount: '0.00' }];
    const out = parseOrThrow(benefitSchema(mode), { ...minimal, type: 'qualitative', profile });
    expect(out.profile).toHaveLength(1);
    expect(out.profile[0].amount.isZero()).toBe(true);
  });

  it('refuses a qualitative benefit with a money amount, on that row', () => {
    const profile = [
      { year: '2024/25', amount: '0' },
      { year: '2025/26', amount: '5' },
    ];
    expect(errorsOf(mode, { ...minimal, type: 'qualitative', profile })).toEqual({
      'profile.1.amount': 'Qualitative benefits have no money value: leave the amount empty or choose a money type',
    });
  });

  it('refuses a year that appears twice in the profile, at the second row', () => {
    const profile = [
      { year: '2024/25', amount: '100' },
      { year: '2024/25', amount: '5' },
      { year: '2025/26', amount: '5' },
    ];
    expect(errorsOf(mode, { ...minimal, profile })).toEqual({
      'profile.1.year': '2024/25 appears more than once: enter one amount per year',
    });
  });

  it(`refuses a profile longer than ${MAX_PROFILE_YEARS} years`, () => {
    const profile = Array.from({ length: MAX_PROFILE_YEARS + 1 }, (_, i) => ({
      year: `${2000 + i}/${String((2001 + i) % 100).padStart(2, '0')}`,
      amount: '1',
    }));
    expect(errorsOf(mode, { ...minimal, profile })).toEqual({
      profile: `A profile can cover at most ${MAX_PROFILE_YEARS} years`,
    });
  });

  it('accepts a profile of exactly the maximum length', () => {
    const profile = Array.from({ length: MAX_PROFILE_YEARS }, (_, i) => ({
      year: `${2000 + i}/${String((2001 + i) % 100).padStart(2, '0')}`,
      amount: '1',
    }));
    expect(parseOrThrow(benefitSchema(mode), { ...minimal, profile }).profile).toHaveLength(MAX_PROFILE_YEARS);
  });

  const invalid: [string, Record<string, unknown>, string, string][] = [
    ['a missing reference', { ref: undefined }, 'ref', 'Enter a benefit reference'],
    [
      'a reference of 21 characters',
      { ref: 'B'.repeat(21) },
      'ref',
      'Benefit reference must be 20 characters or fewer',
    ],
    [
      'a reference with a dot',
      { ref: 'B.1' },
      'ref',
      'Benefit reference must use only letters, numbers and hyphens, like B1',
    ],
    ['an empty title', { title: ' ' }, 'title', 'Enter a title'],
    ['a title of 201 characters', { title: 't'.repeat(201) }, 'title', 'Title must be 200 characters or fewer'],
    ['a missing type', { type: undefined }, 'type', 'Select the type of benefit'],
    ['an unknown type', { type: 'financial' }, 'type', 'Select the type of benefit'],
    ['an unknown status', { status: 'done' }, 'status', 'Select a status'],
    [
      'a description of 5001 characters',
      { description: 'd'.repeat(5001) },
      'description',
      'Description must be 5000 characters or fewer',
    ],
    [
      'a category of 101 characters',
      { category: 'c'.repeat(101) },
      'category',
      'Category must be 100 characters or fewer',
    ],
    ['an owner of 121 characters', { owner: 'o'.repeat(121) }, 'owner', 'Owner must be 120 characters or fewer'],
    ['a measure of 201 characters', { measure: 'm'.repeat(201) }, 'measure', 'Measure must be 200 characters or fewer'],
    [
      'a baseline of 101 characters',
      { baseline: 'b'.repeat(101) },
      'baseline',
      'Baseline must be 100 characters or fewer',
    ],
    ['a target of 101 characters', { target: 't'.repeat(101) }, 'target', 'Target must be 100 characters or fewer'],
    ['a unit of 51 characters', { unit: 'u'.repeat(51) }, 'unit', 'Unit must be 50 characters or fewer'],
    [
      'a service feature of 2001 characters',
      { serviceFeature: 's'.repeat(2001) },
      'serviceFeature',
      'Service feature must be 2000 characters or fewer',
    ],
    [
      'enabling activities of 2001 characters',
      { enablingActivities: 'e'.repeat(2001) },
      'enablingActivities',
      'Enabling activities must be 2000 characters or fewer',
    ],
    ['an owner that is not text', { owner: 7 }, 'owner', 'Owner must be text'],
    [
      'a profile that is not a list',
      { profile: 'lots' },
      'profile',
      'Enter the profile as a list of years and amounts',
    ],
    [
      'a profile row with a bad year',
      { profile: [{ year: '2024/26', amount: '1' }] },
      'profile.0.year',
      'Financial years run for one year: did you mean 2024/25?',
    ],
    [
      'a profile row with a negative amount',
      { profile: [{ year: '2024/25', amount: '-1' }] },
      'profile.0.amount',
      'Enter an amount of £0 or more',
    ],
    [
      'a profile row with 3 decimals',
      { profile: [{ year: '2024/25', amount: '1.005' }] },
      'profile.0.amount',
      'Enter an amount with no more than 2 decimal places',
    ],
    [
      'a profile row without an amount',
      { profile: [{ year: '2024/25' }] },
      'profile.0.amount',
      mode === 'api' ? 'Enter an amount as a string, for example "1234.50"' : 'Enter an amount',
    ],
  ];

  it.each(invalid)('rejects %s with a message on that field', (_what, change, field, message) => {
    expect(errorsOf(mode, { ...minimal, ...change })).toEqual({ [field]: message });
  });
});

describe('benefitSchema (form)', () => {
  it('parses a full form with a percentage confidence and lenient profile years', () => {
    const out = parseOrThrow(benefitSchema('form'), {
      ...minimal,
      type: 'non_cashable',
      isDisbenefit: 'on',
      confidence: '80',
      status: 'planned',
      owner: ' Head of Service ',
      profile: [
        { year: '2024-25', amount: '£1,000' },
        { year: 'FY2025/26', amount: '2500.5' },
      ],
      _csrf: 'token',
    });
    expect(out.type).toBe('non_cashable');
    expect(out.isDisbenefit).toBe(true);
    expect(out.confidence.toString()).toBe('0.8');
    expect(out.status).toBe('planned');
    expect(out.owner).toBe('Head of Service');
    expect(out.profile.map((r) => [r.year, r.amount.toString()])).toEqual([
      [2024, '1000'],
      [2025, '2500.5'],
    ]);
  });

  it('spots a duplicate year written two different ways', () => {
    const profile = [
      { year: '2024/25', amount: '1' },
      { year: 'FY2024-25', amount: '2' },
    ];
    expect(errorsOf('form', { ...minimal, profile })).toEqual({
      'profile.1.year': '2024/25 appears more than once: enter one amount per year',
    });
  });

  it.each([
    ['0', '0'],
    ['100', '1'],
    ['72.5%', '0.725'],
    ['', '1'],
  ])('reads a confidence of %j as %s', (input, expected) => {
    expect(parseOrThrow(benefitSchema('form'), { ...minimal, confidence: input }).confidence.toString()).toBe(expected);
  });

  it.each([
    ['101', 'Confidence must be between 0% and 100%'],
    ['100.01', 'Confidence must be between 0% and 100%'],
    ['-5', 'Confidence must be between 0% and 100%'],
    ['80.125', 'Enter the confidence with no more than 2 decimal places'],
    ['high', 'Enter the confidence as a percentage, like 20'],
  ])('rejects a confidence of %j with %j', (input, message) => {
    expect(errorsOf('form', { ...minimal, confidence: input })).toEqual({ confidence: message });
  });
});

describe('benefitSchema (api)', () => {
  it('parses a full API body with a fractional confidence and canonical years', () => {
    const out = parseOrThrow(benefitSchema('api'), {
      ...minimal,
      isDisbenefit: true,
      confidence: '0.8',
      profile: [{ year: '2024/25', amount: '100.00' }],
    });
    expect(out.isDisbenefit).toBe(true);
    expect(out.confidence.equals('0.8')).toBe(true);
    expect(out.profile).toHaveLength(1);
    expect(out.profile[0].year).toBe(2024);
    expect(out.profile[0].amount.toString()).toBe('100');
  });

  const invalid: [string, Record<string, unknown>, string, string][] = [
    ['a confidence above 1', { confidence: '1.01' }, 'confidence', 'Confidence must be between 0 and 1'],
    [
      'a confidence as a JSON number',
      { confidence: 0.8 },
      'confidence',
      'Send the confidence as a string, for example "0.035", not a JSON number',
    ],
    [
      'a confidence as a percentage',
      { confidence: '80%' },
      'confidence',
      'Enter the confidence as a decimal string, like "0.2"',
    ],
    [
      'a confidence with 5 decimals',
      { confidence: '0.12345' },
      'confidence',
      'Enter the confidence with no more than 4 decimal places',
    ],
    ['a dis-benefit flag sent as "on"', { isDisbenefit: 'on' }, 'isDisbenefit', 'Dis-benefit must be true or false'],
    [
      'a profile amount as a JSON number',
      { profile: [{ year: '2024/25', amount: 100 }] },
      'profile.0.amount',
      'Send money as a string, for example "1234.50", not a JSON number',
    ],
    [
      'a profile year in the lenient form',
      { profile: [{ year: '2024-25', amount: '1' }] },
      'profile.0.year',
      'Enter a financial year in the form "2024/25"',
    ],
    [
      'a profile row with an unknown field',
      { profile: [{ year: '2024/25', amount: '1', note: 'x' }] },
      'profile.0.note',
      'Unknown field "note"',
    ],
  ];

  it.each(invalid)('rejects %s with a message on that field', (_what, change, field, message) => {
    expect(errorsOf('api', { ...minimal, ...change })).toEqual({ [field]: message });
  });

  it('refuses unknown top-level fields by name', () => {
    expect(errorsOf('api', { ...minimal, value: '5', kpi: 'x' })).toEqual({
      value: 'Unknown field "value"',
      kpi: 'Unknown field "kpi"',
    });
  });

  it('throws a ValidationError keyed by the profile path from parseOrThrow', () => {
    let caught: unknown;
    try {
      parseOrThrow(benefitSchema('api'), {
        ...minimal,
        profile: [
          { year: '2024/25', amount: '1' },
          { year: '2024/25', amount: '2' },
        ],
      });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).fields).toEqual({
      'profile.1.year': '2024/25 appears more than once: enter one amount per year',
    });
  });
});

describe('profileOnlySchema', () => {
  it('parses a profile on its own', () => {
    const out = parseOrThrow(profileOnlySchema('form'), { profile: [{ year: '2026-27', amount: '£12,000' }] });
    expect(out.profile.map((r) => [r.year, r.amount.toString()])).toEqual([[2026, '12000']]);
  });

  it('requires the profile and checks duplicate years', () => {
    const r = profileOnlySchema('api').safeParse({});
    expect(r.success).toBe(false);
    if (!r.success) expect(Object.keys(toFieldErrors(r.error))).toEqual(['profile']);
    const dup = profileOnlySchema('api').safeParse({
      profile: [
        { year: '2024/25', amount: '1' },
        { year: '2024/25', amount: '1' },
      ],
    });
    expect(dup.success).toBe(false);
    if (!dup.success)
      expect(toFieldErrors(dup.error)).toEqual({
        'profile.1.year': '2024/25 appears more than once: enter one amount per year',
      });
  });
});

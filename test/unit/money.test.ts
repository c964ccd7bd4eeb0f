import {
  Decimal,
  MAX_AMOUNT,
  formatGbp,
  formatPercent,
  formatShort,
  fromDbPence,
  parseApiMoney,
  parseMoneyInput,
  toApiMoney,
  toDbPence,
  toFixedString,
  toInputMoney,
  type MoneyParse,
} from '../../server/money';

const d = (s: string) => new Decimal(s);

/** The parsed value as a Decimal string, or throws with the parser's message (so a failure shows why). */
function valueOf(r: MoneyParse): string {
  if (!r.ok) throw new Error(`expected an accepted amount, got error: ${r.error}`);
  return r.value.toString();
}

function errorOf(r: MoneyParse): string {
  if (r.ok) throw new Error(`expected a rejection, got value ${r.value.toString()}`);
  return r.error;
}

describe('parseMoneyInput (C1 form and CSV grammar)', () => {
  const accepted: [string, string][] = [
    ['0', '0'],
    ['5', '5'],
    ['1234', '1234'],
    ['007', '7'],
    ['£5', '5'],
    ['£1234.50', '1234.5'],
    ['1,234', '1234'],
    ['1,234,567.5', '1234567.5'],
    ['£1,234,567.50', '1234567.5'],
    ['12,345', '12345'],
    ['123,456,789', '123456789'],
    ['1.5', '1.5'],
    ['1.05', '1.05'],
    ['0.01', '0.01'],
    ['0.5', '0.5'],
    ['  12  ', '12'],
    ['\t£3.20\n', '3.2'],
    ['999,999,999,999.99', '999999999999.99'],
    ['£999999999999.99', '999999999999.99'],
  ];

  it.each(accepted)('accepts %j as %s', (input, expected) => {
    expect(valueOf(parseMoneyInput(input))).toBe(expected);
  });

  const acceptedNegative: [string, string][] = [
    ['-5', '-5'],
    ['-£5', '-5'],
    ['-£1,234.56', '-1234.56'],
    ['-0.01', '-0.01'],
    [' -12.3 ', '-12.3'],
    ['-999,999,999,999.99', '-999999999999.99'],
  ];

  it.each(acceptedNegative)('accepts %j as %s only when negatives are allowed', (input, expected) => {
    expect(valueOf(parseMoneyInput(input, { allowNegative: true }))).toBe(expected);
    expect(errorOf(parseMoneyInput(input))).toBe('Enter an amount of £0 or more');
  });

  it.each(['-0', '-0.00', '-£0', '0.00'])(
    'reads %j as plain zero, not negative zero, even without allowNegative',
    (input) => {
      const r = parseMoneyInput(input);
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(r.value.isZero()).toBe(true);
        expect(r.value.isNeg()).toBe(false);
        expect(toApiMoney(r.value)).toBe('0.00');
      }
    },
  );

  const rejected: [string, RegExp][] = [
    ['1e5', /exponent/],
    ['1E5', /exponent/],
    ['1.5e3', /exponent/],
    ['£1e-2', /exponent/],
    ['1.234', /no more than 2 decimal places/],
    ['1,234.567', /no more than 2 decimal places/],
    ['£0.001', /no more than 2 decimal places/],
    ['-1.999', /no more than 2 decimal places/],
    ['$5', /in pounds/],
    ['€5', /in pounds/],
    ['¥5', /in pounds/],
    ['GBP 5', /in pounds/],
    ['5 GBP', /in pounds/],
    ['GBP5', /in pounds/],
    ['EUR5', /in pounds/],
    ['', /^Enter an amount$/],
    ['   ', /^Enter an amount$/],
    ['abc', /for example 1234\.50/],
    ['NaN', /for example 1234\.50/],
    ['Infinity', /for example 1234\.50/],
    ['-Infinity', /for example 1234\.50/],
    ['1,23', /commas only to separate thousands/],
    ['12,3456', /commas only to separate thousands/],
    ['1234,567', /commas only to separate thousands/],
    [',123', /for example 1234\.50/],
    ['1.2.3', /for example 1234\.50/],
    ['1..2', /for example 1234\.50/],
    ['+5', /for example 1234\.50/],
    ['£-5', /for example 1234\.50/],
    ['--5', /for example 1234\.50/],
    ['.5', /for example 1234\.50/],
    ['5.', /for example 1234\.50/],
    ['1 234', /for example 1234\.50/],
    ['£ 5', /for example 1234\.50/],
    ['0x10', /for example 1234\.50/],
    ['1,000,000,000,000.00', /no larger than £999,999,999,999\.99/],
    ['1000000000000', /no larger than £999,999,999,999\.99/],
    ['999999999999.999', /no more than 2 decimal places/],
    ['12345678901234567890', /no larger than/],
  ];

  it.each(rejected)('rejects %j with a message matching %s', (input, message) => {
    expect(errorOf(parseMoneyInput(input, { allowNegative: true }))).toMatch(message);
  });

  it('rejects the smallest out-of-range negative amount too', () => {
    expect(errorOf(parseMoneyInput('-1,000,000,000,000.00', { allowNegative: true }))).toBe(
      'Enter an amount no larger than £999,999,999,999.99',
    );
    expect(errorOf(parseMoneyInput('-1000000000000', { allowNegative: true }))).toMatch(/no larger than/);
  });

  it('accepts exactly the largest amount and rejects one penny more', () => {
    expect(valueOf(parseMoneyInput('999999999999.99'))).toBe(MAX_AMOUNT.toString());
    expect(errorOf(parseMoneyInput('1000000000000.00'))).toMatch(/no larger than/);
  });

  it.each([[5], [5.5], [null], [undefined], [true], [{}], [['5']], [BigInt(5)]] as [unknown][])(
    'rejects the non-string %p',
    (input) => {
      expect(errorOf(parseMoneyInput(input))).toBe('Enter an amount');
    },
  );

  it('gives the specific messages the forms show', () => {
    expect(errorOf(parseMoneyInput('1.234'))).toBe('Enter an amount with no more than 2 decimal places');
    expect(errorOf(parseMoneyInput('1e5'))).toBe('Enter the amount as plain digits, without an exponent (like 1e5)');
    expect(errorOf(parseMoneyInput('$5'))).toBe('Enter an amount in pounds, for example £1,234.50');
    expect(errorOf(parseMoneyInput('1,23'))).toBe('Use commas only to separate thousands, for example 1,234,567.50');
  });

  it('does not mistake the E of a currency code or a word for an exponent', () => {
    expect(errorOf(parseMoneyInput('EUR 5'))).not.toMatch(/exponent/);
    expect(errorOf(parseMoneyInput('5 pence'))).not.toMatch(/exponent/);
  });
});

describe('parseApiMoney (C1 API strings)', () => {
  const accepted: [string, string][] = [
    ['0', '0'],
    ['5', '5'],
    ['5.5', '5.5'],
    ['1234.50', '1234.5'],
    ['0.01', '0.01'],
    ['-5', '-5'],
    ['-1234.56', '-1234.56'],
    ['-0', '0'],
    ['999999999999.99', '999999999999.99'],
    ['-999999999999.99', '-999999999999.99'],
  ];

  it.each(accepted)('accepts the string %j as %s', (input, expected) => {
    expect(valueOf(parseApiMoney(input, { allowNegative: true }))).toBe(expected);
  });

  it.each([[5], [1234.5], [0], [-1], [Number.NaN]] as [number][])(
    'rejects the JSON number %p and asks for a string',
    (input) => {
      expect(errorOf(parseApiMoney(input))).toBe('Send money as a string, for example "1234.50", not a JSON number');
    },
  );

  const rejected: [unknown, RegExp][] = [
    ['£5', /digits with an optional "-"/],
    ['1,000', /digits with an optional "-"/],
    ['1,234.50', /digits with an optional "-"/],
    ['1.555', /no more than 2 decimal places/],
    ['0.001', /no more than 2 decimal places/],
    ['1e5', /digits with an optional "-"/],
    ['1E5', /digits with an optional "-"/],
    ['+5', /digits with an optional "-"/],
    [' 5', /digits with an optional "-"/],
    ['5 ', /digits with an optional "-"/],
    ['.5', /digits with an optional "-"/],
    ['5.', /digits with an optional "-"/],
    ['NaN', /digits with an optional "-"/],
    ['Infinity', /digits with an optional "-"/],
    ['', /as a string/],
    [null, /as a string/],
    [undefined, /as a string/],
    [true, /as a string/],
    [{ amount: '5' }, /as a string/],
    ['1000000000000.00', /no larger than £999,999,999,999\.99/],
    ['-1000000000000', /no larger than/],
  ];

  it.each(rejected)('rejects %p with a message matching %s', (input, message) => {
    expect(errorOf(parseApiMoney(input, { allowNegative: true }))).toMatch(message);
  });

  it('rejects a negative string unless negatives are allowed', () => {
    expect(errorOf(parseApiMoney('-5'))).toBe('Enter an amount of £0 or more');
    expect(valueOf(parseApiMoney('-5', { allowNegative: true }))).toBe('-5');
  });
});

describe('fromDbPence', () => {
  const valid: [string | number | bigint, string][] = [
    [0, '0'],
    ['0', '0'],
    [1, '0.01'],
    [-1, '-0.01'],
    [123450, '1234.5'],
    ['123450', '1234.5'],
    [BigInt(123450), '1234.5'],
    ['99999999999999', '999999999999.99'],
    [99999999999999, '999999999999.99'],
    ['-99999999999999', '-999999999999.99'],
    ['900719925474099312', '9007199254740993.12'],
    [BigInt('900719925474099312'), '9007199254740993.12'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
    ['000123', '1.23'],
  ];

  it.each(valid)('turns %p pence into £%s exactly', (input, expected) => {
    expect(fromDbPence(input).toString()).toBe(expected);
  });

  it('treats a missing value (SQL NULL) as zero', () => {
    expect(fromDbPence(null).toString()).toBe('0');
    expect(fromDbPence(undefined).toString()).toBe('0');
  });

  it.each([
    [2 ** 53],
    [Number.MAX_SAFE_INTEGER + 2],
    [1.5],
    [0.1],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [-(2 ** 60)],
  ])('refuses the unsafe or fractional JS number %p', (input) => {
    expect(() => fromDbPence(input)).toThrow(/Unsafe pence value/);
  });

  it.each([['1.5'], ['abc'], [''], [' 5'], ['5 '], ['1e5'], ['+5'], ['0x10'], ['12-3']])(
    'refuses the non-integer string %j',
    (input) => {
      expect(() => fromDbPence(input)).toThrow(/not an integer/);
    },
  );
});

describe('toDbPence', () => {
  const valid: [string, string][] = [
    ['0', '0'],
    ['-0', '0'],
    ['1.5', '150'],
    ['1234.56', '123456'],
    ['-1.23', '-123'],
    ['0.01', '1'],
    ['999999999999.99', '99999999999999'],
    ['-999999999999.99', '-99999999999999'],
    ['1.500', '150'],
  ];

  it.each(valid)('stores £%s as the pence string %j', (input, expected) => {
    const pence = toDbPence(d(input));
    expect(typeof pence).toBe('string');
    expect(pence).toBe(expected);
  });

  it.each([['1.555'], ['0.001'], ['-0.005'], ['NaN'], ['Infinity']])(
    'refuses %s, which is not a whole number of pence',
    (input) => {
      expect(() => toDbPence(d(input))).toThrow(/not a whole number of pence/);
    },
  );

  it.each([['1000000000000'], ['-1000000000000'], ['1000000000000.01']])(
    'refuses £%s, which is outside the C1 range',
    (input) => {
      expect(() => toDbPence(d(input))).toThrow(/outside the accepted range/);
    },
  );

  it('round-trips with fromDbPence without loss', () => {
    for (const pounds of ['0.01', '1234.56', '-98765.43', '999999999999.99']) {
      expect(fromDbPence(toDbPence(d(pounds))).equals(d(pounds))).toBe(true);
    }
  });
});

describe('formatGbp', () => {
  const cases: [string, string][] = [
    ['0', '£0.00'],
    ['-0', '£0.00'],
    ['1', '£1.00'],
    ['1234.5', '£1,234.50'],
    ['-1234.5', '-£1,234.50'],
    ['999', '£999.00'],
    ['1000', '£1,000.00'],
    ['1234567.891', '£1,234,567.89'],
    ['0.005', '£0.01'],
    ['-0.005', '-£0.01'],
    ['0.0049999', '£0.00'],
    ['-0.004', '£0.00'],
    ['2.675', '£2.68'],
    ['1.045', '£1.05'],
    ['999.995', '£1,000.00'],
    ['999999999999.99', '£999,999,999,999.99'],
    ['-999999999999.99', '-£999,999,999,999.99'],
    ['9007199254740993.12', '£9,007,199,254,740,993.12'],
  ];

  it.each(cases)('formats £%s as %s', (input, expected) => {
    expect(formatGbp(d(input))).toBe(expected);
  });
});

describe('toApiMoney and toInputMoney', () => {
  const cases: [string, string][] = [
    ['0', '0.00'],
    ['-0', '0.00'],
    ['-0.004', '0.00'],
    ['5', '5.00'],
    ['1234.5', '1234.50'],
    ['-1234.5', '-1234.50'],
    ['0.005', '0.01'],
    ['-0.005', '-0.01'],
    ['2.675', '2.68'],
    ['1.0049', '1.00'],
    ['999999999999.99', '999999999999.99'],
    ['9007199254740993.125', '9007199254740993.13'],
  ];

  it.each(cases)('writes £%s as the API string %j', (input, expected) => {
    expect(toApiMoney(d(input))).toBe(expected);
  });

  it('gives the form the same plain two-decimal string, without £ or commas', () => {
    expect(toInputMoney(d('1234567.5'))).toBe('1234567.50');
  });
});

describe('formatShort', () => {
  const cases: [string, string][] = [
    ['0', '£0'],
    ['0.4', '£0'],
    ['-0.4', '£0'],
    ['0.5', '£1'],
    ['-0.5', '-£1'],
    ['950', '£950'],
    ['999.4', '£999'],
    ['999.5', '£1k'],
    ['-999.6', '-£1k'],
    ['1000', '£1k'],
    ['1005', '£1.01k'],
    ['1234', '£1.23k'],
    ['-1234', '-£1.23k'],
    ['45600', '£45.6k'],
    ['123456', '£123k'],
    ['999499', '£999k'],
    ['999500', '£1m'],
    ['999999', '£1m'],
    ['1000000', '£1m'],
    ['1230000', '£1.23m'],
    ['1234567', '£1.23m'],
    ['-2500000', '-£2.5m'],
    ['999999999', '£1bn'],
    ['1500000000', '£1.5bn'],
    ['999999999999.99', '£1tn'],
    ['1500000000000', '£1.5tn'],
    ['12345678901234', '£12.3tn'],
    ['1234567890123456', '£1235tn'],
  ];

  it.each(cases)('shortens £%s to %s', (input, expected) => {
    expect(formatShort(d(input))).toBe(expected);
  });
});

describe('toFixedString', () => {
  const cases: [string, number, string][] = [
    ['0.12345', 4, '0.1235'],
    ['0.12344', 4, '0.1234'],
    ['-0.12345', 4, '-0.1235'],
    ['-0.00001', 4, '0.0000'],
    ['2.5', 0, '3'],
    ['1', 6, '1.000000'],
    ['0.9661835748792271', 6, '0.966184'],
  ];

  it.each(cases)('writes %s to %d places as %j', (input, places, expected) => {
    expect(toFixedString(d(input), places)).toBe(expected);
  });

  it('passes null through for an undefined metric', () => {
    expect(toFixedString(null, 4)).toBeNull();
  });
});

describe('formatPercent', () => {
  const cases: [string, number | undefined, string][] = [
    ['0.2512', undefined, '25.1%'],
    ['0.25', undefined, '25.0%'],
    ['0.00049', undefined, '0.0%'],
    ['0.0005', undefined, '0.1%'],
    ['-0.0001', undefined, '0.0%'],
    ['-0.1234', undefined, '-12.3%'],
    ['1.5', undefined, '150.0%'],
    ['0.123456', 2, '12.35%'],
    ['0.035', 0, '4%'],
  ];

  it.each(cases)('writes %s (places %p) as %s', (input, places, expected) => {
    expect(formatPercent(d(input), places)).toBe(expected);
  });

  it('shows a dash for an undefined ratio', () => {
    expect(formatPercent(null)).toBe('—');
  });
});

describe('no float arithmetic anywhere', () => {
  it('adds parsed 0.1 and 0.2 to exactly 0.3', () => {
    const a = parseMoneyInput('0.1');
    const b = parseMoneyInput('0.2');
    if (!a.ok || !b.ok) throw new Error('parse failed');
    const sum = a.value.plus(b.value);
    expect(sum.equals(d('0.3'))).toBe(true);
    expect(sum.toString()).toBe('0.3');
    expect(toDbPence(sum)).toBe('30');
  });

  it('multiplies a penny read from the database exactly', () => {
    expect(fromDbPence(1).times(3).toString()).toBe('0.03');
    expect(fromDbPence(10).times(3).equals(d('0.3'))).toBe(true);
    expect(fromDbPence(1).plus(fromDbPence(2)).equals(d('0.03'))).toBe(true);
  });

  it('keeps every digit of a large API amount', () => {
    const r = parseApiMoney('999999999999.99');
    if (!r.ok) throw new Error(r.error);
    expect(r.value.plus(d('0.01')).toString()).toBe('1000000000000');
    expect(toApiMoney(r.value.times(3))).toBe('2999999999999.97');
  });

  it('keeps every digit of a sum beyond 2^53 pence', () => {
    const sum = fromDbPence('900719925474099312').plus(fromDbPence('1'));
    expect(toApiMoney(sum)).toBe('9007199254740993.13');
  });

  it('configures Decimal with 34 significant digits and half-up rounding', () => {
    expect(Decimal.precision).toBe(34);
    expect(Decimal.rounding).toBe(Decimal.ROUND_HALF_UP);
    expect(d('1').dividedBy(3).toString()).toBe('0.3333333333333333333333333333333333');
  });
});

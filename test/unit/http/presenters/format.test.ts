import { Decimal } from '../../../../server/money';
import { moneyCell, notYetDueCell, plural, switchingText } from '../../../../server/http/presenters/format';

const d = (v: string) => new Decimal(v);

describe('plural: a count with its noun', () => {
  it.each([
    [0, 'project', '0 projects', undefined],
    [1, 'project', '1 project', undefined],
    [2, 'project', '2 projects', undefined],
    [1, 'directorate', '1 directorate', undefined],
    [12345, 'cost line', '12,345 cost lines', undefined],
    [1, 'entry', '1 entry', 'entries'],
    [3, 'entry', '3 entries', 'entries'],
  ])('%p, %s → %s', (n, singular, expected, pluralForm) => {
    expect(plural(n, singular, pluralForm)).toBe(expected);
  });
});

describe('switchingText: a switching value worded by its sign (C6)', () => {
  it.each([
    // [subject, value, base (the PV it is a fraction of), words]
    ['benefits', '0.12', '1000', 'benefits could fall by 12.0% before NPV reaches zero'],
    ['benefits', '-0.178', '1000', 'benefits would need to rise by 17.8% to break even'],
    ['benefits', '-17.888', '10', 'benefits would need to rise by 1788.8% to break even'],
    ['costs', '0.12', '1000', 'costs could rise by 12.0% before NPV reaches zero'],
    ['costs', '-0.4396', '1000', 'costs would need to fall by 44.0% to break even'],
    ['benefits', '0', '1000', 'NPV is zero: any fall in benefits makes it negative'],
    ['costs', '0', '1000', 'NPV is zero: any rise in costs makes it negative'],
    ['benefits', '0.5', '-10', '— (dis-benefits outweigh benefits)'],
    ['costs', '0.5', '-10', '— (credits outweigh costs)'],
  ] as const)('%s %s of %s → %s', (subject, value, base, words) => {
    expect(switchingText(subject, d(value), d(base))).toBe(words);
  });

  it('gives a dash and the reason when the value is undefined', () => {
    expect(switchingText('benefits', null, d('0'))).toBe('— (no benefits to compare)');
    expect(switchingText('costs', null, d('0'))).toBe('— (no costs to compare)');
  });

  it('never shows a signed percentage', () => {
    for (const v of ['-0.5', '-17.888', '0.3', '-0.00001'])
      for (const subject of ['benefits', 'costs'] as const)
        expect(switchingText(subject, d(v), d('100'))).not.toMatch(/-\d/);
  });
});

describe('money cells', () => {
  it('marks a negative amount, and words a year not yet due instead of a figure (C6)', () => {
    expect(moneyCell(d('-40000'))).toEqual({ text: '-£40,000.00', negative: true });
    expect(notYetDueCell()).toEqual({ text: 'Not yet due', negative: false, muted: true });
  });
});

import { discountFactors } from '../../../server/finance/discounting';
import { GREEN_BOOK } from '../../../server/finance/defaults';
import { npv, presentValue, pvBenefits, pvCosts } from '../../../server/finance/npv';
import { vectorsOf } from '../../fixtures/finance/reference-vectors';
import { constantRule, d, ds, Exact } from '../../fixtures/finance/builders';

describe('spreadsheet NPV reference figures (S5, S6)', () => {
  // A spreadsheet's NPV() discounts its first value one period; C3 keeps year 0 undiscounted, so
  // the same figure is the present value of [0, …values] (test-vectors.md).
  it.each(vectorsOf('spreadsheetNpv'))('$id: NPV($rate; $values) = $expected ($source)', (v) => {
    const flows = ds(['0', ...v.values]);
    const pv = presentValue(flows, discountFactors(constantRule(v.rate), flows.length));
    expect(pv.toFixed(v.places)).toBe(v.expected);
  });

  it('S6 also equals the Green Book form first + NPV(rate; rest) with year 0 undiscounted', () => {
    // Plain formula in 60 digits: −10000/1.065 + 3000/1.065² + 3400/1.065³ + 7700/1.065⁴.
    const g = new Exact('1.065');
    const expected = [-10000, 3000, 3400, 7700].reduce(
      (sum, v, i) => sum.plus(new Exact(v).dividedBy(g.pow(i + 1))),
      new Exact(0),
    );
    const pv = presentValue(ds(['0', '-10000', '3000', '3400', '7700']), discountFactors(constantRule('0.065'), 5));
    expect(new Exact(pv).minus(expected).abs().lt('1e-25')).toBe(true);
  });
});

describe('presentValue, pvCosts, pvBenefits (C6)', () => {
  it.each([
    // costs by year index, rate, expected (hand: 100 + 50/1.21 = 141.32231404958677…)
    [['100', '0', '50'], '0.10', '141.322314049586776859504132231405'],
    [['0', '110'], '0.10', '100.000000000000000000000000000000'],
    [['250'], '0.10', '250.000000000000000000000000000000'],
    [[], '0.10', '0.000000000000000000000000000000'],
  ])('PV of %j at %s is %s', (amounts, rate, expected) => {
    const factors = discountFactors(constantRule(rate), 5);
    expect(presentValue(ds(amounts), factors).toFixed(30)).toBe(expected);
    expect(pvCosts(ds(amounts), factors).toFixed(30)).toBe(expected);
    expect(pvBenefits(ds(amounts), factors).toFixed(30)).toBe(expected);
  });

  it('C3: year 0 is undiscounted under the Green Book', () => {
    expect(presentValue(ds(['123.45']), discountFactors(GREEN_BOOK, 1)).toFixed(2)).toBe('123.45');
  });

  it('keeps negative amounts (credits, dis-benefits) negative', () => {
    expect(presentValue(ds(['0', '-110']), discountFactors(constantRule('0.1'), 2)).toFixed(10)).toBe(
      '-100.0000000000',
    );
  });

  it('refuses more years than factors', () => {
    expect(() => presentValue(ds(['1', '2', '3']), discountFactors(GREEN_BOOK, 2))).toThrow(RangeError);
  });
});

describe('npv (C6: pvBenefits − pvCosts)', () => {
  it.each([
    ['135.45', '100', '35.45'],
    ['100', '135.45', '-35.45'],
    ['0', '0', '0'],
  ])('npv(%s, %s) = %s', (b, c, expected) => {
    expect(npv(d(b), d(c)).eq(expected)).toBe(true);
  });
});

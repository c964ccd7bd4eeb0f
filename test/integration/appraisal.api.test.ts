import Decimal from 'decimal.js';
import { appForTests } from '../helpers/test-app';

const { api } = appForTests({ api: 'scrutiny', per: 'file' });

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
const example = {
  baseYear: '2024/25',
  discountRate: '0.035',
  optimismBias: '0.2',
  riskAdjusted: true,
  costs: [{ year: '2024/25', amount: '250000.00' }],
  benefits: [{ year: '2025/26', amount: '90000', type: 'cashable', confidence: '0.8', disbenefit: false }],
};

function post(body: unknown) {
  return api.post('/api/v1/appraise').send(body as object);
}

describe('POST /api/v1/appraise', () => {
  it('appraises the documented example to the C7 formats, matching a hand calculation', async () => {
    const res = await post(example);
    expect(res.status).toBe(200);
    // Hand calculation: costs 250,000 × 1.2 = 300,000 in year 0; benefits 90,000 × 0.8 = 72,000 in year 1 at 3.5%.
    const pvB = new D(72000).dividedBy('1.035');
    const npv = pvB.minus(300000);
    expect(res.body.years).toEqual([
      {
        year: '2024/25',
        index: 0,
        discountFactor: '1.000000',
        costs: '300000.00',
        benefits: '0.00',
        net: '-300000.00',
        pvNet: '-300000.00',
        cumulativeNet: '-300000.00',
        cumulativePvNet: '-300000.00',
      },
      {
        year: '2025/26',
        index: 1,
        discountFactor: new D(1).dividedBy('1.035').toFixed(6),
        costs: '0.00',
        benefits: '72000.00',
        net: '72000.00',
        pvNet: pvB.toFixed(2),
        cumulativeNet: '-228000.00',
        cumulativePvNet: npv.toFixed(2),
      },
    ]);
    expect(res.body.totals).toEqual({
      costs: '300000.00',
      benefits: '72000.00',
      cashableBenefits: '72000.00',
      nonCashableBenefits: '0.00',
      net: '-228000.00',
    });
    expect(res.body).toMatchObject({
      pvCosts: '300000.00',
      pvBenefits: pvB.toFixed(2),
      npv: npv.toFixed(2),
      bcr: pvB.dividedBy(300000).toFixed(4),
      roi: '-0.7600',
      irr: '-0.760000', // −300,000 + 72,000 / (1 + r) = 0 → r = −0.76
      irrAmbiguous: false,
      paybackYears: null,
      discountedPaybackYears: null,
      vfmCategory: 'Poor',
      switchingValues: { benefits: npv.dividedBy(pvB).toFixed(4), costs: npv.dividedBy(300000).toFixed(4) },
    });
  });

  it('uses the Green Book schedule when no rate is given, with years running to the last flow without gaps', async () => {
    const res = await post({
      costs: [{ year: '2024/25', amount: '100' }],
      benefits: [{ year: '2026/27', amount: '30', type: 'non_cashable' }],
    });
    expect(res.status).toBe(200);
    expect(res.body.years.map((y: { year: string }) => y.year)).toEqual(['2024/25', '2025/26', '2026/27']);
    expect(res.body.years[2].discountFactor).toBe(new D(1).dividedBy(new D('1.035').pow(2)).toFixed(6));
    expect(res.body.totals.nonCashableBenefits).toBe('30.00');
    expect(res.body.settings.discountRule.kind).toBe('green_book');
  });

  it('adds several entries in one year and counts a dis-benefit as negative', async () => {
    const res = await post({
      baseYear: '2024/25',
      costs: [
        { year: '2024/25', amount: '60' },
        { year: '2024/25', amount: '40' },
      ],
      benefits: [
        { year: '2024/25', amount: '50' },
        { year: '2024/25', amount: '20', disbenefit: true },
      ],
    });
    expect(res.body.years).toHaveLength(1);
    expect(res.body.years[0]).toMatchObject({ costs: '100.00', benefits: '30.00', net: '-70.00' });
  });

  it.each([
    ['a bad financial year', { costs: [{ year: '2024/26', amount: '1' }] }, 'costs.0.year'],
    ['a lenient year label', { costs: [{ year: '2024-25', amount: '1' }] }, 'costs.0.year'],
    ['a flow before the base year', { baseYear: '2025/26', costs: [{ year: '2024/25', amount: '1' }] }, 'costs.0.year'],
    ['money as a JSON number', { costs: [{ year: '2024/25', amount: 1 }] }, 'costs.0.amount'],
    ['more than 2 decimals', { costs: [{ year: '2024/25', amount: '1.005' }] }, 'costs.0.amount'],
    ['a negative cost', { costs: [{ year: '2024/25', amount: '-1' }] }, 'costs.0.amount'],
    [
      'confidence above 1',
      { benefits: [{ year: '2024/25', amount: '1', confidence: '1.5' }] },
      'benefits.0.confidence',
    ],
    [
      'confidence below 0',
      { benefits: [{ year: '2024/25', amount: '1', confidence: '-0.1' }] },
      'benefits.0.confidence',
    ],
    [
      'an unknown benefit type',
      { benefits: [{ year: '2024/25', amount: '1', type: 'qualitative' }] },
      'benefits.0.type',
    ],
    ['an unknown field', { costs: [], colour: 'red' }, 'colour'],
    ['a discount rate as a number', { discountRate: 0.035 }, 'discountRate'],
    ['riskAdjusted as a string', { riskAdjusted: 'yes' }, 'riskAdjusted'],
    [
      'over 100 years',
      {
        costs: [
          { year: '2024/25', amount: '1' },
          { year: '2124/25', amount: '1' },
        ],
      },
      'costs.1.year',
    ],
  ])('answers 400 naming the field for %s', async (_name, body, field) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.field).toBe(field);
    expect(res.body.error.message).toContain(field);
  });

  it('refuses more than 10,000 flows', async () => {
    const costs = Array.from({ length: 10_001 }, () => ({ year: '2024/25', amount: '1' }));
    const res = await post({ costs });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('costs');
  });

  it('answers 400 for malformed JSON and for a body that is not an object', async () => {
    const bad = await api.post('/api/v1/appraise').set('Content-Type', 'application/json').send('{"costs": [');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('malformed_json');
    const list = await api.post('/api/v1/appraise').send([1, 2]);
    expect(list.status).toBe(400);
    expect(list.body.error.code).toBe('bad_request');
  });
});

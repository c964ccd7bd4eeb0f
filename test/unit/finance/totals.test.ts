import { benefitTotals, benefitYears, simpleTotals, yearTable } from '../../../server/finance/totals';
import { d, emptyFlows, line } from '../../fixtures/finance/builders';
import { sampleProject } from '../../fixtures/finance/sample-project';

describe('yearTable: the project page’s undiscounted sums', () => {
  it('sums costs as entered and money benefits net of dis-benefits per year, with actual − planned', () => {
    const t = yearTable(sampleProject(), 2024);
    expect(
      t.years.map((y) => [
        y.fy,
        ...[y.plannedCosts, y.actualCosts, y.costVariance, y.expectedBenefits, y.realisedBenefits].map(String),
      ]),
    ).toEqual([
      [2022, '100', '110', '10', '0', '0'],
      [2023, '50', '40', '-10', '50', '30'],
      [2024, '20', '25', '5', '135', '92'], // 100 + 40 − 5; 90 + 10 − 8
      [2025, '0', '0', 'null', '95', '0'], // after the as-at year: not yet due (C6); no 2026 for the qualitative benefit (C5)
    ]);
    expect(
      [
        t.totals.plannedCosts,
        t.totals.actualCosts,
        t.totals.expectedBenefits,
        t.totals.realisedBenefits,
        t.costVariance,
      ].map(String),
    ).toEqual(['170', '175', '280', '122', '5']);
    expect(t.totals).toEqual(simpleTotals(sampleProject()));
  });

  it('fills the years between the first and last with figures, and is empty with none', () => {
    const flows = {
      ...emptyFlows(2022),
      costs: [
        { fy: 2022, kind: 'planned' as const, amount: d('1') },
        { fy: 2025, kind: 'actual' as const, amount: d('2') },
      ],
    };
    expect(yearTable(flows, 2025).years.map((y) => [y.fy, y.costVariance?.toString()])).toEqual([
      [2022, '-1'],
      [2023, '0'],
      [2024, '0'],
      [2025, '2'],
    ]);
    expect(yearTable(emptyFlows(2022), 2025)).toMatchObject({ years: [] });
    expect(yearTable(emptyFlows(2022), 2025).costVariance.toString()).toBe('0');
  });
});

describe('yearTable as at a date: years after the as-at year are not yet due (C6)', () => {
  // CS-002's shape: over budget to date, with plans in later years that nothing has been spent on yet.
  const flows = {
    ...emptyFlows(2024),
    costs: [
      { fy: 2024, kind: 'planned' as const, amount: d('100') },
      { fy: 2024, kind: 'actual' as const, amount: d('120') },
      { fy: 2025, kind: 'planned' as const, amount: d('40') },
      { fy: 2026, kind: 'planned' as const, amount: d('40') },
    ],
  };

  it('shows later years with their planned cost, a null variance and due false', () => {
    const t = yearTable(flows, 2024);
    expect(t.years.map((y) => [y.fy, y.due, y.plannedCosts.toString(), y.costVariance?.toString() ?? null])).toEqual([
      [2024, true, '100', '20'],
      [2025, false, '40', null],
      [2026, false, '40', null],
    ]);
  });

  it('totals the variance over the years to date only, not the −£80 of plans not yet due', () => {
    expect(yearTable(flows, 2024).costVariance.toString()).toBe('20');
    expect(yearTable(flows, 2026).costVariance.toString()).toBe('-60');
    expect(yearTable(flows, 2023).costVariance.toString()).toBe('0');
    expect(yearTable(flows, 2023).years.every((y) => !y.due && y.costVariance === null)).toBe(true);
  });
});

describe('one benefit’s amounts, as entered', () => {
  it('totals and per-year sums are not signed for a dis-benefit', () => {
    const b = sampleProject().benefits[2];
    expect([benefitTotals(b).expected, benefitTotals(b).realised].map(String)).toEqual(['10', '8']);
    expect(
      benefitYears(b.expected, b.realised).map((y) => [y.fy, y.expected.toString(), y.realised.toString()]),
    ).toEqual([
      [2024, '5', '8'],
      [2025, '5', '0'],
    ]);
    expect(
      benefitTotals({ expected: [line(2024, '0.01'), line(2024, '0.02')], realised: [] }).expected.toString(),
    ).toBe('0.03');
  });
});

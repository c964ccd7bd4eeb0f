import { costVariance, costVarianceTotals, plannedAndActualByYear } from '../../../server/finance/cost-variance';
import type { ProjectFlows } from '../../../server/finance/types';
import { d, emptyFlows, varianceYears } from '../../fixtures/finance/builders';
import { sampleProject } from '../../fixtures/finance/sample-project';

describe('costVariance (C6)', () => {
  it('as at 2024: actual − planned as entered (no optimism bias), per year and in total', () => {
    const v = costVariance(sampleProject(), 2024);
    expect([v.planned, v.actual, v.variance].map(String)).toEqual(['170', '175', '5']);
    expect(v.varianceRatio!.eq(d(5).dividedBy(170))).toBe(true);
    expect(varianceYears(v)).toEqual([
      [2022, '100', '110', '10', '0.1'],
      [2023, '50', '40', '-10', '-0.2'],
      [2024, '20', '25', '5', '0.25'],
    ]);
  });

  it('lists a year with only an actual line, with a null ratio there', () => {
    const flows: ProjectFlows = {
      ...emptyFlows(2023),
      costs: [
        { fy: 2024, kind: 'planned', amount: d('40') },
        { fy: 2023, kind: 'actual', amount: d('12') },
        { fy: 2025, kind: 'actual', amount: d('99') },
      ],
    };
    const v = costVariance(flows, 2024);
    expect(v.byYear.map((y) => [y.fy, y.variance?.toString() ?? null, y.varianceRatio?.toString() ?? null])).toEqual([
      [2023, '12', null],
      [2024, '-40', '-1'],
      [2025, null, null], // after the as-at year: not yet due
    ]);
    expect([v.planned, v.actual, v.variance, v.varianceRatio].map(String)).toEqual(['40', '12', '-28', '-0.7']);
  });

  it('lists years after the as-at year as not yet due, with their planned cost, and leaves them out of every total', () => {
    const flows: ProjectFlows = {
      ...emptyFlows(2022),
      costs: [
        { fy: 2022, kind: 'planned', amount: d('100') },
        { fy: 2022, kind: 'actual', amount: d('108.4') },
        { fy: 2023, kind: 'planned', amount: d('40') },
        { fy: 2024, kind: 'planned', amount: d('40') },
      ],
    };
    const v = costVariance(flows, 2022);
    expect(varianceYears(v)).toEqual([
      [2022, '100', '108.4', '8.4', '0.084'],
      [2023, '40', '0', null, null],
      [2024, '40', '0', null, null],
    ]);
    expect(v.byYear.map((y) => y.due)).toEqual([true, false, false]);
    expect([v.planned, v.actual, v.variance, v.varianceRatio].map(String)).toEqual(['100', '108.4', '8.4', '0.084']);
  });

  it('has a null total ratio when nothing was planned, and no years when there are no lines', () => {
    const actualOnly: ProjectFlows = { ...emptyFlows(2024), costs: [{ fy: 2024, kind: 'actual', amount: d('5') }] };
    expect(costVariance(actualOnly, 2024).varianceRatio).toBeNull();
    expect(costVariance(emptyFlows(2024), 2024)).toEqual({
      planned: d(0),
      actual: d(0),
      variance: d(0),
      varianceRatio: null,
      byYear: [],
    });
  });
});

describe('costVarianceTotals (C6, without the per-year breakdown)', () => {
  it('gives the totals and ratio of costVariance, from the same yearly sums', () => {
    const { byYear: _byYear, ...totals } = costVariance(sampleProject(), 2024);
    expect(JSON.stringify(costVarianceTotals(plannedAndActualByYear(sampleProject(), 2024)))).toBe(
      JSON.stringify(totals),
    );
  });

  it('is zero with a null ratio when there are no lines', () => {
    const t = costVarianceTotals([]);
    expect([t.planned, t.actual, t.variance].map(String)).toEqual(['0', '0', '0']);
    expect(t.varianceRatio).toBeNull();
  });
});

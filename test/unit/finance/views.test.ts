import * as views from '../../../server/finance/views';
import * as realisationModule from '../../../server/finance/realisation';
import * as costVarianceModule from '../../../server/finance/cost-variance';

import { FinanceInputError, type ProjectFlows, type YearAmounts } from '../../../server/finance/types';
import { d, emptyFlows } from '../../fixtures/finance/builders';
import { sampleProject } from '../../fixtures/finance/sample-project';

const { projectYearAmounts } = views;

/** [fy, costs, cashable, nonCashable] as strings, for readable expectations. */
function rows(years: YearAmounts[]): [number, string, string, string][] {
  return years.map((y) => [y.fy, y.costs.toString(), y.cashable.toString(), y.nonCashable.toString()]);
}

describe('projectYearAmounts: business case (C6)', () => {
  it('planned costs × (1 + ob) (C4) vs expected benefits as profiled; dis-benefit negative, qualitative ignored', () => {
    expect(rows(projectYearAmounts(sampleProject(), 'businessCase', { asAtFy: 2024, riskAdjusted: false }))).toEqual([
      [2022, '150', '0', '0'], // 100 × 1.5
      [2023, '75', '50', '0'], // 50 × 1.5
      [2024, '30', '100', '35'], // 20 × 1.5; non-cashable 40 − 5 (dis-benefit)
      [2025, '0', '100', '-5'],
    ]);
  });

  it('risk-adjusted: expected × confidence (C5)', () => {
    expect(rows(projectYearAmounts(sampleProject(), 'businessCase', { asAtFy: 2024, riskAdjusted: true }))).toEqual([
      [2022, '150', '0', '0'],
      [2023, '75', '40', '0'], // 50 × 0.8
      [2024, '30', '80', '15'], // 100 × 0.8; 40 × 0.5 − 5 × 1
      [2025, '0', '80', '-5'],
    ]);
  });

  it('ignores actual costs and realisations, and does not depend on the as-at year', () => {
    const a = projectYearAmounts(sampleProject(), 'businessCase', { asAtFy: 2022, riskAdjusted: false });
    const b = projectYearAmounts(sampleProject(), 'businessCase', { asAtFy: 2030, riskAdjusted: false });
    expect(rows(a)).toEqual(rows(b));
  });

  it('G4: the Green Book upper bound for equipment/development capital (200%) triples planned costs', () => {
    const flows = { ...emptyFlows(2024, '2.00'), costs: [{ fy: 2024, kind: 'planned' as const, amount: d('1000') }] };
    expect(rows(projectYearAmounts(flows, 'businessCase', { asAtFy: 2024, riskAdjusted: false }))).toEqual([
      [2024, '3000', '0', '0'],
    ]);
  });

  it('G4: the lower bound (10%) uplifts by a tenth; zero optimism bias leaves plans as entered', () => {
    const costs = [{ fy: 2024, kind: 'planned' as const, amount: d('1000') }];
    expect(
      projectYearAmounts({ ...emptyFlows(2024, '0.10'), costs }, 'businessCase', {
        asAtFy: 2024,
        riskAdjusted: false,
      })[0].costs.toString(),
    ).toBe('1100');
    expect(
      projectYearAmounts({ ...emptyFlows(2024, '0'), costs }, 'businessCase', {
        asAtFy: 2024,
        riskAdjusted: false,
      })[0].costs.toString(),
    ).toBe('1000');
  });
});

describe('projectYearAmounts: forecast (C6)', () => {
  it('switches at the as-at year: outturn before it, plan (no optimism bias) from it', () => {
    expect(rows(projectYearAmounts(sampleProject(), 'forecast', { asAtFy: 2024, riskAdjusted: false }))).toEqual([
      [2022, '110', '0', '0'], // actual
      [2023, '40', '30', '0'], // actual costs, realised benefits
      [2024, '20', '100', '35'], // planned as entered (not 30); expected 40 − 5
      [2025, '0', '100', '-5'],
    ]);
  });

  it('risk-adjusts only the expected (future) benefits, never realisations (C5)', () => {
    expect(rows(projectYearAmounts(sampleProject(), 'forecast', { asAtFy: 2024, riskAdjusted: true }))).toEqual([
      [2022, '110', '0', '0'],
      [2023, '40', '30', '0'], // realised 30, not 30 × 0.8
      [2024, '20', '80', '15'],
      [2025, '0', '80', '-5'],
    ]);
  });

  it('as at 2025 uses the 2024 outturn, including the realised dis-benefit', () => {
    expect(rows(projectYearAmounts(sampleProject(), 'forecast', { asAtFy: 2025, riskAdjusted: false }))).toEqual([
      [2022, '110', '0', '0'],
      [2023, '40', '30', '0'],
      [2024, '25', '90', '2'], // actual 25; realised 10 − 8
      [2025, '0', '100', '-5'],
    ]);
  });
});

describe('projectYearAmounts: to date (C6)', () => {
  it('actual costs vs realised benefits, up to and including the as-at year', () => {
    expect(rows(projectYearAmounts(sampleProject(), 'toDate', { asAtFy: 2024, riskAdjusted: true }))).toEqual([
      [2022, '110', '0', '0'],
      [2023, '40', '30', '0'],
      [2024, '25', '90', '2'],
    ]);
  });

  it('cuts off after the as-at year', () => {
    expect(rows(projectYearAmounts(sampleProject(), 'toDate', { asAtFy: 2023, riskAdjusted: false }))).toEqual([
      [2022, '110', '0', '0'],
      [2023, '40', '30', '0'],
    ]);
  });

  it('is empty before the project started', () => {
    expect(projectYearAmounts(sampleProject(), 'toDate', { asAtFy: 2021, riskAdjusted: false })).toEqual([]);
  });
});

describe('projectYearAmounts: lines and years', () => {
  it('lists a year with only a zero line (so the appraisal runs to it), and adds lines of one year', () => {
    const flows: ProjectFlows = {
      ...emptyFlows(2024),
      costs: [
        { fy: 2024, kind: 'planned', amount: d('10') },
        { fy: 2024, kind: 'planned', amount: d('15') },
        { fy: 2027, kind: 'planned', amount: d('0') },
      ],
    };
    expect(rows(projectYearAmounts(flows, 'businessCase', { asAtFy: 2024, riskAdjusted: false }))).toEqual([
      [2024, '25', '0', '0'],
      [2027, '0', '0', '0'],
    ]);
  });

  it('keeps negative cost lines (credits) negative and never uplifts actuals', () => {
    const flows: ProjectFlows = {
      ...emptyFlows(2024, '1'),
      costs: [
        { fy: 2024, kind: 'planned', amount: d('-10') },
        { fy: 2024, kind: 'actual', amount: d('-7') },
      ],
    };
    expect(projectYearAmounts(flows, 'businessCase', { asAtFy: 2024, riskAdjusted: false })[0].costs.toString()).toBe(
      '-20',
    );
    expect(projectYearAmounts(flows, 'toDate', { asAtFy: 2024, riskAdjusted: false })[0].costs.toString()).toBe('-7');
  });

  it('gives a qualitative-only project no money years at all (C5)', () => {
    const flows: ProjectFlows = { ...emptyFlows(2024), benefits: [sampleProject().benefits[3]] };
    expect(projectYearAmounts(flows, 'businessCase', { asAtFy: 2030, riskAdjusted: false })).toEqual([]);
    expect(projectYearAmounts(flows, 'toDate', { asAtFy: 2030, riskAdjusted: false })).toEqual([]);
  });

  it.each([['-0.1'], ['1.5']])('refuses a confidence of %s (C5: in [0, 1])', (confidence) => {
    const flows = sampleProject();
    flows.benefits[0].confidence = d(confidence);
    expect(() => projectYearAmounts(flows, 'businessCase', { asAtFy: 2024, riskAdjusted: true })).toThrow(
      FinanceInputError,
    );
  });

  it('refuses a negative optimism bias and an unknown view', () => {
    expect(() =>
      projectYearAmounts(emptyFlows(2024, '-0.1'), 'businessCase', { asAtFy: 2024, riskAdjusted: false }),
    ).toThrow(FinanceInputError);
    expect(() => projectYearAmounts(emptyFlows(2024), 'bogus' as never, { asAtFy: 2024, riskAdjusted: false })).toThrow(
      FinanceInputError,
    );
  });
});

describe('views.ts re-exports', () => {
  it('offers realisation and costVariance alongside the views', () => {
    expect(views.realisation).toBe(realisationModule.realisation);
    expect(views.costVariance).toBe(costVarianceModule.costVariance);
  });
});

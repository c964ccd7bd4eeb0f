import { realisation } from '../../../server/finance/realisation';
import { DEFAULT_RAG } from '../../../server/finance/defaults';
import type { ProjectFlows } from '../../../server/finance/types';
import { d, emptyFlows, line } from '../../fixtures/finance/builders';
import { sampleProject } from '../../fixtures/finance/sample-project';

describe('realisation (C6)', () => {
  it('as at 2024: realised 30 + 90 + 10 − 8 = 122 over expected 50 + 100 + 40 − 5 = 185 (not risk-adjusted) → red', () => {
    const r = realisation(sampleProject(), 2024, DEFAULT_RAG);
    expect([r.expectedToDate.toString(), r.realisedToDate.toString()]).toEqual(['185', '122']);
    expect(r.ratio!.eq(d(122).dividedBy(185))).toBe(true);
    expect(r.rag).toBe('red');
  });

  it('as at 2023: 30 / 50 = 0.6 → red; only years up to the as-at year count', () => {
    const r = realisation(sampleProject(), 2023, DEFAULT_RAG);
    expect([r.expectedToDate, r.realisedToDate, r.ratio].map(String)).toEqual(['50', '30', '0.6']);
  });

  it.each([
    ['90', '0.9', 'green'],
    ['89.99', '0.8999', 'amber'],
    ['70', '0.7', 'amber'],
    ['69.99', '0.6999', 'red'],
    ['120', '1.2', 'green'],
  ])('realised %s of 100 expected → ratio %s, %s', (realised, ratio, rag) => {
    const flows: ProjectFlows = {
      ...emptyFlows(2024),
      benefits: [
        {
          type: 'cashable',
          disbenefit: false,
          confidence: d('0.3'),
          expected: [line(2024, '100')],
          realised: [line(2024, realised)],
        },
      ],
    };
    const r = realisation(flows, 2024, DEFAULT_RAG);
    expect(r.ratio!.eq(ratio)).toBe(true);
    expect(r.rag).toBe(rag);
  });

  it('is null (no ratio, no RAG) when nothing was expected yet', () => {
    expect(realisation(sampleProject(), 2022, DEFAULT_RAG)).toEqual({
      expectedToDate: d(0),
      realisedToDate: d(0),
      ratio: null,
      rag: null,
    });
    const earlyRealisation = realisation(
      {
        ...emptyFlows(2024),
        benefits: [
          {
            type: 'cashable',
            disbenefit: false,
            confidence: d(1),
            expected: [line(2026, '10')],
            realised: [line(2024, '5')],
          },
        ],
      },
      2024,
      DEFAULT_RAG,
    );
    expect(earlyRealisation.ratio).toBeNull();
    expect(earlyRealisation.realisedToDate.toString()).toBe('5');
  });
});

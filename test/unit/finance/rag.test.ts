import { DEFAULT_RAG } from '../../../server/finance/defaults';
import { ragStatus } from '../../../server/finance/rag';
import { d } from '../../fixtures/finance/builders';

describe('ragStatus (C6: green ≥ 0.90, amber ≥ 0.70, red below)', () => {
  it.each([
    ['1.25', 'green'],
    ['0.90', 'green'],
    ['0.8999', 'amber'],
    ['0.70', 'amber'],
    ['0.6999', 'red'],
    ['0', 'red'],
    ['-0.5', 'red'],
  ])('ratio %s → %s', (ratio, rag) => {
    expect(ragStatus(d(ratio), DEFAULT_RAG)).toBe(rag);
  });

  it('gives no status for a null ratio', () => {
    expect(ragStatus(null, DEFAULT_RAG)).toBeNull();
  });

  it('uses the organisation’s own thresholds', () => {
    const thresholds = { green: d('0.95'), amber: d('0.8') };
    expect(['0.95', '0.94', '0.8', '0.79'].map((r) => ragStatus(d(r), thresholds))).toEqual([
      'green',
      'amber',
      'amber',
      'red',
    ]);
  });
});

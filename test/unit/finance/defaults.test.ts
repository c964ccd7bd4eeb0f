import { DEFAULT_RAG, DEFAULT_VFM_BANDS, GREEN_BOOK } from '../../../server/finance/defaults';

describe('DEFAULT_VFM_BANDS, DEFAULT_RAG and GREEN_BOOK (C3, C6)', () => {
  it('hold the documented defaults', () => {
    const bands = DEFAULT_VFM_BANDS;
    expect([bands.poor, bands.low, bands.medium, bands.high, bands.veryHigh].map(String)).toEqual([
      '0',
      '1',
      '1.5',
      '2',
      '4',
    ]);
    expect([DEFAULT_RAG.green, DEFAULT_RAG.amber].map(String)).toEqual(['0.9', '0.7']);
    expect(GREEN_BOOK).toEqual({ kind: 'green_book' });
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(DEFAULT_VFM_BANDS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_RAG)).toBe(true);
    expect(Object.isFrozen(GREEN_BOOK)).toBe(true);
  });
});

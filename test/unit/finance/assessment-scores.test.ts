import { assessmentScores, dimensionScore, scoreText } from '../../../server/finance/assessment-scores';
import { Decimal } from '../../../server/money';

const s = (...scores: (number | null)[]) => scores.map((score) => ({ score }));

describe('C11 assessment scores (hand-worked)', () => {
  it('a dimension is the mean of its answered statements; unanswered ones are excluded and counted', () => {
    // (3 + 4 + 4) / 3 = 11/3 = 3.6666…; one unanswered.
    const d = dimensionScore({ code: 'GOV', statements: s(3, null, 4, 4) });
    expect(d.score!.equals(new Decimal(11).dividedBy(3))).toBe(true);
    expect([d.answered, d.unanswered]).toEqual([3, 1]);
    expect(scoreText(d.score, 1)).toBe('3.7');
    expect(scoreText(d.score, 2)).toBe('3.67');
  });

  it('a dimension with no answers has no score and counts every statement as unanswered', () => {
    const d = dimensionScore({ code: 'VFM', statements: s(null, null, null) });
    expect(d.score).toBeNull();
    expect([d.answered, d.unanswered]).toEqual([0, 3]);
    expect(scoreText(d.score, 2)).toBeNull();
  });

  it('overall is the mean of the dimension scores that exist, not of all statements', () => {
    // STR: (5 + 4) / 2 = 4.5; GOV: (2 + 2 + 3) / 3 = 7/3; VFM: none answered (no score).
    // Overall = (4.5 + 7/3) / 2 = (27/6 + 14/6) / 2 = 41/12 = 3.41666…
    // (The mean of all 5 answered statements would be 16/5 = 3.2: a different, wrong, figure.)
    const r = assessmentScores([
      { code: 'STR', statements: s(5, 4, null) },
      { code: 'GOV', statements: s(2, 2, 3) },
      { code: 'VFM', statements: s(null, null) },
    ]);
    expect(r.dimensions.map((d) => scoreText(d.score, 2))).toEqual(['4.50', '2.33', null]);
    expect(r.overall!.equals(new Decimal(41).dividedBy(12))).toBe(true);
    expect(scoreText(r.overall, 2)).toBe('3.42');
    expect(scoreText(r.overall, 1)).toBe('3.4');
    expect([r.answered, r.unanswered]).toEqual([5, 3]);
  });

  it('rounds half-up at output only: 3.25 → 3.3 on pages, 2.125 → 2.13 in the API', () => {
    // (3 + 3 + 4 + 3) / 4 = 3.25 exactly → "3.3" (1 dp, half-up); "3.25" (2 dp).
    const a = dimensionScore({ code: 'A', statements: s(3, 3, 4, 3) });
    expect(scoreText(a.score, 1)).toBe('3.3');
    expect(scoreText(a.score, 2)).toBe('3.25');
    // Dimensions 2.25 and 2 → overall 2.125 → "2.13" (2 dp), "2.1" (1 dp).
    const r = assessmentScores([
      { code: 'A', statements: s(2, 2, 2, 3) },
      { code: 'B', statements: s(2) },
    ]);
    expect(r.overall!.toString()).toBe('2.125');
    expect(scoreText(r.overall, 2)).toBe('2.13');
    expect(scoreText(r.overall, 1)).toBe('2.1');
  });

  it('has no overall score when nothing is answered', () => {
    const r = assessmentScores([{ code: 'A', statements: s(null) }]);
    expect(r.overall).toBeNull();
    expect([r.answered, r.unanswered]).toEqual([0, 1]);
  });

  it.each([0, 6, 2.5, -1])('refuses a score of %p', (bad) => {
    expect(() => dimensionScore({ code: 'A', statements: s(bad) })).toThrow(RangeError);
  });
});

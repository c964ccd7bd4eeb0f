/**
 * C11 assessment scores: pure, exact, no I/O. A statement is scored 1–5 or left unanswered; a
 * dimension's score is the mean of its answered statements (none answered: no score); the overall
 * score is the mean of the dimension scores that exist, not of all statements. Unanswered
 * statements are excluded and counted. Rounding is the presenters' job (1 dp on pages, 2 dp in the
 * API and exports, half-up): nothing here rounds.
 */
import { Decimal } from '../money';

export interface ScoredStatement {
  /** A whole number from 1 to 5, or null when unanswered. */
  score: number | null;
}

export interface DimensionInput {
  code: string;
  statements: readonly ScoredStatement[];
}

export interface DimensionScore {
  code: string;
  /** Mean of the answered statements, exact; null when none is answered (C11). */
  score: Decimal | null;
  answered: number;
  unanswered: number;
}

export interface AssessmentScores {
  dimensions: DimensionScore[];
  /** Mean of the dimension scores that exist; null when no dimension has one (C11). */
  overall: Decimal | null;
  answered: number;
  unanswered: number;
}

/** C11: the only scores accepted. Anything else is a programming error by the time it gets here. */
export function isValidScore(score: unknown): score is number {
  return typeof score === 'number' && Number.isInteger(score) && score >= 1 && score <= 5;
}

function mean(values: readonly Decimal[]): Decimal | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a.plus(b), new Decimal(0)).dividedBy(values.length);
}

export function dimensionScore(d: DimensionInput): DimensionScore {
  const answered: Decimal[] = [];
  for (const s of d.statements) {
    if (s.score === null) continue;
    if (!isValidScore(s.score)) throw new RangeError(`A statement score must be a whole number from 1 to 5`);
    answered.push(new Decimal(s.score));
  }
  return {
    code: d.code,
    score: mean(answered),
    answered: answered.length,
    unanswered: d.statements.length - answered.length,
  };
}

/** C11: every dimension's score, and the overall score as the mean of those that exist. */
export function assessmentScores(dimensions: readonly DimensionInput[]): AssessmentScores {
  const scored = dimensions.map(dimensionScore);
  const existing = scored.flatMap((d) => (d.score === null ? [] : [d.score]));
  return {
    dimensions: scored,
    overall: mean(existing),
    answered: scored.reduce((n, d) => n + d.answered, 0),
    unanswered: scored.reduce((n, d) => n + d.unanswered, 0),
  };
}

/** C11 output: a score to `places` decimals, half-up (1 on pages, 2 in the API and exports); null stays null. */
export function scoreText(score: Decimal | null, places: 1 | 2): string | null {
  if (score === null) return null;
  return score.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);
}

/**
 * The realisation rules of issue 14, as pure functions: C6's "realisations record what happened"
 * (no year after the current financial year) and evidence for every money realisation.
 */
import { Decimal } from '../../../server/money';
import { futureRealisationProblem, hasEvidence, realisationEvidenceProblem } from '../../../server/domain/rules';

describe('futureRealisationProblem (C6)', () => {
  const current = 2026; // 2026/27

  it.each([
    [2026, 'the current financial year'],
    [2025, 'the year before'],
    [1990, 'a long-past year'],
  ])('accepts %p (%s)', (fy) => {
    expect(futureRealisationProblem(fy, current)).toBeNull();
  });

  it.each([
    [2027, '2027/28'],
    [2029, '2029/30'],
    [2199, '2199/00'],
  ])('refuses %p, naming the year and the latest allowed one', (fy, label) => {
    expect(futureRealisationProblem(fy, current)).toBe(
      `${label} has not started yet: record a realisation once it has happened, in 2026/27 or an earlier year`,
    );
  });
});

describe('hasEvidence', () => {
  it.each([
    ['Ledger extract, Q2', true],
    ['https://intranet.example/benefits/B1.pdf', true],
    [' x ', true],
    ['', false],
    ['   \n ', false],
    ['no evidence recorded', false],
    [' No Evidence Recorded ', false],
  ])('%p → %p', (text, expected) => {
    expect(hasEvidence(text)).toBe(expected);
  });
});

describe('realisationEvidenceProblem', () => {
  const message =
    'Enter the evidence for the amount realised: where the figure comes from (a report, a ledger extract) or a link to it';

  it.each([
    ['an amount with a description', new Decimal('85000'), 'Finance ledger extract Q4'],
    ['an amount with a link', new Decimal('85000'), 'https://intranet.example/ledger.xlsx'],
    ['a correction with a description', new Decimal('-100'), 'Correction of a double count'],
    ['a zero amount with a description', new Decimal('0'), 'Nothing saved this year: ledger'],
    ['no amount (a measured value), no evidence', null, ''],
  ])('accepts %s', (_what, amount, evidence) => {
    expect(realisationEvidenceProblem(amount, evidence)).toBeNull();
  });

  it.each([
    ['an amount with empty evidence', new Decimal('85000'), ''],
    ['an amount with blank evidence', new Decimal('85000'), '   '],
    ['a correction without evidence', new Decimal('-100'), ''],
    ['a zero amount without evidence', new Decimal('0'), ''],
    ['an amount whose evidence is the words shown for none', new Decimal('1'), 'No evidence recorded'],
  ])('refuses %s', (_what, amount, evidence) => {
    expect(realisationEvidenceProblem(amount, evidence)).toBe(message);
  });
});

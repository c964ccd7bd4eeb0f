import { Decimal } from '../../../server/money';
import { BY_NPV, rankProjects, type Rankable, type RankSort } from '../../../server/finance/ranking';

const d = (v: string | null) => (v === null ? null : new Decimal(v));

/** Just the figures a ranking reads: forecast NPV and BCR, and the realisation ratio. */
function project(code: string, npv: string, bcr: string | null, realised: string | null): Rankable {
  return {
    project: { code },
    views: { forecast: { npv: new Decimal(npv), bcr: d(bcr) }, realisation: { ratio: d(realised) } },
  } as unknown as Rankable;
}

const PROJECTS = [
  project('P-3', '100', '1.5', null),
  project('P-1', '-50', null, '0.9'),
  project('P-2', '250', '2', '0.5'),
  project('P-4', '100', '1.5', '0.9'),
];

describe('rankProjects', () => {
  it.each<[RankSort, string[]]>([
    [BY_NPV, ['P-2', 'P-3', 'P-4', 'P-1']],
    [{ key: 'npv', dir: 'asc' }, ['P-1', 'P-3', 'P-4', 'P-2']],
    [{ key: 'bcr', dir: 'desc' }, ['P-2', 'P-3', 'P-4', 'P-1']],
    [{ key: 'bcr', dir: 'asc' }, ['P-3', 'P-4', 'P-2', 'P-1']],
    [{ key: 'realisation', dir: 'desc' }, ['P-1', 'P-4', 'P-2', 'P-3']],
    [{ key: 'realisation', dir: 'asc' }, ['P-2', 'P-1', 'P-4', 'P-3']],
  ])('orders by %j, ties by code, projects without a value last', (sort, codes) => {
    expect(rankProjects(PROJECTS, sort).map((p) => p.project.code)).toEqual(codes);
  });

  it('leaves the list it was given in its order', () => {
    rankProjects(PROJECTS, BY_NPV);
    expect(PROJECTS.map((p) => p.project.code)).toEqual(['P-3', 'P-1', 'P-2', 'P-4']);
  });
});

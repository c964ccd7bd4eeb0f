import { Decimal } from '../../../../server/money';
import { planCosts } from '../../../../server/domain/imports/plan-costs';
import type { PlanContext } from '../../../../server/domain/imports/plan-common';
import type { CostLine } from '../../../../server/records';

const columns = (names: string[]) => new Map(names.map((n, i) => [n, i]));
const ALL = ['project_code', 'year', 'kind', 'category', 'amount', 'description', 'reference', 'credit'];

function ctx(names = ALL, refusal: PlanContext['refusal'] = () => null): PlanContext {
  return {
    columns: columns(names),
    projects: new Map([['CS-001', { id: 7, code: 'CS-001', baseFy: 2024, directorateId: 1 }]]),
    refusal,
  };
}

const stored = (over: Partial<CostLine> = {}): CostLine => ({
  id: 1,
  version: 3,
  projectId: 7,
  fy: 2024,
  kind: 'planned',
  category: 'other',
  funding: 'capital',
  recurrence: null,
  amount: new Decimal(100),
  isCredit: false,
  description: 'Servers',
  reference: 'A',
  ...over,
});

describe('planCosts', () => {
  it('adds, updates and leaves unchanged by the natural key, keeping the stored record for undo', () => {
    const b = stored({ id: 2, reference: 'B', amount: new Decimal('0.05') });
    const plan = planCosts(
      [
        { line: 2, cells: ['CS-001', '2024/25', 'planned', 'capital', '100', 'Servers', 'A', ''] },
        { line: 3, cells: ['CS-001', '2024/25', 'planned', 'capital', '100', 'Servers', 'B', ''] },
      ],
      ctx(),
      [stored(), b],
    );
    expect(plan.problems).toEqual([]);
    expect(plan.counts).toEqual({ add: 0, update: 1, unchanged: 1 });
    expect(plan.updates).toHaveLength(1);
    expect(plan.updates[0].current).toBe(b);
    expect({ ...plan.updates[0].write, amount: plan.updates[0].write.amount.toString() }).toEqual({
      fy: 2024,
      kind: 'planned',
      category: 'other',
      funding: 'capital',
      recurrence: null,
      reference: 'B',
      amount: '100',
      isCredit: false,
      description: 'Servers',
    });
  });

  it('refuses to guess between stored lines that share a key', () => {
    const plan = planCosts([{ line: 2, cells: ['CS-001', '2024/25', 'planned', 'capital', '1', '', 'A', ''] }], ctx(), [
      stored(),
      stored({ id: 2 }),
    ]);
    expect(plan.problems).toEqual([
      {
        line: 2,
        column: 'reference',
        message:
          '2 cost lines of CS-001 already have this year, kind, funding, category and reference: give them different references before importing against them',
      },
    ]);
  });

  it('keeps a stored credit when the file has no credit column, and treats a zero credit as zero', () => {
    const names = ['project_code', 'year', 'kind', 'category', 'amount', 'reference'];
    const plan = planCosts(
      [
        { line: 2, cells: ['CS-001', '2024/25', 'planned', 'capital', '-100', 'A'] },
        { line: 3, cells: ['CS-001', '2024/25', 'planned', 'capital', '0', 'Z'] },
      ],
      ctx(names),
      [stored({ amount: new Decimal(-100), isCredit: true })],
    );
    expect(plan.problems).toEqual([]);
    expect(plan.counts).toEqual({ add: 1, update: 0, unchanged: 1 });
    expect(plan.inserts.map((i) => ({ ...i, amount: i.amount.toString() }))).toEqual([
      {
        projectId: 7,
        fy: 2024,
        kind: 'planned',
        category: 'other',
        funding: 'capital',
        recurrence: null,
        reference: 'Z',
        amount: '0',
        isCredit: false,
        description: '',
      },
    ]);
  });

  it('reports a refused project on its code column', () => {
    const plan = planCosts(
      [{ line: 9, cells: ['cs-001', '2024/25', 'planned', 'capital', '1', '', '', ''] }],
      ctx(ALL, (p) => `No to ${p.code}`),
      [],
    );
    expect(plan.problems).toEqual([{ line: 9, column: 'project_code', message: 'No to CS-001' }]);
  });
});

/**
 * The grids as API resources (issue 19): the project, its grid's years as C2 labels, and each row
 * with its cells by year, money as C7 strings and null for an empty cell. A grid has no row of its
 * own to carry a version, so its version is a digest of its filled cells: any change to a cell
 * (through the grid, a cost line, a profile or an import) gives another, and a write names the one
 * it read, as every other write does (If-Match or a version field).
 */
import { createHash } from 'node:crypto';
import { fyLabel } from '../../financial-year';
import { toApiMoney, type Decimal } from '../../money';
import type { CostGrid } from '../../domain/cost-grid';
import type { ProfileGrid } from '../../domain/profile-grid';
import { costRowKey, costRowLabel } from '../../validation/cost-grid.schema';

/** The versions fit the API's Version (a whole number below 10^9, like a row's). */
const VERSION_SPACE = 1_000_000_000n;

/** `parts`: one string per filled cell; the order of the grid's rows and years does not matter. */
function digestVersion(parts: string[]): number {
  const hash = createHash('sha256')
    .update([...parts].sort().join('\n'))
    .digest('hex');
  return Number(BigInt(`0x${hash.slice(0, 16)}`) % VERSION_SPACE);
}

const cellsByYear = (years: readonly number[], amount: (fy: number) => Decimal | null) =>
  Object.fromEntries(years.map((fy) => [fyLabel(fy), toApiMoney(amount(fy))]));

export function costGridVersion(grid: CostGrid): number {
  const parts: string[] = [];
  for (const r of grid.rows)
    for (const [fy, c] of r.cells) if (c.total !== null) parts.push(`${costRowKey(r)}|${fy}|${c.total.toFixed(2)}`);
  return digestVersion(parts);
}

export function costGridResource(grid: CostGrid) {
  return {
    projectCode: grid.project.code,
    years: grid.years.map(fyLabel),
    rows: grid.rows.map((r) => ({
      kind: r.kind,
      funding: r.funding,
      category: r.category,
      recurrence: r.recurrence,
      label: costRowLabel(r),
      years: cellsByYear(grid.years, (fy) => r.cells.get(fy)?.total ?? null),
    })),
    version: costGridVersion(grid),
  };
}

/** The benefits are part of the version: a benefit added or removed changes the grid's rows. */
export function profileGridVersion(grid: ProfileGrid): number {
  const parts: string[] = [];
  for (const r of grid.rows) {
    parts.push(r.benefit.ref);
    for (const [fy, amount] of r.cells) if (amount !== null) parts.push(`${r.benefit.ref}|${fy}|${amount.toFixed(2)}`);
  }
  return digestVersion(parts);
}

export function profileGridResource(grid: ProfileGrid) {
  return {
    projectCode: grid.project.code,
    years: grid.years.map(fyLabel),
    rows: grid.rows.map((r) => ({
      benefitRef: r.benefit.ref,
      title: r.benefit.title,
      years: cellsByYear(grid.years, (fy) => r.cells.get(fy) ?? null),
    })),
    version: profileGridVersion(grid),
  };
}

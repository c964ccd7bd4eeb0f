/**
 * Issue 19 follow-up: an import that updated cost lines before funding existed kept each line's
 * earlier values (`import_batch_rows.before_json`) with the old mixed category. Undoing such an
 * import would write `category: 'capital'` back into a column that no longer allows it. This maps
 * those snapshots the way 20261203210100_add_cost_line_funding mapped the rows themselves, and
 * down maps them back (a snapshot that already had funding is left alone both ways).
 */
import type { Knex } from 'knex';

const UP: Record<string, { category: string; funding: string; recurrence: string | null }> = {
  capital: { category: 'other', funding: 'capital', recurrence: null },
  revenue_one_off: { category: 'other', funding: 'revenue', recurrence: 'one_off' },
  revenue_recurring: { category: 'other', funding: 'revenue', recurrence: 'recurring' },
  staff: { category: 'staff', funding: 'revenue', recurrence: null },
  licences: { category: 'licences', funding: 'revenue', recurrence: null },
  hardware: { category: 'hardware', funding: 'revenue', recurrence: null },
  services: { category: 'services', funding: 'revenue', recurrence: null },
};

/** The inverse of UP, with the funding migration's nearest-name rule for what UP cannot produce. */
function oldCategory(s: { category: string; funding: string; recurrence: string | null }): string {
  if (s.funding === 'capital') return 'capital';
  if (s.category !== 'other') return s.category;
  return s.recurrence === 'recurring' ? 'revenue_recurring' : 'revenue_one_off';
}

async function rewrite(
  knex: Knex,
  map: (snapshot: Record<string, unknown>) => Record<string, unknown> | null,
): Promise<void> {
  const rows: { id: number | string; before_json: string }[] = await knex('import_batch_rows')
    .where({ table_name: 'cost_lines' })
    .whereNotNull('before_json')
    .select('id', 'before_json');
  for (const r of rows) {
    const next = map(JSON.parse(String(r.before_json)) as Record<string, unknown>);
    if (next)
      await knex('import_batch_rows')
        .where({ id: r.id })
        .update({ before_json: JSON.stringify(next) });
  }
}

export async function up(knex: Knex): Promise<void> {
  await rewrite(knex, (s) => {
    if ('funding' in s) return null;
    const mapped = UP[String(s.category)];
    return mapped ? { ...s, ...mapped } : null;
  });
}

export async function down(knex: Knex): Promise<void> {
  await rewrite(knex, (s) => {
    if (!('funding' in s)) return null;
    const { funding, recurrence, ...rest } = s;
    return {
      ...rest,
      category: oldCategory({
        category: String(s.category),
        funding: String(funding),
        recurrence: (recurrence as string | null) ?? null,
      }),
    };
  });
}

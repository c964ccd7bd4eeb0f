/**
 * Issue 19: capital and revenue become a dimension of their own. A cost line gains `funding`
 * ('capital' | 'revenue') and `recurrence` ('one_off' | 'recurring' | null: not stated), and
 * `category` keeps only what the cost is for: staff, licences, hardware, services, other.
 * (CONVENTIONS C4 still lists the old mixed list; the data model is followed here.)
 *
 * Up maps the old categories: capital → capital / other; revenue_one_off → revenue / other /
 * one-off; revenue_recurring → revenue / other / recurring; staff, licences, hardware, services →
 * revenue / the same category. Down is the inverse on every row up can produce, so up, down, up
 * gives the same rows; a combination the old list cannot say goes to its nearest old name:
 * capital anything → capital; revenue staff/licences/hardware/services → that category (its
 * recurrence is lost); revenue other → revenue_recurring when recurring, else revenue_one_off.
 *
 * SQLite cannot change a CHECK in place: the category column is replaced by a new one (add,
 * copy, drop, rename), which both dialects do the same way.
 */
import type { Knex } from 'knex';

const OLD_CATEGORIES = ['capital', 'revenue_one_off', 'revenue_recurring', 'staff', 'licences', 'hardware', 'services'];
const NEW_CATEGORIES = ['staff', 'licences', 'hardware', 'services', 'other'];
const SUBCATEGORIES = ['staff', 'licences', 'hardware', 'services'];

async function replaceCategory(
  knex: Knex,
  values: string[],
  fallback: string,
  fill: (temp: string) => Promise<void>,
): Promise<void> {
  await knex.schema.alterTable('cost_lines', (t) => {
    t.enu('category_next', values, { useNative: false, enumName: 'cost_category_next' })
      .notNullable()
      .defaultTo(fallback);
  });
  await fill('category_next');
  await knex.schema.alterTable('cost_lines', (t) => t.dropColumn('category'));
  await knex.schema.alterTable('cost_lines', (t) => t.renameColumn('category_next', 'category'));
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cost_lines', (t) => {
    t.enu('funding', ['capital', 'revenue'], { useNative: false, enumName: 'cost_funding' })
      .notNullable()
      .defaultTo('revenue');
    t.enu('recurrence', ['one_off', 'recurring'], { useNative: false, enumName: 'cost_recurrence' }).nullable();
  });
  await knex('cost_lines').where({ category: 'capital' }).update({ funding: 'capital' });
  await knex('cost_lines').where({ category: 'revenue_one_off' }).update({ recurrence: 'one_off' });
  await knex('cost_lines').where({ category: 'revenue_recurring' }).update({ recurrence: 'recurring' });
  await replaceCategory(knex, NEW_CATEGORIES, 'other', async (temp) => {
    for (const c of SUBCATEGORIES)
      await knex('cost_lines')
        .where({ category: c })
        .update({ [temp]: c });
  });
}

export async function down(knex: Knex): Promise<void> {
  await replaceCategory(knex, OLD_CATEGORIES, 'revenue_one_off', async (temp) => {
    await knex('cost_lines')
      .where({ recurrence: 'recurring' })
      .update({ [temp]: 'revenue_recurring' });
    for (const c of SUBCATEGORIES)
      await knex('cost_lines')
        .where({ category: c })
        .update({ [temp]: c });
    await knex('cost_lines')
      .where({ funding: 'capital' })
      .update({ [temp]: 'capital' });
  });
  await knex.schema.alterTable('cost_lines', (t) => {
    t.dropColumn('funding');
    t.dropColumn('recurrence');
  });
}

import type { Knex } from 'knex';

/** created_at / updated_at / version, which every mutable table carries. */
export function mutableColumns(knex: Knex, t: Knex.CreateTableBuilder): void {
  t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  t.integer('version').notNullable().defaultTo(1);
}

/** C1: one amount is at most £999,999,999,999.99 either way, enforced by the database too. */
export function penceRangeCheck(t: Knex.CreateTableBuilder, column: string, name: string): void {
  t.check(`${column} BETWEEN -99999999999999 AND 99999999999999`, [], name);
}

export const FY_CHECK = (column: string) => `${column} BETWEEN 1900 AND 2199`;

/**
 * Migrations are listed here rather than discovered on disk, so the same list runs under ts-jest,
 * tsx and the compiled build. Add new files at the end; never edit one that has landed.
 */
import type { Knex } from 'knex';
import * as m0100 from './20261127000100_create_directorates';
import * as m0200 from './20261127000200_create_projects';
import * as m0300 from './20261127000300_create_cost_lines';
import * as m0400 from './20261127000400_create_benefits';
import * as m0500 from './20261127000500_create_benefit_profile';
import * as m0600 from './20261127000600_create_realisations';
import * as m0700 from './20261127000700_create_audit_log';
import * as m0800 from './20261127000800_create_settings';
import * as m0900 from './20261127000900_create_users';
import * as m1000 from './20261127001000_create_sessions';
import * as m1100 from './20261127001100_create_api_tokens';
import * as m1200 from './20261127001200_create_import_batches';
import * as m1300 from './20261202000100_create_project_year_summaries';
import * as m1400 from './20261202000200_create_project_headlines';
import * as m1500 from './20261202000300_add_import_upload_previews';
import * as m1600 from './20261202000400_create_read_model_version';
import * as m1700 from './20261202000500_widen_project_year_summaries';
import * as m1800 from './20261202000600_create_group_year_summaries';
import * as m2026120315a from './20261203150100_create_report_editions';
import * as m2026120316a from './20261203160100_create_decisions';
import * as m2026120316b from './20261203160200_add_baseline_series';
import * as m2026120317a from './20261203170100_create_benefit_reforecasts';
import * as m2026120317b from './20261203170200_create_project_reforecast_summaries';
import * as m2026120317c from './20261203170300_add_reforecast_import_kind';
import * as m2026120318a from './20261203180100_add_realisation_verification';
import * as m2026120318b from './20261203180200_create_realisation_attachments';
import * as m2026120318c from './20261203180300_add_verified_series';
import * as m2026120319a from './20261203190100_create_reviews';
import * as mAssessments from './20261203200100_create_assessments';
import * as m2026120321a from './20261203210100_add_cost_line_funding';
import * as m2026120321b from './20261203210200_add_funding_series';
import * as m2026120322a from './20261203220100_create_budget_reductions';
import * as m2026120322b from './20261203220200_create_priorities';
import * as m20261204100100 from './20261204100100_add_project_import_kind';
import * as m2026120411a from './20261204110100_create_benefit_to_date_sums';
import * as m2026120413a from './20261204130100_map_import_snapshots_funding';
import * as m2026120414a from './20261204140100_create_project_realisation_gaps';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

export const migrations: [string, Migration][] = [
  ['20261127000100_create_directorates', m0100],
  ['20261127000200_create_projects', m0200],
  ['20261127000300_create_cost_lines', m0300],
  ['20261127000400_create_benefits', m0400],
  ['20261127000500_create_benefit_profile', m0500],
  ['20261127000600_create_realisations', m0600],
  ['20261127000700_create_audit_log', m0700],
  ['20261127000800_create_settings', m0800],
  ['20261127000900_create_users', m0900],
  ['20261127001000_create_sessions', m1000],
  ['20261127001100_create_api_tokens', m1100],
  ['20261127001200_create_import_batches', m1200],
  ['20261202000100_create_project_year_summaries', m1300],
  ['20261202000200_create_project_headlines', m1400],
  ['20261202000300_add_import_upload_previews', m1500],
  ['20261202000400_create_read_model_version', m1600],
  ['20261202000500_widen_project_year_summaries', m1700],
  ['20261202000600_create_group_year_summaries', m1800],
  ['20261203150100_create_report_editions', m2026120315a],
  ['20261203160100_create_decisions', m2026120316a],
  ['20261203160200_add_baseline_series', m2026120316b],
  ['20261203170100_create_benefit_reforecasts', m2026120317a],
  ['20261203170200_create_project_reforecast_summaries', m2026120317b],
  ['20261203170300_add_reforecast_import_kind', m2026120317c],
  ['20261203180100_add_realisation_verification', m2026120318a],
  ['20261203180200_create_realisation_attachments', m2026120318b],
  ['20261203180300_add_verified_series', m2026120318c],
  ['20261203190100_create_reviews', m2026120319a],
  ['20261203200100_create_assessments', mAssessments],
  ['20261203210100_add_cost_line_funding', m2026120321a],
  ['20261203210200_add_funding_series', m2026120321b],
  ['20261203220100_create_budget_reductions', m2026120322a],
  ['20261203220200_create_priorities', m2026120322b],
  ['20261204100100_add_project_import_kind', m20261204100100],
  ['20261204110100_create_benefit_to_date_sums', m2026120411a],
  ['20261204130100_map_import_snapshots_funding', m2026120413a],
  ['20261204140100_create_project_realisation_gaps', m2026120414a],
];

export const migrationSource: Knex.MigrationSource<[string, Migration]> = {
  getMigrations: async () => migrations,
  getMigrationName: ([name]) => name,
  getMigration: async ([, migration]) => migration,
};

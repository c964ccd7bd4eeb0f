/**
 * The benchmark's portfolio: generated from a seeded PRNG straight into a SQLite file, never
 * through the HTTP API. The schema comes from the app's own migrations (migrateLatest); the rows go
 * in with multi-row prepared INSERTs in one better-sqlite3 transaction (ids assigned here, so
 * children need no read-back); then the app's rebuildSummaries fills the C8 summary table from the
 * ledger, and createUser / createApiToken make the admin the load runs as.
 *
 * The data is valid as the app's rules define it: money in integer pence, no flow before its
 * project's base year, actual costs and realisations only up to the current financial year,
 * credits and corrections negative and marked, qualitative benefits without money, one profile
 * amount per benefit and year, and every project's yearly totals far inside £999,999,999,999.99.
 * Years are relative to the current financial year, so the same seed gives the same portfolio
 * shape on any date.
 */
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { createKnex, migrateLatest } from '../../server/knex';
import { createLogger } from '../../server/logger';
import { systemActor } from '../../server/records';
import { type Ctx } from '../../server/domain/types';
import { rebuildSummaries } from '../../server/domain/summaries';
import { createApiToken, createUser } from '../../server/domain/users';
import { fyOfDate, todayIso } from '../../server/financial-year';

export type Size = 'council' | 'national';

export const SIZES: Record<Size, { projects: number; directorates: number }> = {
  council: { projects: 300, directorates: 8 },
  national: { projects: 5000, directorates: 30 },
};

export const BENEFITS_PER_PROJECT = 10;
export const YEARS = 10;

export interface Generated {
  counts: Record<'directorates' | 'projects' | 'cost_lines' | 'benefits' | 'benefit_profile' | 'realisations', number>;
  /** Cost lines + benefit profile rows + realisations. */
  ledgerRows: number;
  ms: { migrate: number; insert: number; summaries: number; users: number; total: number };
  summaryProjects: number;
  email: string;
  password: string;
  token: string;
  directorateCodes: string[];
  projectCodes: string[];
  currentFy: number;
}

/** mulberry32: small, fast and deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Buffers rows and writes them with one prepared multi-row INSERT per `chunk` rows. */
class BulkInsert {
  private values: unknown[] = [];
  private pending = 0;
  private readonly full: Database.Statement;
  count = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly table: string,
    private readonly columns: string[],
    private readonly chunk = 400,
  ) {
    this.full = db.prepare(this.sql(chunk));
  }

  private sql(rows: number): string {
    const row = `(${this.columns.map(() => '?').join(',')})`;
    return `INSERT INTO ${this.table} (${this.columns.join(',')}) VALUES ${new Array(rows).fill(row).join(',')}`;
  }

  add(...row: unknown[]): void {
    for (const v of row) this.values.push(v);
    this.count += 1;
    if (++this.pending === this.chunk) this.flush();
  }

  flush(): void {
    if (this.pending === 0) return;
    (this.pending === this.chunk ? this.full : this.db.prepare(this.sql(this.pending))).run(this.values);
    this.values = [];
    this.pending = 0;
  }
}

const DIRECTORATE_NAMES = [
  'Adult Social Care',
  'Children and Families',
  'Corporate Services',
  'Environment',
  'Housing',
  'Resources',
  'Public Health',
  'Place and Economy',
  'Digital and Data',
  'Highways',
];
/** Build costs are capital (C4 with issue 19's funding dimension); running costs are recurring revenue. */
const CAPITAL_CATEGORIES = ['other', 'hardware', 'services'];
const RUNNING_CATEGORIES = ['licences', 'services', 'staff'];
const OPTIMISM = ['0', '0.1', '0.2', '0.24', '0.39', '0.66'];
const CONFIDENCE = ['0.5', '0.6', '0.7', '0.75', '0.8', '0.9', '1'];
const BENEFIT_STATUSES = ['planned', 'realising', 'realising', 'realised', 'at_risk'];

/**
 * Fills `filename` (a new, empty file) with the portfolio of `size`, its summaries, an admin user
 * and an API token.
 */
export async function generatePortfolio(filename: string, size: Size, seed = 20260401): Promise<Generated> {
  const started = Date.now();
  const rand = prng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const now = new Date();
  const currentFy = fyOfDate(now);
  const today = todayIso(now);
  const { projects: projectCount, directorates: directorateCount } = SIZES[size];

  // 1. Schema, through the app's own migrations.
  const database = { client: 'sqlite' as const, filename };
  let knex = createKnex(database);
  await migrateLatest(knex);
  await knex.destroy();
  const migrated = Date.now();

  // 2. Rows, in one transaction. Durability is not wanted for a throw-away file while loading.
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = ON');
  const directorateCodes: string[] = [];
  const projectCodes: string[] = [];
  const ins = {
    directorates: new BulkInsert(db, 'directorates', ['id', 'code', 'name']),
    projects: new BulkInsert(db, 'projects', [
      'id',
      'code',
      'name',
      'directorate_id',
      'description',
      'sponsor',
      'manager',
      'status',
      'start_fy',
      'base_fy',
      'discount_rate',
      'optimism_bias',
    ]),
    costs: new BulkInsert(db, 'cost_lines', [
      'project_id',
      'fy_start',
      'kind',
      'funding',
      'category',
      'recurrence',
      'amount_pence',
      'is_credit',
      'description',
      'reference',
    ]),
    benefits: new BulkInsert(db, 'benefits', [
      'id',
      'project_id',
      'ref',
      'title',
      'type',
      'category',
      'is_disbenefit',
      'owner',
      'confidence',
      'status',
    ]),
    profiles: new BulkInsert(db, 'benefit_profile', ['benefit_id', 'fy_start', 'amount_pence']),
    realisations: new BulkInsert(db, 'realisations', [
      'benefit_id',
      'fy_start',
      'amount_pence',
      'value',
      'is_correction',
      'evidence',
      'recorded_by',
      'recorded_on',
    ]),
  };
  /** When a year's realisation was recorded: after the year ended, or today for the current one. */
  const recordedOn = (fy: number) => (fy < currentFy ? `${fy + 1}-05-${String(int(1, 28)).padStart(2, '0')}` : today);

  db.transaction(() => {
    // Children are flushed whenever their buffer fills, before their parents' may be: the keys
    // are checked once, at commit.
    db.pragma('defer_foreign_keys = ON');
    for (let d = 1; d <= directorateCount; d++) {
      const code = `D${String(d).padStart(2, '0')}`;
      directorateCodes.push(code);
      const name = DIRECTORATE_NAMES[(d - 1) % DIRECTORATE_NAMES.length];
      ins.directorates.add(d, code, d > DIRECTORATE_NAMES.length ? `${name} ${Math.ceil(d / 10)}` : name);
    }
    let benefitId = 0;
    for (let p = 1; p <= projectCount; p++) {
      const directorateId = int(1, directorateCount);
      const code = `${directorateCodes[directorateId - 1]}-${String(p).padStart(4, '0')}`;
      projectCodes.push(code);
      // Base years from nine years ago to last year: most projects have history and a future.
      const baseFy = currentFy - int(1, 9);
      const lastFy = baseFy + YEARS - 1;
      const age = currentFy - baseFy;
      const status = age <= 1 ? pick(['approved', 'in_delivery']) : age <= 5 ? pick(['in_delivery', 'live']) : 'live';
      ins.projects.add(
        p,
        code,
        `Synthetic ICT project ${p}`,
        directorateId,
        'Generated by npm run bench',
        'Bench Sponsor',
        'Bench Manager',
        status,
        baseFy,
        baseFy,
        rand() < 0.05 ? '0.05' : null,
        pick(OPTIMISM),
      );

      // Costs: a capital build over two years, then running costs; planned for all ten years
      // (two lines a year), actual up to the current year (two or three lines, now and then a credit).
      const capital = int(50_000, 5_000_000) * 100; // pence
      for (let fy = baseFy; fy <= lastFy; fy++) {
        const build = fy - baseFy < 2;
        const main = build ? Math.floor(capital / 2) : Math.floor((capital * int(5, 15)) / 100);
        const second = Math.floor(main * (int(10, 30) / 100));
        const mainLine = build ? ['capital', pick(CAPITAL_CATEGORIES), 'one_off'] : ['revenue', 'other', 'recurring'];
        ins.costs.add(p, fy, 'planned', ...mainLine, main, 0, '', '');
        ins.costs.add(p, fy, 'planned', 'revenue', pick(RUNNING_CATEGORIES), 'recurring', second, 0, '', '');
        if (fy > currentFy) continue;
        ins.costs.add(p, fy, 'actual', ...mainLine, Math.floor((main * int(85, 125)) / 100), 0, '', `INV-${p}-${fy}`);
        const running = Math.floor((second * int(80, 130)) / 100);
        ins.costs.add(p, fy, 'actual', 'revenue', pick(RUNNING_CATEGORIES), 'recurring', running, 0, '', '');
        if (rand() < 0.5)
          ins.costs.add(p, fy, 'actual', 'revenue', 'staff', 'one_off', int(1_000, 50_000) * 100, 0, '', '');
        if (rand() < 0.05)
          ins.costs.add(
            p,
            fy,
            'actual',
            'revenue',
            'licences',
            'recurring',
            -int(100, 5_000) * 100,
            1,
            'Supplier credit',
            `CR-${p}-${fy}`,
          );
      }

      // Benefits: ten, each with a ten-year profile (money types) and realisations up to now.
      for (let b = 1; b <= BENEFITS_PER_PROJECT; b++) {
        benefitId += 1;
        const r = rand();
        const type = r < 0.45 ? 'cashable' : r < 0.9 ? 'non_cashable' : 'qualitative';
        const disbenefit = type !== 'qualitative' && rand() < 0.08;
        ins.benefits.add(
          benefitId,
          p,
          `B${b}`,
          `Benefit ${b} of project ${p}`,
          type,
          pick(['efficiency', 'service quality', 'income', 'risk reduction']),
          disbenefit ? 1 : 0,
          'Bench Owner',
          pick(CONFIDENCE),
          pick(BENEFIT_STATUSES),
        );
        const annual = Math.floor((capital / 6) * (int(5, 25) / 100));
        for (let t = 0; t < YEARS; t++) {
          const fy = baseFy + t;
          // Benefits ramp up over three years.
          const expected = Math.floor((annual * Math.min(1, (t + 1) / 3) * int(80, 120)) / 100);
          if (type !== 'qualitative') ins.profiles.add(benefitId, fy, expected);
          if (fy > currentFy) continue;
          if (type === 'qualitative') {
            ins.realisations.add(benefitId, fy, null, `${int(60, 98)}%`, 0, 'Survey', 'bench', recordedOn(fy));
            continue;
          }
          ins.realisations.add(
            benefitId,
            fy,
            Math.floor((expected * int(40, 115)) / 100),
            '',
            0,
            'Finance ledger',
            'bench',
            recordedOn(fy),
          );
          if (rand() < 0.03)
            ins.realisations.add(benefitId, fy, -int(100, 2_000) * 100, '', 1, 'Correction', 'bench', recordedOn(fy));
        }
      }
    }
    for (const i of Object.values(ins)) i.flush();
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const inserted = Date.now();

  // 3. The C8 summaries from the ledger, and the user the load runs as.
  knex = createKnex(database);
  let summaryProjects: number;
  let token: string;
  const email = 'bench-admin@bench.example';
  const password = crypto.randomBytes(18).toString('base64url');
  let summarised: number;
  try {
    summaryProjects = await rebuildSummaries(knex);
    summarised = Date.now();
    const ctx: Ctx = { db: knex, actor: systemActor('bench'), logger: createLogger({ logLevel: 'silent' }) };
    const user = await createUser(ctx, { email, name: 'Bench Admin', role: 'admin', password });
    token = (await createApiToken(ctx, user.id, 'bench', null)).token;
  } finally {
    await knex.destroy();
  }
  const done = Date.now();

  const counts = {
    directorates: ins.directorates.count,
    projects: ins.projects.count,
    cost_lines: ins.costs.count,
    benefits: ins.benefits.count,
    benefit_profile: ins.profiles.count,
    realisations: ins.realisations.count,
  };
  return {
    counts,
    ledgerRows: counts.cost_lines + counts.benefit_profile + counts.realisations,
    ms: {
      migrate: migrated - started,
      insert: inserted - migrated,
      summaries: summarised - inserted,
      users: done - summarised,
      total: done - started,
    },
    summaryProjects,
    email,
    password,
    token,
    directorateCodes,
    projectCodes,
    currentFy,
  };
}

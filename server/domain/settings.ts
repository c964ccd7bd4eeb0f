/**
 * Organisation settings (C3 discount rule, C6 VfM bands and RAG thresholds, price basis), stored
 * as JSON strings of exact decimals, with the conventions' defaults when unset.
 */
import crypto from 'node:crypto';
import { StaleVersionError } from '../errors';
import { inTransaction } from '../knex';
import * as settingsRepo from '../repositories/settings';
import type { Db } from '../knex';
import { Decimal } from '../money';
import { DEFAULT_RAG, DEFAULT_VFM_BANDS, GREEN_BOOK } from '../finance';
import type { DiscountRule, RagThresholds, VfmBands } from '../finance/types';
import type { BackupScheduleInput, SettingsInput } from '../validation/settings.schema';
import type { BackupOutcome, BackupSchedule } from '../backup';
export type { BackupOutcome, BackupSchedule };
import { isPostgres } from '../knex';
import { audit } from './audit';
import { assertRole } from './permissions';
import type { Ctx } from './types';

export type PriceBasis = 'real' | 'nominal';

export interface OrgSettings {
  discountRule: DiscountRule;
  vfmBands: VfmBands;
  rag: RagThresholds;
  priceBasis: PriceBasis;
}

export const DEFAULT_SETTINGS: OrgSettings = {
  discountRule: GREEN_BOOK,
  vfmBands: DEFAULT_VFM_BANDS,
  rag: DEFAULT_RAG,
  priceBasis: 'real',
};

function decimalOr(v: unknown, fallback: Decimal): Decimal {
  return typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? new Decimal(v) : fallback;
}

/** The organisation's settings and backups: administrators only. */
export function assertMayChangeSettings(ctx: Pick<Ctx, 'actor'>): void {
  assertRole(ctx, 'admin');
}

export async function getOrgSettings(ctx: { db: Db }): Promise<OrgSettings> {
  const all = await settingsRepo.getAll(ctx.db);
  const rate = all.discountRate?.value;
  const bands = (all.vfmBands?.value ?? {}) as Record<string, unknown>;
  const rag = (all.rag?.value ?? {}) as Record<string, unknown>;
  return {
    discountRule: typeof rate === 'string' ? { kind: 'constant', rate: new Decimal(rate) } : GREEN_BOOK,
    vfmBands: {
      poor: decimalOr(bands.poor, DEFAULT_VFM_BANDS.poor),
      low: decimalOr(bands.low, DEFAULT_VFM_BANDS.low),
      medium: decimalOr(bands.medium, DEFAULT_VFM_BANDS.medium),
      high: decimalOr(bands.high, DEFAULT_VFM_BANDS.high),
      veryHigh: decimalOr(bands.veryHigh, DEFAULT_VFM_BANDS.veryHigh),
    },
    rag: { green: decimalOr(rag.green, DEFAULT_RAG.green), amber: decimalOr(rag.amber, DEFAULT_RAG.amber) },
    priceBasis: all.priceBasis?.value === 'nominal' ? 'nominal' : 'real',
  };
}

/** Plain JSON with exact decimal strings, for the audit trail (and tests) to compare. */
export function settingsSnapshot(s: OrgSettings) {
  return {
    discountRule: s.discountRule.kind,
    discountRate: s.discountRule.kind === 'constant' ? s.discountRule.rate.toString() : null,
    rag: { green: s.rag.green.toString(), amber: s.rag.amber.toString() },
    vfmBands: {
      poor: s.vfmBands.poor.toString(),
      low: s.vfmBands.low.toString(),
      medium: s.vfmBands.medium.toString(),
      high: s.vfmBands.high.toString(),
      veryHigh: s.vfmBands.veryHigh.toString(),
    },
    priceBasis: s.priceBasis,
  };
}

/**
 * Settings span several rows, so their "version" is a fingerprint of all of them together: an
 * admin saving a form opened before someone else's save is refused (409), not silently undone.
 */
export function settingsFingerprint(s: OrgSettings): string {
  return crypto
    .createHash('sha256')
    .update(JSON.stringify(settingsSnapshot(s)))
    .digest('hex')
    .slice(0, 16);
}

/**
 * Saves every organisation setting at once, with one audit record. The values are stored as the
 * exact decimal strings getOrgSettings reads; the Green Book rule is the absence of a rate.
 */
export async function updateOrgSettings(ctx: Ctx, input: SettingsInput, basedOn?: string): Promise<OrgSettings> {
  assertMayChangeSettings(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const before = await getOrgSettings({ db: trx });
    if (basedOn !== undefined && basedOn !== settingsFingerprint(before)) throw new StaleVersionError(before);
    const s = settingsSnapshot(input);
    if (s.discountRate === null) await settingsRepo.remove(trx, 'discountRate');
    else await settingsRepo.put(trx, 'discountRate', s.discountRate);
    await settingsRepo.put(trx, 'rag', s.rag);
    await settingsRepo.put(trx, 'vfmBands', s.vfmBands);
    await settingsRepo.put(trx, 'priceBasis', s.priceBasis);
    const after = await getOrgSettings({ db: trx });
    await audit(trx, ctx, {
      action: 'updated',
      entityType: 'settings',
      entityId: 'organisation',
      projectId: null,
      summary: 'Organisation settings updated',
      before: settingsSnapshot(before),
      after: settingsSnapshot(after),
    });
    return after;
  });
}

/**
 * Scheduled backups (SQLite only): off, or daily at or after an hour of the day (server time),
 * keeping the newest N files in DATA_DIR/backups. Stored apart from the financial settings, with
 * their own form, fingerprint and audit record, so changing one never touches the other.
 */
export const DEFAULT_BACKUP_SCHEDULE: BackupSchedule = { daily: false, hour: 2, keep: 14 };

function wholeOr(v: unknown, min: number, max: number, fallback: number): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : fallback;
}

export async function getBackupSchedule(ctx: { db: Db }): Promise<BackupSchedule> {
  const all = await settingsRepo.getAll(ctx.db);
  const v = (all.backupSchedule?.value ?? {}) as Record<string, unknown>;
  return {
    daily: v.daily === true,
    hour: wholeOr(v.hour, 0, 23, DEFAULT_BACKUP_SCHEDULE.hour),
    keep: wholeOr(v.keep, 1, 366, DEFAULT_BACKUP_SCHEDULE.keep),
  };
}

export function backupScheduleFingerprint(s: BackupSchedule): string {
  return crypto.createHash('sha256').update(JSON.stringify(s)).digest('hex').slice(0, 16);
}

export interface BackupStatus {
  schedule: BackupSchedule;
  /** The last scheduled backup's outcome, as the scheduler recorded it (any instance). */
  last: BackupOutcome | null;
  /** Scheduled backups run only on the embedded SQLite database. */
  available: boolean;
}

export async function getBackupStatus(ctx: Ctx): Promise<BackupStatus> {
  assertMayChangeSettings(ctx);
  const all = await settingsRepo.getAll(ctx.db);
  const last = all.backupLast?.value as BackupOutcome | undefined;
  return { schedule: await getBackupSchedule(ctx), last: last ?? null, available: !isPostgres(ctx.db) };
}

export async function updateBackupSchedule(
  ctx: Ctx,
  input: BackupScheduleInput,
  basedOn?: string,
): Promise<BackupSchedule> {
  assertMayChangeSettings(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const before = await getBackupSchedule({ db: trx });
    if (basedOn !== undefined && basedOn !== backupScheduleFingerprint(before)) throw new StaleVersionError(before);
    const after: BackupSchedule = { daily: input.daily, hour: input.hour, keep: input.keep };
    await settingsRepo.put(trx, 'backupSchedule', after);
    await audit(trx, ctx, {
      action: 'updated',
      entityType: 'settings',
      entityId: 'backups',
      projectId: null,
      summary: after.daily
        ? `Daily backups at ${String(after.hour).padStart(2, '0')}:00, keeping the last ${after.keep}`
        : 'Scheduled backups turned off',
      before: { ...before },
      after: { ...after },
    });
    return after;
  });
}

/** The scheduler's report of its last run, shown on the backups page. Not audited: it changes no figure. */
export async function recordBackupOutcome(ctx: Ctx, outcome: BackupOutcome): Promise<void> {
  assertMayChangeSettings(ctx);
  await inTransaction(ctx.db, (trx) => settingsRepo.put(trx, 'backupLast', outcome));
}

/**
 * Post-implementation review intervals (issue 17): the first review this many months after a
 * project goes live, then one every so many months after each completed review while money
 * benefits are outstanding. Stored apart from the financial settings, with their own form,
 * fingerprint and audit record, like the backup schedule.
 */
export interface ReviewIntervals {
  goLiveMonths: number;
  repeatMonths: number;
}

export const DEFAULT_REVIEW_INTERVALS: ReviewIntervals = { goLiveMonths: 3, repeatMonths: 12 };

export async function getReviewIntervals(ctx: { db: Db }): Promise<ReviewIntervals> {
  const all = await settingsRepo.getAll(ctx.db);
  const v = (all.reviewIntervals?.value ?? {}) as Record<string, unknown>;
  return {
    goLiveMonths: wholeOr(v.goLiveMonths, 1, 60, DEFAULT_REVIEW_INTERVALS.goLiveMonths),
    repeatMonths: wholeOr(v.repeatMonths, 1, 60, DEFAULT_REVIEW_INTERVALS.repeatMonths),
  };
}

export function reviewIntervalsFingerprint(s: ReviewIntervals): string {
  return crypto.createHash('sha256').update(JSON.stringify(s)).digest('hex').slice(0, 16);
}

export async function updateReviewIntervals(
  ctx: Ctx,
  input: ReviewIntervals,
  basedOn?: string,
): Promise<ReviewIntervals> {
  assertMayChangeSettings(ctx);
  return inTransaction(ctx.db, async (trx) => {
    const before = await getReviewIntervals({ db: trx });
    if (basedOn !== undefined && basedOn !== reviewIntervalsFingerprint(before)) throw new StaleVersionError(before);
    const after: ReviewIntervals = { goLiveMonths: input.goLiveMonths, repeatMonths: input.repeatMonths };
    await settingsRepo.put(trx, 'reviewIntervals', after);
    await audit(trx, ctx, {
      action: 'updated',
      entityType: 'settings',
      entityId: 'reviews',
      projectId: null,
      summary: `Reviews ${after.goLiveMonths} months after go-live, then every ${after.repeatMonths} months`,
      before: { ...before },
      after: { ...after },
    });
    return after;
  });
}

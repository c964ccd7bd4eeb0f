import { Router, type Request, type Response } from 'express';
import {
  backupScheduleFingerprint,
  getBackupStatus,
  getOrgSettings,
  settingsFingerprint,
  updateBackupSchedule,
  updateOrgSettings,
  type BackupSchedule,
  type BackupStatus,
  type OrgSettings,
} from '../../domain/settings';
import { ValidationError } from '../../errors';
import { backupScheduleSchema, settingsSchema, type SettingsInput } from '../../validation/settings.schema';
import { parseOrThrow } from '../../validation/fields';
import { asyncHandler } from '../middleware/async-handler';
import { requireRole } from '../middleware/require-role';
import { toPercentInput } from '../presenters/format';
import { submitForm } from './forms';

export function settingsRoutes(): Router {
  const router = Router();
  router.get('/settings', requireRole('admin'), asyncHandler(editForm));
  router.post('/settings', requireRole('admin'), asyncHandler(update));
  router.get('/settings/backups', requireRole('admin'), asyncHandler(backupsForm));
  router.post('/settings/backups', requireRole('admin'), asyncHandler(updateBackups));
  return router;
}

const locals = { title: 'Organisation settings', action: '/settings' };

/** Saved settings as the form shows them: rates and thresholds as percentages, bands as ratios. */
function formValues(s: OrgSettings): Record<string, string> {
  return {
    discountRule: s.discountRule.kind,
    discountRate: s.discountRule.kind === 'constant' ? toPercentInput(s.discountRule.rate) : '',
    ragGreen: toPercentInput(s.rag.green),
    ragAmber: toPercentInput(s.rag.amber),
    vfmLow: s.vfmBands.low.toString(),
    vfmMedium: s.vfmBands.medium.toString(),
    vfmHigh: s.vfmBands.high.toString(),
    vfmVeryHigh: s.vfmBands.veryHigh.toString(),
    priceBasis: s.priceBasis,
    basedOn: settingsFingerprint(s),
  };
}

const FIELD_ORDER = [
  'discountRule',
  'discountRate',
  'ragGreen',
  'ragAmber',
  'vfmLow',
  'vfmMedium',
  'vfmHigh',
  'vfmVeryHigh',
  'priceBasis',
];

/** Rules between fields are checked after the fields themselves: list the messages in page order. */
function parseSettings(body: unknown): SettingsInput {
  try {
    return parseOrThrow(settingsSchema('form'), body);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    const rank = (key: string) => (FIELD_ORDER.includes(key) ? FIELD_ORDER.indexOf(key) : FIELD_ORDER.length);
    throw new ValidationError(Object.fromEntries(Object.entries(err.fields).sort(([a], [b]) => rank(a) - rank(b))));
  }
}

/** @route GET /settings */
async function editForm(req: Request, res: Response) {
  res.render('settings/index', { ...locals, values: formValues(await getOrgSettings(req.ctx())) });
}

/** @route POST /settings */
async function update(req: Request, res: Response) {
  const basedOn = typeof req.body.basedOn === 'string' ? req.body.basedOn : undefined;
  await submitForm(req, res, {
    view: 'settings/index',
    locals,
    save: () => updateOrgSettings(req.ctx(), parseSettings(req.body), basedOn),
    redirect: () => '/settings?notice=settings-updated',
    versionField: 'basedOn',
    presentCurrent,
  });
}

/** After a stale save: what is saved now, beside what this admin typed, which they may save again. */
function presentCurrent(current: unknown) {
  const c = formValues(current as OrgSettings);
  return {
    version: c.basedOn,
    rows: [
      {
        label: 'Discount rule',
        value: c.discountRule === 'constant' ? `${c.discountRate}% constant` : 'Green Book schedule',
      },
      { label: 'Green / amber from', value: `${c.ragGreen}% / ${c.ragAmber}%` },
      {
        label: 'VfM bands (Low, Medium, High, Very High)',
        value: [c.vfmLow, c.vfmMedium, c.vfmHigh, c.vfmVeryHigh].join(', '),
      },
      { label: 'Price basis', value: c.priceBasis },
    ],
  };
}

const backupLocals = { title: 'Backups', action: '/settings/backups' };

function backupFormValues(s: BackupSchedule): Record<string, string> {
  return {
    backupSchedule: s.daily ? 'daily' : 'off',
    backupHour: String(s.hour),
    backupKeep: String(s.keep),
    basedOn: backupScheduleFingerprint(s),
  };
}

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The last scheduled backup, as words for the page. */
function lastBackup(status: BackupStatus) {
  const last = status.last;
  if (!last) return null;
  return {
    ok: last.ok,
    at: `${last.at.slice(0, 16).replace('T', ' ')} UTC`,
    file: last.file,
    size: last.bytes === null ? null : megabytes(last.bytes),
    message: last.message,
  };
}

async function backupPage(req: Request) {
  const status = await getBackupStatus(req.ctx());
  return { ...backupLocals, available: status.available, last: lastBackup(status), status };
}

/** @route GET /settings/backups */
async function backupsForm(req: Request, res: Response) {
  const page = await backupPage(req);
  res.render('settings/backups', { ...page, values: backupFormValues(page.status.schedule) });
}

/** @route POST /settings/backups */
async function updateBackups(req: Request, res: Response) {
  const basedOn = typeof req.body.basedOn === 'string' ? req.body.basedOn : undefined;
  await submitForm(req, res, {
    view: 'settings/backups',
    locals: await backupPage(req),
    save: () => updateBackupSchedule(req.ctx(), parseOrThrow(backupScheduleSchema('form'), req.body), basedOn),
    redirect: () => '/settings/backups?notice=settings-updated',
    versionField: 'basedOn',
    presentCurrent: (current) => {
      const c = current as BackupSchedule;
      return {
        version: backupScheduleFingerprint(c),
        rows: [
          { label: 'Daily backups', value: c.daily ? `On, at ${String(c.hour).padStart(2, '0')}:00` : 'Off' },
          { label: 'Backups kept', value: String(c.keep) },
        ],
      };
    },
  });
}

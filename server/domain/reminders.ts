/**
 * Reminders (issue 17). The in-app digest is the home page's "Today" line, worked out from the
 * user's due lists whenever they sign in or open it. The weekly e-mail digest goes out only when
 * SMTP_URL is set, only to active people in the users table, and at most once per user and ISO
 * week: the send is claimed first by inserting (user, week) into `digest_sends`, whose primary key
 * lets exactly one instance win, so several instances checking every hour never send it twice.
 * A failed send gives its claim back, so the next hourly check tries again.
 */
import * as usersRepo from '../repositories/users';
import type { Mailer } from '../io/mailer';
import type { Knex } from 'knex';
import type { Db } from '../knex';
import type { Logger } from '../logger';
import type { User } from '../records';
import { digestLine, digestParts, getDue } from './due';
import { actorFor } from './users';

/** The ISO 8601 week of a date, like 2026-W49 (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export interface DigestRun {
  period: string;
  sent: string[];
  skipped: number;
  failed: string[];
}

async function claim(db: Db, user: User, period: string): Promise<boolean> {
  const inserted = await db('digest_sends')
    .insert({ user_id: user.id, period, email: user.email, claimed_at: new Date().toISOString() })
    .onConflict(['user_id', 'period'])
    .ignore()
    .returning('user_id');
  return inserted.length === 1;
}

function digestMail(user: User, line: string, parts: ReturnType<typeof digestParts>, publicUrl: string) {
  const list = parts.map((p) => `- ${p.count} ${p.count === 1 ? p.one : p.many}`).join('\n');
  return {
    to: user.email,
    subject: `Realise: ${line}`,
    text: [
      `Hello ${user.name},`,
      '',
      'This week in Realise:',
      list,
      '',
      `Sign in to see each item with a link to the form that clears it: ${publicUrl}/`,
      '',
      'You receive this weekly digest because you have a Realise account. It lists only what is due for you.',
    ].join('\n'),
  };
}

/**
 * Sends this week's digest to every active user with something due who has not had it yet.
 * Without a mailer (no SMTP_URL) it sends nothing and reports nothing sent.
 */
export async function sendWeeklyDigests(
  db: Knex,
  logger: Logger,
  mailer: Mailer | null,
  publicUrl: string,
  now = new Date(),
): Promise<DigestRun> {
  const period = isoWeek(now);
  const run: DigestRun = { period, sent: [], skipped: 0, failed: [] };
  if (!mailer) return run;
  for (const user of await usersRepo.listAll(db)) {
    if (user.isDisabled) continue;
    const due = await getDue({ db, actor: actorFor(user), logger });
    const line = digestLine(due);
    if (!line) {
      run.skipped += 1;
      continue;
    }
    if (!(await claim(db, user, period))) continue;
    // Never anyone outside the users table: the address is read back from it just before sending.
    const current = await usersRepo.findById(db, user.id);
    if (!current || current.isDisabled || current.email !== user.email) {
      await db('digest_sends').where({ user_id: user.id, period }).delete();
      continue;
    }
    try {
      await mailer.send(digestMail(current, line, digestParts(due), publicUrl));
      await db('digest_sends').where({ user_id: user.id, period }).update({ sent_at: new Date().toISOString() });
      run.sent.push(current.email);
    } catch (err) {
      logger.warn({ err, userId: user.id }, 'weekly digest not sent: will try again at the next check');
      await db('digest_sends').where({ user_id: user.id, period }).delete();
      run.failed.push(current.email);
    }
  }
  return run;
}

/** The hourly check (main.ts): runs sendWeeklyDigests, one run at a time. */
export function startDigestScheduler(o: {
  db: Knex;
  logger: Logger;
  mailer: Mailer;
  publicUrl: string;
  everyMs?: number;
}): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const run = await sendWeeklyDigests(o.db, o.logger, o.mailer, o.publicUrl);
      if (run.sent.length || run.failed.length)
        o.logger.info({ period: run.period, sent: run.sent.length, failed: run.failed.length }, 'weekly digests');
    } catch (err) {
      o.logger.error({ err }, 'weekly digest check failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(tick, 60_000);
  const timer = setInterval(tick, o.everyMs ?? 3_600_000);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
      o.mailer.close();
    },
  };
}

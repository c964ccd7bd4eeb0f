/**
 * The demo's board paper (issue 15): the council's scrutiny board receives the report each
 * quarter. The seed gives the paper its details (not "Not set" and "Not named" on the cover) and
 * publishes the edition the board received at its last meeting, before the last two proposals were
 * added, RES-001 was re-baselined and the re-forecasts came in, so the report's "Changes since the
 * last edition" and "Decisions since the last edition" have something to say. All through the
 * domain; the edition is published without a PDF (the seed has no browser), as on a server without
 * Chromium.
 */
import { publishEdition, saveReportPaper } from '../../server/domain/report-editions';
import { addDays } from '../../server/domain/review-schedule';
import { todayUkIso } from '../../server/financial-year';
import { parseOrThrow } from '../../server/validation/fields';
import { reportPaperSchema } from '../../server/validation/report-paper.schema';
import type { Ctx } from '../../server/domain/types';

/** The proposals put forward since the last edition: seeded after it is published. */
export const ADDED_SINCE_LAST_EDITION = ['CD-004', 'HOU-003'];

export const DEMO_PAPER = {
  organisation: 'Kirkholme City Council',
  committee: 'Scrutiny Board (Strategy and Resources)',
  title: 'ICT investment: return and benefits realised',
  author: 'Chief Digital and Information Officer',
  marking: 'OFFICIAL',
  purpose:
    "To report to the Board the forecast return on the council's ICT investment portfolio, the benefits realised to date against plan, and the projects that need its attention.",
  recommendations:
    'That the Board notes the forecast return and the benefits realised to date.\n\nThat the Board asks for an update on the exceptions listed in this report at its next meeting.',
  summary: '',
};

/** The last day of the quarter (to 31 March, 30 June, 30 September, 31 December) before the one holding `iso`. */
function previousQuarterEnd(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  const firstOfQuarter = new Date(Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1));
  return addDays(firstOfQuarter.toISOString().slice(0, 10), -1);
}

/** The Board's last meeting, about eleven weeks ago, and its figures as at the quarter before. */
export function lastMeeting(today = todayUkIso()): { meetingDate: string; asAt: string } {
  const meetingDate = addDays(today, -77);
  return { meetingDate, asAt: previousQuarterEnd(addDays(meetingDate, -30)) };
}

/** Publishes the last meeting's edition (whole portfolio, not risk-adjusted, the report's defaults). */
export async function seedDemoLastEdition(ctx: Ctx): Promise<void> {
  const { meetingDate, asAt } = lastMeeting();
  await saveReportPaper(ctx, parseOrThrow(reportPaperSchema('api'), { ...DEMO_PAPER, meetingDate }));
  await publishEdition(ctx, { asAt, riskAdjusted: false, verifiedOnly: false }, null);
}

/** The paper's details for the Board's next meeting, five weeks from now. */
export async function seedDemoNextPaper(ctx: Ctx): Promise<void> {
  const meetingDate = addDays(todayUkIso(), 35);
  await saveReportPaper(ctx, parseOrThrow(reportPaperSchema('api'), { ...DEMO_PAPER, meetingDate }));
}

/**
 * C9 demo: the Children's Services project manager re-forecasts a few benefits. Her user is made
 * after the portfolio (demo-users.ts), so she acts here by name, as the trusted seed.
 */
import type { Ctx } from '../../server/domain/types';
import { listBenefits } from '../../server/domain/benefits';
import { recordReforecast } from '../../server/domain/reforecasts';
import { reforecastSchema } from '../../server/validation/reforecasts.schema';
import { currentFy, fyLabel } from '../../server/financial-year';
import { systemActor } from '../../server/records';

const NOTES = [
  'Go-live slipped by a quarter: the first year now delivers less',
  'Supplier confirmed the licence saving is larger than planned',
  'Restructure agreed: staff time released later in the year',
];
/** What each re-forecast makes of the profiled amount: a cut, a rise, a cut. */
const FACTORS = ['0.75', '1.1', '0.6'];

export async function seedDemoReforecasts(ctx: Ctx): Promise<void> {
  const pm: Ctx = { ...ctx, actor: { ...systemActor('Priya Manager'), label: 'Priya Manager' } };
  const thisFy = currentFy();
  const projects: { code: string }[] = await ctx
    .db('projects as p')
    .join('directorates as d', 'd.id', 'p.directorate_id')
    .where('d.code', 'CS')
    .orderBy('p.code')
    .select('p.code');
  let n = 0;
  for (const { code } of projects) {
    for (const d of await listBenefits(ctx, code)) {
      if (n >= NOTES.length) return;
      if (d.benefit.type === 'qualitative') continue;
      const line = d.profile.find((p) => p.fy >= thisFy && p.amount.gt(0));
      if (!line) continue;
      const amount = line.amount.times(FACTORS[n]).toDecimalPlaces(0).toFixed(2);
      await recordReforecast(
        pm,
        code,
        d.benefit.ref,
        reforecastSchema('api').parse({ year: fyLabel(line.fy), amount, note: NOTES[n] }),
      );
      n++;
      break; // one benefit per project
    }
  }
}

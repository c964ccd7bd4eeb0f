/**
 * C10 in the demo: realisations at each verification state. Of the money realisations (in id
 * order), three in four are verified by the demo finance partner, graded audited, management
 * information or estimate in turn; the rest stay unverified, awaiting verification. One verified
 * realisation is then corrected by its recorder with a reason, which returns it to unverified, so
 * the audit trail shows that path too. All through the domain, like the rest of the seed.
 */
import type { Ctx } from '../../server/domain/types';
import { updateRealisation } from '../../server/domain/realisations';
import { verifyRealisation } from '../../server/domain/verification';
import type { Actor, EvidenceGrade } from '../../server/records';
import { realisationSchema } from '../../server/validation/realisations.schema';
import { fyLabel } from '../../server/financial-year';

/** The demo finance partner (her user is made after the portfolio, so she acts here by name). */
const DEMO_VERIFIER: Actor = { id: null, label: 'Farah Finance', role: 'finance', directorateIds: [] };
const GRADES: EvidenceGrade[] = ['audited', 'management_information', 'estimate'];

export async function seedDemoVerification(ctx: Ctx): Promise<void> {
  const rows: { id: number; version: number }[] = await ctx
    .db('realisations')
    .whereNotNull('amount_pence')
    .orderBy('id')
    .select('id', 'version');
  const verifier: Ctx = { ...ctx, actor: DEMO_VERIFIER };
  let corrected = false;
  for (const [i, r] of rows.entries()) {
    if (i % 4 === 3) continue; // awaiting verification
    const verified = await verifyRealisation(verifier, { id: r.id }, r.version, GRADES[i % 3]);
    if (!corrected && i >= 8) {
      // A late correction of a verified figure: a reason, and back to unverified.
      const input = realisationSchema('api').parse({
        year: fyLabel(verified.fy),
        amount: verified.amount!.toFixed(2),
        value: verified.value,
        isCorrection: verified.isCorrection,
        evidence: `${verified.evidence} (restated after the year-end accounts)`,
        recordedBy: verified.recordedBy,
        recordedOn: verified.recordedOn,
        changeReason: 'Evidence restated after the year-end accounts: to be checked again',
      });
      await updateRealisation(ctx, null, null, r.id, verified.version, input);
      corrected = true;
    }
  }
}

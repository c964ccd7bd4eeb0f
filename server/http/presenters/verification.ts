/** C10 on the pages: a realisation's verification and evidence files as display strings. */
import { EVIDENCE_GRADES, type RealisationAttachment, type RealisationVerification } from '../../records';
import type { VerifiedShare } from '../../finance/verified';
import { formatShort } from '../../money';
import { formatDate } from './format';

export const GRADE_LABELS = {
  audited: 'Audited',
  management_information: 'Management information',
  estimate: 'Estimate',
} as const;

export const GRADE_HINTS = {
  audited: 'Checked against audited accounts or an audited ledger',
  management_information: 'From management information: budget monitoring, system reports',
  estimate: 'A reasoned estimate, not yet backed by figures',
} as const;

export function gradeOptions() {
  return EVIDENCE_GRADES.map((g) => ({ value: g, text: GRADE_LABELS[g], hint: GRADE_HINTS[g] }));
}

export function presentVerification(v: RealisationVerification) {
  const verified = v.status === 'verified';
  return {
    verified,
    tag: verified ? 'Verified' : 'Unverified',
    grade: verified && v.grade ? GRADE_LABELS[v.grade] : null,
    by: verified ? (v.verifiedBy ?? 'a former user') : null,
    on: verified && v.verifiedAt ? formatDate(v.verifiedAt) : null,
  };
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function presentAttachment(a: RealisationAttachment, href: string) {
  return {
    id: a.id,
    fileName: a.fileName,
    size: sizeText(a.sizeBytes),
    uploadedBy: a.uploadedBy,
    uploadedOn: formatDate(a.createdAt),
    href,
  };
}

/**
 * C10 on every indicator page: how much of "realised" is verified ("£1.2m realised, of which
 * £0.9m verified"), or, with verifiedOnly, that only verified realisations count.
 */
export function verifiedSentence(share: VerifiedShare | undefined, verifiedOnly: boolean): string | null {
  if (!share) return null;
  const of = `${formatShort(share.realised)} realised, of which ${formatShort(share.verified)} verified`;
  return verifiedOnly ? `Verified realisations only (${of})` : of;
}

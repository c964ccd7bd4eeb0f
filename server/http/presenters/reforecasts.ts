/** C9 re-forecasts as the API returns them (C7 money strings) and as the benefit and project pages show them. */
import { fyLabel } from '../../financial-year';
import { formatGbp, toApiMoney } from '../../money';
import type { BenefitReforecast } from '../../records';
import type { BenefitYear } from '../../domain/reforecasts';

export function reforecastResource(projectCode: string, benefitRef: string, r: BenefitReforecast) {
  return {
    id: r.id,
    projectCode,
    benefitRef,
    year: fyLabel(r.fy),
    amount: toApiMoney(r.amount),
    note: r.note,
    enteredBy: r.enteredBy,
    madeAt: r.createdAt,
    version: r.version,
  };
}

/** "2 December 2026 at 10:41" in UK time. */
export function madeOnText(iso: string): string {
  const d = new Date(iso);
  const date = d.toLocaleDateString('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const time = d.toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' });
  return `${date} at ${time}`;
}

/** A benefit's history row: newest first, as listReforecasts gives them. */
export function reforecastRow(r: BenefitReforecast) {
  return {
    year: fyLabel(r.fy),
    amount: formatGbp(r.amount),
    note: r.note,
    enteredBy: r.enteredBy,
    madeOn: madeOnText(r.createdAt),
  };
}

/** One year of the profile / latest re-forecast / realised table. */
export function benefitYearRow(y: BenefitYear) {
  return {
    year: fyLabel(y.fy),
    profile: y.profile === null ? '—' : formatGbp(y.profile),
    latest: y.latest === null ? '—' : formatGbp(y.latest.amount),
    latestMade: y.latest === null ? '' : madeOnText(y.latest.createdAt),
    realised: y.realised === null ? '—' : formatGbp(y.realised),
  };
}

export function presentBenefitReforecasts(v: { years: BenefitYear[]; history: BenefitReforecast[] }) {
  return { years: v.years.map(benefitYearRow), history: v.history.map(reforecastRow) };
}

export function presentProjectBenefitYears(list: { ref: string; title: string; years: BenefitYear[] }[]) {
  return list.map((b) => ({ ref: b.ref, title: b.title, years: b.years.map(benefitYearRow) }));
}

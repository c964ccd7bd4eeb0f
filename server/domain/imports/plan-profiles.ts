/**
 * Benefit profiles. Each line names a benefit (added when its ref is new on the project, its
 * register fields updated otherwise) and, optionally, the expected amount for one year. Natural
 * key of a profile row: (project, benefit ref, year).
 */
import { Decimal } from '../../money';
import type { ImportProblem } from '../../io/header';
import type { Benefit, ProfileEntry, StoredProfileEntry } from '../../records';
import type { BenefitNew, BenefitWrite } from '../../repositories/benefits';
import { profileRowSchema, type ProfileRow } from '../../validation/import-rows.schema';
import {
  baseYearProblem,
  qualitativeMoneyProblem,
  repeatedYearProblem,
  typeChangeProblem,
  type RecordedRealisations,
} from '../rules';
import {
  check,
  FieldParser,
  groupBy,
  newCounts,
  resolveProject,
  SeenKeys,
  type Action,
  type Counts,
  type ParsedRow,
  type PlanContext,
  type ProjectRef,
  type Update,
} from './plan-common';
import { YearlyTotals } from './year-totals';
import { noPlannedRows, PlannedRowsCollector, type PlannedRow, type PlannedRows } from './planned-rows';
import { signedBenefitAmount } from '../../finance/benefit-sign';

export interface ProfileInsert {
  /** The stored benefit, or null when it is one this import adds (see benefitKey). */
  benefitId: number | null;
  benefitKey: string;
  entry: ProfileEntry;
}

export interface ProfilePlan {
  counts: Counts;
  problems: ImportProblem[];
  newBenefits: { key: string; benefit: BenefitNew }[];
  benefitUpdates: Update<Benefit, BenefitWrite>[];
  profileInserts: ProfileInsert[];
  profileUpdates: Update<StoredProfileEntry, ProfileEntry>[];
  /** What the preview lists: lines by action, with totals by year. */
  planned: PlannedRows;
}

/** What the use case loads for the projects a file names. */
export interface ProfileStore {
  benefits: Benefit[];
  profiles: StoredProfileEntry[];
  /** Benefit id → what it has recorded against it, for the type-change rule. */
  recorded: Map<number, RecordedRealisations>;
}

type Fields = Pick<Benefit, 'title' | 'type' | 'category' | 'confidence' | 'owner' | 'isDisbenefit'>;
/** Import columns of the register fields, and the field each one sets. */
const FIELD_COLUMNS = {
  title: 'title',
  type: 'type',
  category: 'category',
  confidence: 'confidence',
  owner: 'owner',
  disbenefit: 'isDisbenefit',
} as const;
type FieldColumn = keyof typeof FIELD_COLUMNS;

interface BenefitState {
  line: number;
  fields: Fields;
  stored: Benefit | undefined;
  projectId: number;
  /** Final expected amounts by year (stored merged with the file), for the C5 and C1 checks. */
  amounts: Map<number, Decimal>;
  /** The line of the file that gives each year's amount. */
  lines: Map<number, number>;
}

function sameField(column: FieldColumn, a: Fields, b: Fields): boolean {
  const f = FIELD_COLUMNS[column];
  return f === 'confidence' ? a.confidence.eq(b.confidence) : a[f] === b[f];
}

/** The benefit's register fields as this line gives them; columns the file lacks keep the stored value. */
function fieldsOf(v: Partial<ProfileRow>, has: (c: string) => boolean, stored: Benefit | undefined): Fields {
  return {
    title: v.title!,
    type: v.type!,
    category: has('category') ? v.category! : (stored?.category ?? ''),
    confidence: has('confidence') ? v.confidence! : (stored?.confidence ?? new Decimal(1)),
    owner: has('owner') ? v.owner! : (stored?.owner ?? ''),
    isDisbenefit: has('disbenefit') ? v.disbenefit! : (stored?.isDisbenefit ?? false),
  };
}

function changed(stored: Benefit, f: Fields): boolean {
  return (Object.keys(FIELD_COLUMNS) as FieldColumn[]).some((c) => !sameField(c, stored, f));
}

/** A new benefit from the file: the register fields it gives, the form's defaults for the rest. */
function newBenefit(project: ProjectRef, ref: string, f: Fields): BenefitNew {
  return {
    projectId: project.id,
    ref,
    ...f,
    description: '',
    measure: '',
    baseline: '',
    target: '',
    unit: '',
    status: 'identified',
    serviceFeature: '',
    enablingActivities: '',
  };
}

export function planProfiles(rows: ParsedRow[], ctx: PlanContext, store: ProfileStore): ProfilePlan {
  const fields = new FieldParser(profileRowSchema.shape, ctx.columns);
  const plan: ProfilePlan = {
    counts: newCounts(),
    problems: [],
    newBenefits: [],
    benefitUpdates: [],
    profileInserts: [],
    profileUpdates: [],
    planned: noPlannedRows(),
  };
  const planned = new PlannedRowsCollector();
  const l: Lookups = {
    columns: ctx.columns,
    benefitsByKey: new Map(store.benefits.map((b) => [`${b.projectId}|${b.ref.toUpperCase()}`, b])),
    profilesByKey: groupBy(store.profiles, (p) => `${p.benefitId}|${p.fy}`),
    profilesByBenefit: groupBy(store.profiles, (p) => String(p.benefitId)),
    states: new Map(),
    seen: new SeenKeys(),
    years: new Set(),
    store,
  };
  for (const row of rows) {
    const problems = plan.problems;
    const before = problems.length;
    const v = fields.parse(row, problems);
    const project = resolveProject(ctx, v.project_code, row.line, problems);
    if (project && v.year != null) check(problems, row.line, 'year', baseYearProblem(project.baseFy, v.year));
    if (problems.length > before || !project) continue;
    const action = planRow(plan, row, v, project, l);
    if (!action) continue;
    plan.counts[action]++;
    planned.record(action, shownRow(row, v, project, l));
  }
  plan.planned = planned.result();
  for (const state of l.states.values()) {
    if ([...state.amounts.values()].some((a) => qualitativeMoneyProblem(state.fields.type, a) !== null)) {
      plan.problems.push({
        line: state.line,
        column: 'type',
        message: 'This benefit has expected amounts in other years: a qualitative benefit has no money value (C5)',
      });
    }
  }
  plan.problems.push(...expectedTotalProblems(ctx, store, l.states));
  return plan;
}

/** C1: each project's expected benefits per year, net of dis-benefits, as the import would leave them. */
function expectedTotalProblems(
  ctx: PlanContext,
  store: ProfileStore,
  states: Map<string, BenefitState>,
): ImportProblem[] {
  const projects = new Map([...ctx.projects.values()].map((p) => [p.id, p]));
  const totals = new YearlyTotals();
  const named = new Set([...states.values()].flatMap((s) => (s.stored ? [s.stored.id] : [])));
  const benefits = new Map(store.benefits.map((b) => [b.id, b]));
  for (const p of store.profiles) {
    if (named.has(p.benefitId)) continue;
    const b = benefits.get(p.benefitId)!;
    totals.add(
      projects.get(b.projectId)!,
      'expected',
      p.fy,
      signedBenefitAmount({ disbenefit: b.isDisbenefit }, p.amount),
    );
  }
  for (const s of states.values()) {
    // A changed dis-benefit flag moves every year of the benefit, so its line answers for all of them.
    const flagged = s.stored !== undefined && s.stored.isDisbenefit !== s.fields.isDisbenefit;
    for (const [fy, amount] of s.amounts) {
      const line = s.lines.get(fy) ?? (flagged ? s.line : null);
      totals.add(
        projects.get(s.projectId)!,
        'expected',
        fy,
        signedBenefitAmount({ disbenefit: s.fields.isDisbenefit }, amount),
        line,
      );
    }
  }
  return totals.problems('expected_amount');
}

interface Lookups {
  columns: Map<string, number>;
  benefitsByKey: Map<string, Benefit>;
  profilesByKey: Map<string, StoredProfileEntry[]>;
  profilesByBenefit: Map<string, StoredProfileEntry[]>;
  states: Map<string, BenefitState>;
  seen: SeenKeys;
  /** Benefit and year of every expected amount so far in the file. */
  years: Set<string>;
  store: ProfileStore;
}

/** A planned line as the preview lists it: the benefit, and the year's expected amount before and after. */
function shownRow(row: ParsedRow, v: Partial<ProfileRow>, project: ProjectRef, l: Lookups): PlannedRow {
  const benefitKey = `${project.id}|${v.benefit_ref}`;
  const state = l.states.get(benefitKey);
  const stored = l.benefitsByKey.get(benefitKey);
  const year = v.year ?? null;
  const money = year !== null && state !== undefined && state.fields.type !== 'qualitative';
  return {
    line: row.line,
    project: project.code,
    fy: year,
    details: { benefit_ref: v.benefit_ref ?? '', title: state?.fields.title ?? v.title ?? '' },
    total: money ? 'expected' : null,
    amount: money ? (state.amounts.get(year) ?? null) : null,
    before: money && stored ? (l.profilesByKey.get(`${stored.id}|${year}`)?.[0]?.amount ?? null) : null,
  };
}

const NOTHING_RECORDED: RecordedRealisations = { money: false, valueOnly: false };

function planRow(
  plan: ProfilePlan,
  row: ParsedRow,
  v: Partial<ProfileRow>,
  project: ProjectRef,
  l: Lookups,
): Action | null {
  const problems = plan.problems;
  const has = (c: string) => l.columns.has(c);
  const benefitKey = `${project.id}|${v.benefit_ref}`;
  const stored = l.benefitsByKey.get(benefitKey);
  const fields = fieldsOf(v, has, stored);
  const year = v.year ?? null;
  let amount = v.expected_amount ?? null;
  if (year === null && amount !== null) return fail(problems, row, 'year', 'Enter the year of this expected amount');
  if (year !== null && amount === null) {
    if (fields.type !== 'qualitative')
      return fail(
        problems,
        row,
        'expected_amount',
        'Enter the expected amount for this year, or leave both the year and the amount blank',
      );
    amount = new Decimal(0);
  }
  if (!check(problems, row.line, 'expected_amount', qualitativeMoneyProblem(fields.type, amount))) return null;
  let state = l.states.get(benefitKey);
  let benefitAction: Action | null = null;
  if (!state) {
    const problem =
      stored && stored.type !== fields.type
        ? typeChangeProblem(fields.type, l.store.recorded.get(stored.id) ?? NOTHING_RECORDED)
        : null;
    if (!check(problems, row.line, 'type', problem)) return null;
    state = { line: row.line, projectId: project.id, fields, stored, amounts: new Map(), lines: new Map() };
    for (const p of stored ? (l.profilesByBenefit.get(String(stored.id)) ?? []) : []) state.amounts.set(p.fy, p.amount);
    l.states.set(benefitKey, state);
    benefitAction = addOrUpdateBenefit(plan, benefitKey, project, v.benefit_ref!, fields, stored);
  } else {
    const differs = (Object.keys(FIELD_COLUMNS) as FieldColumn[]).find(
      (c) => has(c) && !sameField(c, state!.fields, fields),
    );
    if (differs)
      return fail(
        problems,
        row,
        differs,
        `Line ${state.line} gives benefit ${v.benefit_ref} a different ${differs}: give the benefit the same details on every line`,
      );
  }
  if (year === null) {
    if (!l.seen.check(`${benefitKey}|register`, row.line, 'year', `benefit ${v.benefit_ref} without a year`, problems))
      return null;
    return benefitAction ?? 'unchanged';
  }
  // The same rule and words as two rows of one year on the benefit form.
  const yearKey = `${benefitKey}|${year}`;
  if (l.years.has(yearKey)) return fail(problems, row, 'year', repeatedYearProblem(year));
  l.years.add(yearKey);
  state.amounts.set(year, amount!);
  state.lines.set(year, row.line);
  return strongest(benefitAction, planProfileRow(plan, benefitKey, stored, { fy: year, amount: amount! }, l));
}

/** A line that adds anything counts as added; else one that changes anything as updated. */
function strongest(a: Action | null, b: Action): Action {
  if (a === 'add' || b === 'add') return 'add';
  return a === 'update' || b === 'update' ? 'update' : 'unchanged';
}

function planProfileRow(
  plan: ProfilePlan,
  benefitKey: string,
  stored: Benefit | undefined,
  entry: ProfileEntry,
  l: Lookups,
): Action {
  const current = stored ? l.profilesByKey.get(`${stored.id}|${entry.fy}`)?.[0] : undefined;
  if (!current) {
    plan.profileInserts.push({ benefitId: stored?.id ?? null, benefitKey, entry });
    return 'add';
  }
  if (current.amount.eq(entry.amount)) return 'unchanged';
  plan.profileUpdates.push({ current, write: entry });
  return 'update';
}

function addOrUpdateBenefit(
  plan: ProfilePlan,
  key: string,
  project: ProjectRef,
  ref: string,
  fields: Fields,
  stored: Benefit | undefined,
): Action {
  if (!stored) {
    plan.newBenefits.push({ key, benefit: newBenefit(project, ref, fields) });
    return 'add';
  }
  if (!changed(stored, fields)) return 'unchanged';
  const { id: _id, projectId: _p, version: _v, ...current } = stored;
  plan.benefitUpdates.push({ current: stored, write: { ...current, ...fields } });
  return 'update';
}

function fail(problems: ImportProblem[], row: ParsedRow, column: string, message: string): null {
  problems.push({ line: row.line, column, message });
  return null;
}

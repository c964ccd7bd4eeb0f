/**
 * Demo assessments (issue 18), through the domain layer like the rest of the seed: the default
 * framework; Children's Services assessed in January 2025 (approved, with improvement actions
 * linked to its CS projects) and again in January 2026 (approved, showing improvement); Resources
 * assessed and approved; Housing with a draft in progress. Adults and Health, City Development and
 * Communities and Environment are never assessed, as the blueprint's heat map shows.
 */
import type { Ctx } from '../../server/domain/types';
import { saveFramework } from '../../server/domain/assessment-frameworks';
import { DEFAULT_FRAMEWORK } from '../../server/domain/default-framework';
import { approveAssessment, createAssessment, saveAnswers, submitAssessment } from '../../server/domain/assessments';
import { raiseAction } from '../../server/domain/improvement-actions';
import { parseOrThrow } from '../../server/validation/fields';
import { actionSchema, answersSchema, newAssessmentSchema } from '../../server/validation/assessments.schema';

type Scores = Record<string, (number | null)[]>;

interface DemoAssessment {
  directorateCode: string;
  assessedOn: string;
  assessors: string[];
  scores: Scores;
  notes: Record<string, { strengths: string; weaknesses: string }>;
  approve: boolean;
  actions?: {
    title: string;
    owner: string;
    dueOn: string;
    dimensionCode: string;
    projectCodes: string[];
    status: string;
  }[];
}

const EVIDENCE: Record<number, string> = {
  1: 'Interviews with team managers; no documents found.',
  2: 'Service plan 2024/25 and leadership team minutes reviewed.',
  3: 'Documents seen and confirmed in workshop with the directorate management team.',
  4: 'Documents, quarterly reports and system reports reviewed.',
  5: 'Independent audit report and benchmarking data.',
};

const DEMO: DemoAssessment[] = [
  {
    directorateCode: 'CS',
    assessedOn: '2025-01-20',
    assessors: ['Priya Raman (Head of ICT Business Partnering)', 'Tom Okafor (Finance Business Partner, CS)'],
    scores: {
      STRAT: [2, 2, 3, 2],
      GOV: [3, 2, 2, 1],
      BEN: [1, 1, null],
      ENG: [2, 2, 2, 3],
      DATA: [1, 2, 2, 2, 3],
      SKILL: [2, 1, 1],
      VFM: [1, null, 2, 1],
    },
    notes: {
      BEN: {
        strengths: 'The case management business case named cashable savings from agency staff.',
        weaknesses: 'No benefits profiles or owners; nothing has been measured after go-live.',
      },
      DATA: {
        strengths: 'Statutory returns are on time.',
        weaknesses:
          'Social workers keep case notes in spreadsheets beside the case system; returns are corrected by hand.',
      },
      VFM: {
        strengths: 'The main contracts are known.',
        weaknesses: 'Shadow ICT spend in schools support and early help is not identified.',
      },
    },
    approve: true,
    actions: [
      {
        title: 'Set up a benefits register for every CS ICT investment, with owners, baselines and targets',
        owner: 'Tom Okafor',
        dueOn: '2025-06-30',
        dimensionCode: 'BEN',
        projectCodes: ['CS-001', 'CS-002'],
        status: 'done',
      },
      {
        title: 'Remove spreadsheet case notes by moving all casework into the new case management system',
        owner: 'Head of Children’s Social Care',
        dueOn: '2026-03-31',
        dimensionCode: 'DATA',
        projectCodes: ['CS-002'],
        status: 'in_progress',
      },
      {
        title: 'Identify all shadow ICT spend in Children’s Services and bring it into the contract register',
        owner: 'CS Business Support Manager',
        dueOn: '2025-09-30',
        dimensionCode: 'VFM',
        projectCodes: [],
        status: 'open',
      },
      {
        title: 'Name system owners and super users for the education and SEND system',
        owner: 'Head of SEND',
        dueOn: '2025-12-31',
        dimensionCode: 'SKILL',
        projectCodes: ['CS-003'],
        status: 'open',
      },
    ],
  },
  {
    directorateCode: 'RES',
    assessedOn: '2025-11-10',
    assessors: ['Priya Raman (Head of ICT Business Partnering)', 'Helen Ward (Chief Accountant)'],
    scores: {
      STRAT: [3, 4, 4, 3],
      GOV: [4, 4, 3, 3],
      BEN: [3, 2, 2],
      ENG: [3, 3, 4, 4],
      DATA: [3, 3, 4, null, 4],
      SKILL: [3, 3, 4],
      VFM: [4, 3, 3, 3],
    },
    notes: {
      BEN: {
        strengths: 'The finance system business case has measures and baselines.',
        weaknesses: 'Realisations are recorded once at closure and not revisited.',
      },
    },
    approve: true,
    actions: [
      {
        title: 'Record realisations for the finance system each year, not only at closure',
        owner: 'Helen Ward',
        dueOn: '2026-06-30',
        dimensionCode: 'BEN',
        projectCodes: ['RES-001'],
        status: 'open',
      },
    ],
  },
  {
    directorateCode: 'CS',
    assessedOn: '2026-01-15',
    assessors: ['Priya Raman (Head of ICT Business Partnering)', 'Tom Okafor (Finance Business Partner, CS)'],
    scores: {
      STRAT: [3, 3, 3, 3],
      GOV: [3, 3, 3, 2],
      BEN: [3, 3, 2],
      ENG: [4, 3, 4, 3],
      DATA: [2, 3, 3, 3, 3],
      SKILL: [3, 2, 3],
      VFM: [2, 2, 2, 3],
    },
    notes: {
      BEN: {
        strengths: 'A benefits register now covers every CS investment; realisations recorded for 2025/26.',
        weaknesses: 'Lessons from reviews are not yet feeding new business cases.',
      },
      DATA: {
        strengths: 'Most casework has moved into the new case management system.',
        weaknesses: 'Early help still shares information with partners by email.',
      },
    },
    approve: true,
  },
  {
    directorateCode: 'HOU',
    assessedOn: '2026-11-20',
    assessors: ['Priya Raman (Head of ICT Business Partnering)'],
    scores: { STRAT: [3, 2, null, null], GOV: [2, null, null, null] },
    notes: {},
    approve: false,
  },
];

export async function seedDemoAssessments(ctx: Ctx): Promise<void> {
  await saveFramework(ctx, DEFAULT_FRAMEWORK);
  const answersOf = (scores: Scores) =>
    DEFAULT_FRAMEWORK.dimensions.flatMap((d) =>
      d.statements.map((s, i) => {
        const score = scores[d.code]?.[i] ?? null;
        return { statement: s.code, score, evidence: score === null ? '' : EVIDENCE[score] };
      }),
    );
  for (const demo of DEMO) {
    const created = await createAssessment(
      ctx,
      parseOrThrow(newAssessmentSchema('api'), {
        directorateCode: demo.directorateCode,
        assessedOn: demo.assessedOn,
        assessors: demo.assessors,
      }),
    );
    const input = parseOrThrow(answersSchema('api'), {
      answers: answersOf(demo.scores),
      dimensions: Object.entries(demo.notes).map(([code, n]) => ({ code, ...n })),
    });
    const d = await saveAnswers(ctx, created.id, created.version, input);
    if (demo.approve) {
      const submitted = await submitAssessment(ctx, created.id, d.assessment.version);
      await approveAssessment(ctx, created.id, submitted.version);
    }
    for (const a of demo.actions ?? []) await raiseAction(ctx, created.id, parseOrThrow(actionSchema('api'), a));
  }
}

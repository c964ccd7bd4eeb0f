/** Demo portfolio: Children's Services, part 1 (ICT assessment, case management and education systems). Figures are illustrative, not any real council's. */
import type { DemoProject } from './demo-data-types';

const FINANCE = 'Helen Okafor, Finance Business Partner (Children)';
const PERFORMANCE = 'Tom Beckett, Performance and Intelligence Lead';

export const CS_PROJECTS: DemoProject[] = [
  {
    // Amber: the review's own savings are landing, a little behind profile.
    code: 'CS-001',
    name: 'Strategic ICT Effectiveness Assessment',
    directorateCode: 'CS',
    description:
      "An independent review of how well Children's Services' ICT investment delivers: maps every system and contract to the outcomes it supports, benchmarks cost and usage against statistical neighbours, and produces a prioritised roadmap to retire duplicate tools and close capability gaps.",
    sponsor: 'Director of Children and Families',
    manager: 'Priya Natarajan, Digital Business Partner',
    status: 'in_delivery',
    priority: 'Best city for children',
    startYear: '2025/26',
    optimismBias: '0.15',
    costs: [
      { year: '2025/26', kind: 'planned', category: 'services', amount: '85000.00', description: 'Independent assessment partner (discovery, benchmarking, roadmap)', reference: 'PO-4500123' },
      { year: '2025/26', kind: 'planned', category: 'staff', amount: '32000.00', description: 'Backfill for internal business analyst (0.6 FTE)' },
      { year: '2026/27', kind: 'planned', category: 'services', amount: '40000.00', description: 'Follow-up benchmarking and benefits re-baselining', reference: 'PO-4500123' },
      { year: '2026/27', kind: 'planned', category: 'staff', amount: '18000.00', description: 'Business analyst backfill (0.3 FTE)' },
      { year: '2025/26', kind: 'actual', category: 'services', amount: '92400.00', description: 'Assessment partner, including two change requests to add SEND systems', reference: 'PO-4500123' },
      { year: '2025/26', kind: 'actual', category: 'staff', amount: '29800.00', description: 'Business analyst backfill' },
      { year: '2026/27', kind: 'actual', category: 'services', amount: '21500.00', description: 'Follow-up benchmarking, first milestone', reference: 'PO-4500123' },
    ],
    benefits: [
      {
        ref: 'B1', title: 'Decommission duplicate and under-used applications', type: 'cashable', category: 'Licence consolidation', status: 'realising', confidence: '0.7',
        description: 'Eleven applications with overlapping functions or fewer than 20 active users are retired as their contracts end.',
        owner: 'Head of Business Support (Children)', measure: 'Annual contract spend on the eleven applications', baseline: '£300,000', target: '£0', unit: '£ per year',
        serviceFeature: 'Application inventory linking every contract to an outcome and a named owner',
        enablingActivities: 'Serve notice on contracts at renewal; migrate residual users; archive data under the retention schedule',
        profile: { '2026/27': '60000.00', '2027/28': '120000.00', '2028/29': '120000.00', '2029/30': '120000.00', '2030/31': '120000.00' },
        realisations: [{ year: '2026/27', amount: '38000.00', evidence: 'Contract termination notices for 4 applications; finance ledger extract Q2 2026/27', recordedBy: FINANCE, recordedOn: '2026-10-14' }],
      },
      {
        ref: 'B2', title: 'Social worker time released from duplicate data entry', type: 'non_cashable', category: 'Staff time', status: 'realising', confidence: '0.6',
        owner: 'Principal Social Worker', measure: 'Hours a week per social worker spent re-keying data', baseline: '3.5', target: '1.0', unit: 'hours per week',
        profile: { '2026/27': '45000.00', '2027/28': '90000.00', '2028/29': '90000.00', '2029/30': '90000.00', '2030/31': '90000.00' },
        realisations: [{ year: '2026/27', amount: '48000.00', evidence: 'Timesheet sample, 6 weeks, two locality teams, monetised at average salary plus on-costs', recordedBy: PERFORMANCE, recordedOn: '2026-11-06' }],
      },
      {
        ref: 'B3', title: "Clear line of sight from ICT spend to children's outcomes", type: 'qualitative', category: 'Governance', status: 'realising', confidence: '0.9',
        owner: 'Director of Children and Families', measure: "Share of Children's Services ICT spend mapped to an outcome in the benefits register", baseline: '35%', target: '90%', unit: '% of spend',
        realisations: [
          { year: '2025/26', value: '52%', evidence: 'Assessment interim report, section 3', recordedBy: PERFORMANCE, recordedOn: '2026-03-20' },
          { year: '2026/27', value: '71%', evidence: 'Benefits register extract, September 2026', recordedBy: PERFORMANCE, recordedOn: '2026-10-02' },
        ],
      },
    ],
  },
  {
    // Green, and home of the portfolio's only dis-benefit (parallel running).
    code: 'CS-002',
    name: "Children's social care case management system replacement",
    directorateCode: 'CS',
    description:
      "Replaces the 15-year-old children's social care case management system with a cloud-hosted product procured through a national framework, including data migration, a multi-agency portal and statutory returns.",
    sponsor: 'Director of Children and Families',
    manager: 'Gareth Hughes, Senior Project Manager (Digital)',
    status: 'live',
    priority: 'Best city for children',
    startYear: '2022/23',
    optimismBias: '0.4',
    costs: [
      { year: '2022/23', kind: 'planned', category: 'capital', amount: '380000.00', description: 'Implementation partner: configuration and build', reference: 'CAP-2022-031' },
      { year: '2022/23', kind: 'planned', category: 'services', amount: '120000.00', description: 'Data migration and cleansing' },
      { year: '2023/24', kind: 'planned', category: 'capital', amount: '640000.00', description: 'Implementation partner: integration, portal and go-live', reference: 'CAP-2022-031' },
      { year: '2023/24', kind: 'planned', category: 'staff', amount: '210000.00', description: 'Super-user backfill (agency social workers)' },
      { year: '2023/24', kind: 'planned', category: 'revenue_one_off', amount: '95000.00', description: 'Training for 620 practitioners' },
      { year: '2024/25', kind: 'planned', category: 'licences', amount: '185000.00', description: 'SaaS subscription' },
      { year: '2025/26', kind: 'planned', category: 'licences', amount: '190000.00', description: 'SaaS subscription' },
      { year: '2026/27', kind: 'planned', category: 'licences', amount: '195000.00', description: 'SaaS subscription' },
      { year: '2027/28', kind: 'planned', category: 'revenue_recurring', amount: '200000.00', description: 'SaaS subscription and support' },
      { year: '2028/29', kind: 'planned', category: 'revenue_recurring', amount: '205000.00', description: 'SaaS subscription and support' },
      { year: '2029/30', kind: 'planned', category: 'revenue_recurring', amount: '210000.00', description: 'SaaS subscription and support' },
      { year: '2030/31', kind: 'planned', category: 'revenue_recurring', amount: '215000.00', description: 'SaaS subscription and support' },
      { year: '2031/32', kind: 'planned', category: 'revenue_recurring', amount: '220000.00', description: 'SaaS subscription and support' },
      { year: '2022/23', kind: 'actual', category: 'capital', amount: '402300.00', description: 'Implementation partner milestones 1–3', reference: 'PO-4500087' },
      { year: '2022/23', kind: 'actual', category: 'services', amount: '131800.00', description: 'Data migration, with an extra cleansing cycle' },
      { year: '2023/24', kind: 'actual', category: 'capital', amount: '788900.00', description: 'Implementation milestones 4–7; go-live moved from October to February', reference: 'PO-4500087' },
      { year: '2023/24', kind: 'actual', category: 'staff', amount: '246500.00', description: 'Super-user backfill, extended by 10 weeks' },
      { year: '2023/24', kind: 'actual', category: 'revenue_one_off', amount: '88200.00', description: 'Practitioner training' },
      { year: '2024/25', kind: 'actual', category: 'licences', amount: '185000.00', description: 'SaaS subscription', reference: 'PO-4500311' },
      { year: '2024/25', kind: 'actual', category: 'capital', amount: '42500.00', isCredit: true, description: 'Supplier service credit for the missed go-live milestone', reference: 'CN-77120' },
      { year: '2025/26', kind: 'actual', category: 'licences', amount: '190000.00', description: 'SaaS subscription', reference: 'PO-4500611' },
      { year: '2026/27', kind: 'actual', category: 'licences', amount: '195000.00', description: 'SaaS subscription (annual in advance)', reference: 'PO-4500902' },
    ],
    benefits: [
      {
        ref: 'B1', title: 'Legacy case management contract ended', type: 'cashable', category: 'Contract savings', status: 'realised', confidence: '0.95',
        owner: 'Head of Business Support (Children)', measure: 'Annual legacy support and hosting charge', baseline: '£240,000', target: '£0', unit: '£ per year',
        serviceFeature: 'Single cloud-hosted case record',
        enablingActivities: 'Complete migration; serve notice on the legacy contract; remove the budget line',
        profile: { '2024/25': '240000.00', '2025/26': '240000.00', '2026/27': '240000.00', '2027/28': '240000.00', '2028/29': '240000.00', '2029/30': '240000.00', '2030/31': '240000.00', '2031/32': '240000.00' },
        realisations: [
          { year: '2024/25', amount: '240000.00', evidence: 'Contract termination letter and 2024/25 budget reduction', recordedBy: FINANCE, recordedOn: '2025-04-30' },
          { year: '2025/26', amount: '240000.00', evidence: 'Finance ledger extract Q4 2025/26', recordedBy: FINANCE, recordedOn: '2026-04-28' },
          { year: '2026/27', amount: '240000.00', evidence: '2026/27 budget book: legacy line removed', recordedBy: FINANCE, recordedOn: '2026-05-12' },
        ],
      },
      {
        ref: 'B2', title: 'Less social worker time spent on case recording', type: 'non_cashable', category: 'Staff time', status: 'realising', confidence: '0.75',
        description: 'About 40 minutes saved on each of some 30,000 statutory visits a year, valued at social worker salary plus on-costs; rises in 2027/28 when the last paper forms are retired.',
        owner: 'Principal Social Worker', measure: 'Minutes to record a statutory visit', baseline: '95', target: '55', unit: 'minutes',
        serviceFeature: 'Mobile-friendly forms pre-populated with case data',
        enablingActivities: 'Redesign the visit form with practitioners; train super-users; retire paper templates',
        profile: { '2024/25': '350000.00', '2025/26': '700000.00', '2026/27': '700000.00', '2027/28': '800000.00', '2028/29': '800000.00', '2029/30': '800000.00', '2030/31': '800000.00', '2031/32': '800000.00' },
        realisations: [
          { year: '2024/25', amount: '315000.00', evidence: 'Time-and-motion study, 40 visits', recordedBy: PERFORMANCE, recordedOn: '2025-05-20' },
          { year: '2025/26', amount: '677000.00', evidence: 'System audit log: recording time per visit, full year', recordedBy: PERFORMANCE, recordedOn: '2026-04-22' },
          { year: '2026/27', amount: '595000.00', evidence: 'System audit log, April–October 2026, annualised by the service', recordedBy: PERFORMANCE, recordedOn: '2026-11-10' },
        ],
      },
      {
        ref: 'B3', title: 'Improved safeguarding decision quality', type: 'qualitative', category: 'Quality', status: 'realising', confidence: '0.8',
        owner: 'Head of Quality Assurance and Safeguarding', measure: 'Audited case files rated good or better', baseline: '48%', target: '75%', unit: '% of audited files',
        realisations: [
          { year: '2024/25', value: '56%', evidence: 'Quarterly case file audit, Q4 2024/25', recordedBy: PERFORMANCE, recordedOn: '2025-04-15' },
          { year: '2025/26', value: '63%', evidence: 'Quarterly case file audit, Q4 2025/26', recordedBy: PERFORMANCE, recordedOn: '2026-04-16' },
          { year: '2026/27', value: '68%', evidence: 'Quarterly case file audit, Q2 2026/27', recordedBy: PERFORMANCE, recordedOn: '2026-10-20' },
        ],
      },
      {
        ref: 'D1', title: 'Increased licence costs during parallel running', type: 'cashable', isDisbenefit: true, category: 'Transition cost', status: 'realised', confidence: '1',
        description: 'Both systems stayed licensed while records were reconciled after go-live.',
        owner: 'Head of Business Support (Children)', measure: 'Legacy licence charges after go-live', baseline: '£0', target: '£95,000 at most', unit: '£',
        profile: { '2023/24': '60000.00', '2024/25': '35000.00' },
        realisations: [
          { year: '2023/24', amount: '60000.00', evidence: 'Legacy supplier invoices, February–March 2024', recordedBy: FINANCE, recordedOn: '2024-04-26' },
          { year: '2024/25', amount: '48000.00', evidence: 'Contract variation letter: parallel running extended to September 2024', recordedBy: FINANCE, recordedOn: '2024-10-08' },
        ],
      },
    ],
  },
  {
    // Red: go-live slipped, so savings are well behind profile.
    code: 'CS-003',
    name: 'Education and SEND management system',
    directorateCode: 'CS',
    description:
      'One system for admissions, attendance, exclusions and the SEND Education, Health and Care (EHC) plan process, with a parent and partner portal, replacing three separate education systems.',
    sponsor: 'Director of Learning and Inclusion',
    manager: 'Rachel Amos, Project Manager (Education Systems)',
    status: 'in_delivery',
    priority: 'Best city for children',
    startYear: '2024/25',
    optimismBias: '0.25',
    costs: [
      { year: '2024/25', kind: 'planned', category: 'capital', amount: '450000.00', description: 'System build and configuration', reference: 'CAP-2024-017' },
      { year: '2024/25', kind: 'planned', category: 'services', amount: '160000.00', description: 'Data migration from three systems' },
      { year: '2025/26', kind: 'planned', category: 'capital', amount: '520000.00', description: 'EHC hub and parent portal', reference: 'CAP-2024-017' },
      { year: '2025/26', kind: 'planned', category: 'staff', amount: '140000.00', description: 'SEND caseworker backfill for testing and training' },
      { year: '2026/27', kind: 'planned', category: 'licences', amount: '150000.00', description: 'Subscription' },
      { year: '2026/27', kind: 'planned', category: 'revenue_one_off', amount: '60000.00', description: 'Schools and partner training' },
      { year: '2027/28', kind: 'planned', category: 'licences', amount: '155000.00', description: 'Subscription' },
      { year: '2028/29', kind: 'planned', category: 'licences', amount: '160000.00', description: 'Subscription' },
      { year: '2029/30', kind: 'planned', category: 'licences', amount: '165000.00', description: 'Subscription' },
      { year: '2030/31', kind: 'planned', category: 'licences', amount: '170000.00', description: 'Subscription' },
      { year: '2031/32', kind: 'planned', category: 'licences', amount: '175000.00', description: 'Subscription' },
      { year: '2024/25', kind: 'actual', category: 'capital', amount: '438200.00', description: 'System build milestones 1–2', reference: 'PO-4500398' },
      { year: '2024/25', kind: 'actual', category: 'services', amount: '171900.00', description: 'Data migration, attendance history added' },
      { year: '2025/26', kind: 'actual', category: 'capital', amount: '612400.00', description: 'EHC hub reworked after user testing', reference: 'PO-4500398' },
      { year: '2025/26', kind: 'actual', category: 'staff', amount: '162300.00', description: 'Caseworker backfill, extended' },
      { year: '2026/27', kind: 'actual', category: 'licences', amount: '150000.00', description: 'Subscription', reference: 'PO-4500871' },
    ],
    benefits: [
      {
        ref: 'B1', title: 'Retire three legacy education systems', type: 'cashable', category: 'Contract savings', status: 'at_risk', confidence: '0.8',
        owner: 'Head of Education Business Services', measure: 'Annual cost of the three legacy systems', baseline: '£180,000', target: '£0', unit: '£ per year',
        profile: { '2026/27': '90000.00', '2027/28': '180000.00', '2028/29': '180000.00', '2029/30': '180000.00', '2030/31': '180000.00', '2031/32': '180000.00' },
        realisations: [{ year: '2026/27', amount: '40000.00', evidence: 'Admissions system contract ended August 2026; ledger extract', recordedBy: FINANCE, recordedOn: '2026-09-18' }],
      },
      {
        ref: 'B2', title: 'Faster EHC plan drafting releases caseworker time', type: 'non_cashable', category: 'Staff time', status: 'at_risk', confidence: '0.65',
        description: 'Rises from 2027/28, when every new EHC plan is drafted in the hub; about 9 hours saved on each of some 1,600 plans a year.',
        owner: 'Head of SEND', measure: 'Caseworker hours per EHC plan', baseline: '26', target: '17', unit: 'hours per plan',
        serviceFeature: 'EHC hub with advice from health and social care in one place',
        enablingActivities: 'Agree a single advice template with health partners; train caseworkers',
        profile: { '2025/26': '40000.00', '2026/27': '120000.00', '2027/28': '340000.00', '2028/29': '520000.00', '2029/30': '520000.00', '2030/31': '520000.00', '2031/32': '520000.00' },
        realisations: [
          { year: '2025/26', amount: '22000.00', evidence: 'Caseworker time sample, 30 plans', recordedBy: PERFORMANCE, recordedOn: '2026-05-05' },
          { year: '2026/27', amount: '45000.00', evidence: 'Caseworker time sample, 45 plans, Q1–Q2', recordedBy: PERFORMANCE, recordedOn: '2026-10-29' },
        ],
      },
      {
        ref: 'B3', title: 'EHC plans issued within 20 weeks', type: 'qualitative', category: 'Statutory timeliness', status: 'realising',
        owner: 'Head of SEND', measure: 'New EHC plans issued within the 20-week statutory limit', baseline: '38%', target: '70%', unit: '% of plans',
        realisations: [
          { year: '2025/26', value: '44%', evidence: 'SEN2 statutory return 2026', recordedBy: PERFORMANCE, recordedOn: '2026-04-30' },
          { year: '2026/27', value: '51%', evidence: 'Monthly SEND dashboard, October 2026', recordedBy: PERFORMANCE, recordedOn: '2026-11-04' },
        ],
      },
      {
        ref: 'B4', title: 'Admissions and attendance officer time saved by the parent portal', type: 'non_cashable', category: 'Staff time', status: 'planned', confidence: '0.6',
        owner: 'Head of Education Business Services',
        profile: { '2027/28': '100000.00', '2028/29': '150000.00', '2029/30': '150000.00', '2030/31': '150000.00', '2031/32': '150000.00' },
      },
      {
        ref: 'B5', title: 'Lower SEND tribunal and mediation costs', type: 'cashable', category: 'Legal costs', status: 'planned', confidence: '0.5',
        description: 'Fewer appeals as EHC plans are issued on time with complete advice from partners.',
        owner: 'Head of SEND',
        profile: { '2027/28': '60000.00', '2028/29': '150000.00', '2029/30': '150000.00', '2030/31': '150000.00', '2031/32': '150000.00' },
      },
    ],
  },
];

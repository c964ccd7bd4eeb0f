/** Demo portfolio: Children's Services, part 2 (early help and mobile working). Figures are illustrative, not any real council's. */
import type { DemoProject } from './demo-data-types';

const FINANCE = 'Helen Okafor, Finance Business Partner (Children)';
const PERFORMANCE = 'Tom Beckett, Performance and Intelligence Lead';

export const CS_PROJECTS_2: DemoProject[] = [
  {
    // Green and closed; appraised at a constant 3.5% rather than the Green Book schedule.
    code: 'CS-004',
    name: 'Early help multi-agency data sharing',
    directorateCode: 'CS',
    description:
      'Matches council, police, health and school data under a data sharing agreement to identify families who would benefit from early help, and gives early help workers a shared view of the services involved.',
    sponsor: 'Head of Early Help',
    manager: 'Daniel Osei, Data and Integration Manager',
    status: 'closed',
    priority: 'Best city for children',
    startYear: '2021/22',
    discountRate: '0.035',
    costs: [
      { year: '2021/22', kind: 'planned', category: 'capital', amount: '180000.00', description: 'Data matching platform', reference: 'CAP-2021-009' },
      { year: '2021/22', kind: 'planned', category: 'services', amount: '65000.00', description: 'Information governance and DPIA support' },
      { year: '2022/23', kind: 'planned', category: 'capital', amount: '120000.00', description: 'Partner integrations (police and health)', reference: 'CAP-2021-009' },
      { year: '2022/23', kind: 'planned', category: 'staff', amount: '80000.00', description: 'Data analyst (fixed term)' },
      { year: '2023/24', kind: 'planned', category: 'revenue_recurring', amount: '45000.00', description: 'Platform hosting and support' },
      { year: '2021/22', kind: 'actual', category: 'capital', amount: '162400.00', description: 'Data matching platform', reference: 'PO-4500012' },
      { year: '2021/22', kind: 'actual', category: 'services', amount: '58900.00', description: 'Information governance support' },
      { year: '2022/23', kind: 'actual', category: 'capital', amount: '109750.00', description: 'Partner integrations', reference: 'PO-4500012' },
      { year: '2022/23', kind: 'actual', category: 'staff', amount: '77200.00', description: 'Data analyst' },
      { year: '2023/24', kind: 'actual', category: 'revenue_recurring', amount: '41300.00', description: 'Hosting and support' },
    ],
    benefits: [
      {
        ref: 'B1', title: 'Avoided duplicate assessments across partners', type: 'non_cashable', category: 'Staff time', status: 'realised', confidence: '0.8',
        owner: 'Head of Early Help', measure: 'Duplicate assessments per quarter', baseline: '310', target: '90', unit: 'assessments per quarter',
        serviceFeature: 'Shared view of the services already working with a family',
        enablingActivities: 'Signed data sharing agreement; partner training on the shared view',
        profile: { '2022/23': '60000.00', '2023/24': '110000.00', '2024/25': '110000.00', '2025/26': '110000.00', '2026/27': '110000.00', '2027/28': '110000.00', '2028/29': '110000.00' },
        realisations: [
          { year: '2022/23', amount: '58000.00', evidence: 'Partner assessment counts, Q3–Q4', recordedBy: PERFORMANCE, recordedOn: '2023-05-11' },
          { year: '2023/24', amount: '112000.00', evidence: 'Partner assessment counts, full year', recordedBy: PERFORMANCE, recordedOn: '2024-05-09' },
          { year: '2024/25', amount: '108000.00', evidence: 'Partner assessment counts, full year', recordedBy: PERFORMANCE, recordedOn: '2025-05-14' },
          { year: '2025/26', amount: '104000.00', evidence: 'Partner assessment counts, full year', recordedBy: PERFORMANCE, recordedOn: '2026-05-13' },
          { year: '2026/27', amount: '106000.00', evidence: 'Partner assessment counts, April–September 2026, annualised', recordedBy: PERFORMANCE, recordedOn: '2026-10-21' },
        ],
      },
      {
        ref: 'B2', title: 'Data-matching contractor no longer needed', type: 'cashable', category: 'Contract savings', status: 'realised',
        owner: 'Head of Early Help', measure: 'Annual data-matching contract', baseline: '£25,000', target: '£0', unit: '£ per year',
        profile: { '2022/23': '25000.00', '2023/24': '25000.00', '2024/25': '25000.00', '2025/26': '25000.00', '2026/27': '25000.00', '2027/28': '25000.00', '2028/29': '25000.00' },
        realisations: [
          { year: '2022/23', amount: '25000.00', evidence: 'Contract expiry confirmed by procurement', recordedBy: FINANCE, recordedOn: '2023-04-20' },
          { year: '2023/24', amount: '25000.00', evidence: 'Budget monitoring report P12', recordedBy: FINANCE, recordedOn: '2024-04-25' },
          { year: '2024/25', amount: '25000.00', evidence: 'Budget monitoring report P12', recordedBy: FINANCE, recordedOn: '2025-04-24' },
          { year: '2025/26', amount: '25000.00', evidence: 'Budget monitoring report P12', recordedBy: FINANCE, recordedOn: '2026-04-23' },
          { year: '2026/27', amount: '25000.00', evidence: '2026/27 budget book: contract line removed', recordedBy: FINANCE, recordedOn: '2026-05-12' },
        ],
      },
      {
        ref: 'B3', title: 'Families identified for early help before crisis', type: 'qualitative', category: 'Outcomes', status: 'realised',
        owner: 'Head of Early Help', measure: 'Share of early help referrals that come from data matching', baseline: '0%', target: '30%', unit: '% of referrals',
        realisations: [
          { year: '2023/24', value: '22%', evidence: 'Early help referral dashboard', recordedBy: PERFORMANCE, recordedOn: '2024-04-18' },
          { year: '2024/25', value: '31%', evidence: 'Early help referral dashboard', recordedBy: PERFORMANCE, recordedOn: '2025-04-17' },
        ],
      },
    ],
  },
  {
    // Amber: devices came in under budget, but the time savings are ramping up slowly.
    code: 'CS-005',
    name: 'Mobile working for social workers',
    directorateCode: 'CS',
    description: 'Rugged tablets and 5G laptops with offline case recording, so social workers can record visits in the home or on the move instead of returning to the office.',
    sponsor: 'Director of Children and Families',
    manager: 'Sian Roberts, Project Manager (End User Computing)',
    status: 'in_delivery',
    priority: 'Best city for children',
    startYear: '2025/26',
    optimismBias: '0.1',
    costs: [
      { year: '2025/26', kind: 'planned', category: 'hardware', amount: '310000.00', description: '540 devices with 4-year warranty', reference: 'CAP-2025-004' },
      { year: '2025/26', kind: 'planned', category: 'services', amount: '45000.00', description: 'Device build and rollout' },
      { year: '2026/27', kind: 'planned', category: 'licences', amount: '70000.00', description: 'Device management and offline client licences' },
      { year: '2026/27', kind: 'planned', category: 'staff', amount: '35000.00', description: 'Digital champions (backfill)' },
      { year: '2027/28', kind: 'planned', category: 'licences', amount: '72000.00', description: 'Licences' },
      { year: '2028/29', kind: 'planned', category: 'licences', amount: '74000.00', description: 'Licences' },
      { year: '2029/30', kind: 'planned', category: 'licences', amount: '76000.00', description: 'Licences' },
      { year: '2025/26', kind: 'actual', category: 'hardware', amount: '268900.00', description: 'Devices via national framework mini-competition', reference: 'PO-4500744' },
      { year: '2025/26', kind: 'actual', category: 'services', amount: '47200.00', description: 'Device build and rollout', reference: 'PO-4500745' },
      { year: '2026/27', kind: 'actual', category: 'licences', amount: '70000.00', description: 'Licences (annual)', reference: 'PO-4500901' },
      { year: '2026/27', kind: 'actual', category: 'staff', amount: '12400.00', description: 'Digital champions, Q1–Q2' },
    ],
    benefits: [
      {
        ref: 'B1', title: 'Social worker travel and office-return time saved', type: 'non_cashable', category: 'Staff time', status: 'realising', confidence: '0.7',
        owner: 'Head of Service, Children in Need', measure: 'Office returns per worker per week', baseline: '4.2', target: '1.5', unit: 'returns per week',
        serviceFeature: 'Offline case recording on a mobile device',
        enablingActivities: 'Roll out devices team by team; update the lone-working policy; a digital champion in each team',
        profile: { '2025/26': '60000.00', '2026/27': '180000.00', '2027/28': '240000.00', '2028/29': '280000.00', '2029/30': '280000.00' },
        realisations: [
          { year: '2025/26', amount: '54000.00', evidence: 'Timesheet sample, 6 weeks, three teams', recordedBy: PERFORMANCE, recordedOn: '2026-04-09' },
          { year: '2026/27', amount: '132000.00', evidence: 'Door-entry and travel log analysis, April–September 2026', recordedBy: PERFORMANCE, recordedOn: '2026-10-22' },
        ],
      },
      {
        ref: 'B2', title: 'Lower mileage claims', type: 'cashable', category: 'Travel', status: 'realising', confidence: '0.8',
        owner: 'Head of Business Support (Children)', measure: 'Mileage paid to children in need teams', baseline: '£96,000 a year', target: '£66,000 a year', unit: '£ per year',
        profile: { '2026/27': '25000.00', '2027/28': '30000.00', '2028/29': '30000.00', '2029/30': '30000.00' },
        realisations: [{ year: '2026/27', amount: '14000.00', evidence: 'Payroll mileage report, April–September 2026 against the same period of 2025', recordedBy: FINANCE, recordedOn: '2026-10-15' }],
      },
      {
        ref: 'B3', title: 'Visits recorded within 24 hours', type: 'qualitative', category: 'Quality', status: 'realising',
        owner: 'Head of Service, Children in Need', measure: 'Statutory visits recorded within 24 hours', baseline: '41%', target: '85%', unit: '% of visits',
        realisations: [{ year: '2026/27', value: '73%', evidence: 'Case management system report, October 2026', recordedBy: PERFORMANCE, recordedOn: '2026-11-03' }],
      },
      {
        ref: 'B4', title: 'Office floor released as teams work on the move', type: 'cashable', category: 'Property', status: 'planned', confidence: '0.6',
        owner: 'Head of Business Support (Children)',
        profile: { '2027/28': '60000.00', '2028/29': '60000.00', '2029/30': '60000.00' },
      },
    ],
  },
];

/** Demo portfolio: Housing. Figures are illustrative, not any real council's. */
import type { DemoProject } from './demo-data-types';

const FINANCE = 'Jason Clarke, Finance Business Partner (Housing Revenue Account)';
const PERFORMANCE = 'Michelle Evans, Housing Performance Manager';

export const HOU_PROJECTS: DemoProject[] = [
  {
    // Amber: subcontractor savings a little behind while scheduling rules were tuned.
    code: 'HOU-001',
    name: 'Housing repairs dynamic scheduling',
    directorateCode: 'HOU',
    description: 'Dynamic resource scheduling for 380 repairs operatives, with appointments booked online and by phone against live availability, and jobs sent to operatives’ tablets.',
    sponsor: 'Director of Housing',
    manager: 'Wayne Atkinson, Repairs Transformation Manager',
    status: 'live',
    priority: 'Housing growth',
    startYear: '2023/24',
    optimismBias: '0.2',
    costs: [
      { year: '2023/24', kind: 'planned', category: 'capital', amount: '340000.00', description: 'Scheduling system and integration with the housing system', reference: 'CAP-2023-031' },
      { year: '2023/24', kind: 'planned', category: 'services', amount: '85000.00', description: 'Process redesign with the repairs service' },
      { year: '2024/25', kind: 'planned', category: 'hardware', amount: '120000.00', description: 'Rugged tablets for operatives' },
      { year: '2024/25', kind: 'planned', category: 'licences', amount: '95000.00', description: 'Subscription' },
      { year: '2025/26', kind: 'planned', category: 'licences', amount: '97000.00', description: 'Subscription' },
      { year: '2026/27', kind: 'planned', category: 'licences', amount: '99000.00', description: 'Subscription' },
      { year: '2027/28', kind: 'planned', category: 'licences', amount: '101000.00', description: 'Subscription' },
      { year: '2028/29', kind: 'planned', category: 'licences', amount: '103000.00', description: 'Subscription' },
      { year: '2029/30', kind: 'planned', category: 'licences', amount: '105000.00', description: 'Subscription' },
      { year: '2030/31', kind: 'planned', category: 'licences', amount: '107000.00', description: 'Subscription' },
      { year: '2031/32', kind: 'planned', category: 'licences', amount: '109000.00', description: 'Subscription' },
      { year: '2023/24', kind: 'actual', category: 'capital', amount: '362000.00', description: 'Scheduling system; extra interface for gas servicing', reference: 'PO-4500283' },
      { year: '2023/24', kind: 'actual', category: 'services', amount: '91400.00', description: 'Process redesign' },
      { year: '2024/25', kind: 'actual', category: 'hardware', amount: '108600.00', description: 'Rugged tablets', reference: 'PO-4500361' },
      { year: '2024/25', kind: 'actual', category: 'licences', amount: '95000.00', description: 'Subscription', reference: 'PO-4500362' },
      { year: '2025/26', kind: 'actual', category: 'licences', amount: '97000.00', description: 'Subscription', reference: 'PO-4500655' },
      { year: '2026/27', kind: 'actual', category: 'licences', amount: '99000.00', description: 'Subscription', reference: 'PO-4500897' },
    ],
    benefits: [
      {
        ref: 'B1', title: 'Less subcontractor spend on responsive repairs', type: 'cashable', category: 'Contract savings', status: 'realising', confidence: '0.75',
        owner: 'Head of Property Maintenance', measure: 'Responsive repairs sent to subcontractors', baseline: '28%', target: '18%', unit: '% of jobs',
        serviceFeature: 'Live scheduling that fills operatives’ days before work goes to subcontractors',
        enablingActivities: 'New productivity agreement with the trade unions; scheduling rules agreed with supervisors',
        profile: { '2024/25': '180000.00', '2025/26': '360000.00', '2026/27': '360000.00', '2027/28': '360000.00', '2028/29': '360000.00', '2029/30': '360000.00', '2030/31': '360000.00', '2031/32': '360000.00' },
        realisations: [
          { year: '2024/25', amount: '171000.00', evidence: 'Subcontractor invoices against the 2022/23 baseline', recordedBy: FINANCE, recordedOn: '2025-05-09' },
          { year: '2025/26', amount: '338000.00', evidence: 'Subcontractor invoices against the 2022/23 baseline', recordedBy: FINANCE, recordedOn: '2026-05-08' },
          { year: '2026/27', amount: '175000.00', evidence: 'Subcontractor invoices, April–September 2026', recordedBy: FINANCE, recordedOn: '2026-10-30' },
        ],
      },
      {
        ref: 'B2', title: 'More jobs completed per operative per day', type: 'non_cashable', category: 'Productivity', status: 'realising', confidence: '0.7',
        owner: 'Head of Property Maintenance', measure: 'Jobs per operative per day', baseline: '4.1', target: '5.0', unit: 'jobs per day',
        profile: { '2024/25': '120000.00', '2025/26': '240000.00', '2026/27': '240000.00', '2027/28': '240000.00', '2028/29': '240000.00', '2029/30': '240000.00', '2030/31': '240000.00', '2031/32': '240000.00' },
        realisations: [
          { year: '2024/25', amount: '118000.00', evidence: 'Scheduling system productivity report', recordedBy: PERFORMANCE, recordedOn: '2025-04-24' },
          { year: '2025/26', amount: '244000.00', evidence: 'Scheduling system productivity report', recordedBy: PERFORMANCE, recordedOn: '2026-04-23' },
          { year: '2026/27', amount: '120000.00', evidence: 'Scheduling system productivity report, H1', recordedBy: PERFORMANCE, recordedOn: '2026-10-22' },
        ],
      },
      {
        ref: 'B3', title: 'Repairs completed at the first visit', type: 'qualitative', category: 'Tenant experience', status: 'realising',
        owner: 'Head of Property Maintenance', measure: 'Repairs completed right first time', baseline: '71%', target: '85%', unit: '% of repairs',
        realisations: [
          { year: '2024/25', value: '78%', evidence: 'Tenant satisfaction measures return', recordedBy: PERFORMANCE, recordedOn: '2025-05-29' },
          { year: '2025/26', value: '83%', evidence: 'Tenant satisfaction measures return', recordedBy: PERFORMANCE, recordedOn: '2026-05-28' },
        ],
      },
    ],
  },
  {
    // Green: the model is finding arrears early and write-offs are falling.
    code: 'HOU-002',
    name: 'Rent arrears predictive analytics',
    directorateCode: 'HOU',
    description: 'A predictive model that flags tenants likely to fall into arrears (for example after a Universal Credit change), so income officers can offer support before debt builds up.',
    sponsor: 'Chief Officer, Housing Management',
    manager: 'Laura Benson, Data Science Lead',
    status: 'in_delivery',
    priority: 'Housing growth',
    startYear: '2025/26',
    optimismBias: '0.2',
    costs: [
      { year: '2025/26', kind: 'planned', category: 'services', amount: '95000.00', description: 'Model development and data protection impact assessment', reference: 'PO-4500702' },
      { year: '2025/26', kind: 'planned', category: 'staff', amount: '45000.00', description: 'Data analyst' },
      { year: '2026/27', kind: 'planned', category: 'licences', amount: '35000.00', description: 'Analytics platform' },
      { year: '2026/27', kind: 'planned', category: 'services', amount: '20000.00', description: 'Model retraining and bias audit' },
      { year: '2027/28', kind: 'planned', category: 'licences', amount: '36000.00', description: 'Analytics platform' },
      { year: '2028/29', kind: 'planned', category: 'licences', amount: '37000.00', description: 'Analytics platform' },
      { year: '2029/30', kind: 'planned', category: 'licences', amount: '38000.00', description: 'Analytics platform' },
      { year: '2030/31', kind: 'planned', category: 'licences', amount: '39000.00', description: 'Analytics platform' },
      { year: '2031/32', kind: 'planned', category: 'licences', amount: '40000.00', description: 'Analytics platform' },
      { year: '2025/26', kind: 'actual', category: 'services', amount: '88700.00', description: 'Model development and DPIA', reference: 'PO-4500702' },
      { year: '2025/26', kind: 'actual', category: 'staff', amount: '41900.00', description: 'Data analyst' },
      { year: '2026/27', kind: 'actual', category: 'licences', amount: '35000.00', description: 'Analytics platform', reference: 'PO-4500880' },
    ],
    benefits: [
      {
        ref: 'B1', title: 'Lower rent arrears write-offs', type: 'cashable', category: 'Income', status: 'realising', confidence: '0.6',
        owner: 'Head of Income Management', measure: 'Former tenant arrears written off', baseline: '£1.42m a year', target: '£1.20m a year', unit: '£ per year',
        serviceFeature: 'Weekly risk list for income officers',
        enablingActivities: 'Agree a contact approach with the welfare rights team; refresh the model each quarter',
        profile: { '2025/26': '50000.00', '2026/27': '180000.00', '2027/28': '220000.00', '2028/29': '220000.00', '2029/30': '220000.00', '2030/31': '220000.00', '2031/32': '220000.00' },
        realisations: [
          { year: '2025/26', amount: '58000.00', evidence: 'HRA write-off report 2025/26', recordedBy: FINANCE, recordedOn: '2026-05-15' },
          { year: '2026/27', amount: '150000.00', evidence: 'HRA write-off report, April–October 2026', recordedBy: FINANCE, recordedOn: '2026-11-16' },
        ],
      },
      {
        ref: 'B2', title: 'Income officer time focused on high-risk cases', type: 'non_cashable', category: 'Staff time', status: 'realising', confidence: '0.7',
        owner: 'Head of Income Management',
        profile: { '2026/27': '40000.00', '2027/28': '40000.00', '2028/29': '40000.00', '2029/30': '40000.00', '2030/31': '40000.00', '2031/32': '40000.00' },
        realisations: [{ year: '2026/27', amount: '36000.00', evidence: 'Caseload analysis, 8 weeks', recordedBy: PERFORMANCE, recordedOn: '2026-11-18' }],
      },
      {
        ref: 'B3', title: 'Tenants offered support early', type: 'qualitative', category: 'Tenant wellbeing', status: 'realising',
        owner: 'Head of Income Management', measure: 'Flagged tenants contacted with a support offer within 7 days', baseline: '40%', target: '85%', unit: '% of flagged tenants',
        realisations: [{ year: '2026/27', value: '69%', evidence: 'Housing system contact records, October 2026', recordedBy: PERFORMANCE, recordedOn: '2026-11-05' }],
      },
    ],
  },
  {
    // Proposed: strategic outline case only.
    code: 'HOU-003',
    name: 'Housing management system consolidation',
    directorateCode: 'HOU',
    description: 'Replaces three housing systems (tenancy, rents and homelessness) with one integrated housing management system and a tenant self-service app.',
    sponsor: 'Director of Housing',
    manager: 'Tariq Hussain, Housing Systems Lead',
    status: 'proposed',
    priority: 'Housing growth',
    startYear: '2027/28',
    optimismBias: '0.66',
    costs: [
      { year: '2027/28', kind: 'planned', category: 'capital', amount: '900000.00', description: 'Implementation partner' },
      { year: '2027/28', kind: 'planned', category: 'services', amount: '350000.00', description: 'Data migration' },
      { year: '2027/28', kind: 'planned', category: 'staff', amount: '240000.00', description: 'Housing officer backfill' },
      { year: '2028/29', kind: 'planned', category: 'capital', amount: '650000.00', description: 'Homelessness module and tenant app' },
      { year: '2028/29', kind: 'planned', category: 'services', amount: '150000.00', description: 'Testing and early life support' },
      { year: '2029/30', kind: 'planned', category: 'licences', amount: '280000.00', description: 'Subscription' },
      { year: '2030/31', kind: 'planned', category: 'licences', amount: '285000.00', description: 'Subscription' },
      { year: '2031/32', kind: 'planned', category: 'licences', amount: '290000.00', description: 'Subscription' },
      { year: '2032/33', kind: 'planned', category: 'licences', amount: '295000.00', description: 'Subscription' },
      { year: '2033/34', kind: 'planned', category: 'licences', amount: '300000.00', description: 'Subscription' },
    ],
    benefits: [
      {
        ref: 'B1', title: 'Three housing systems retired', type: 'cashable', category: 'Contract savings', status: 'identified', confidence: '0.75',
        owner: 'Director of Housing', measure: 'Annual cost of the three systems', baseline: '£310,000', target: '£0', unit: '£ per year',
        profile: { '2029/30': '310000.00', '2030/31': '310000.00', '2031/32': '310000.00', '2032/33': '310000.00', '2033/34': '310000.00' },
      },
      {
        ref: 'B2', title: 'Housing officer time saved by tenant self-service', type: 'non_cashable', category: 'Staff time', status: 'identified', confidence: '0.5',
        owner: 'Chief Officer, Housing Management',
        profile: { '2028/29': '100000.00', '2029/30': '550000.00', '2030/31': '550000.00', '2031/32': '550000.00', '2032/33': '550000.00', '2033/34': '550000.00' },
      },
      {
        ref: 'B3', title: 'Tenant satisfaction with housing services', type: 'qualitative', category: 'Tenant experience', status: 'identified',
        owner: 'Chief Officer, Housing Management', measure: 'Tenants satisfied with the overall service (TSM TP01)', baseline: '62%', target: '75%', unit: '% satisfied',
      },
      {
        ref: 'B4', title: 'Lower rent loss on empty homes through faster re-letting', type: 'cashable', category: 'Income', status: 'identified', confidence: '0.5',
        owner: 'Chief Officer, Housing Management',
        profile: { '2028/29': '150000.00', '2029/30': '500000.00', '2030/31': '500000.00', '2031/32': '500000.00', '2032/33': '500000.00', '2033/34': '500000.00' },
      },
      {
        ref: 'B5', title: 'Less temporary accommodation through earlier homelessness prevention', type: 'cashable', category: 'Temporary accommodation', status: 'identified', confidence: '0.4',
        owner: 'Chief Officer, Housing Management',
        profile: { '2029/30': '350000.00', '2030/31': '350000.00', '2031/32': '350000.00', '2032/33': '350000.00', '2033/34': '350000.00' },
      },
    ],
  },
  {
    // Cancelled: superseded by HOU-003.
    code: 'HOU-004',
    name: 'Homelessness and housing options case management',
    directorateCode: 'HOU',
    description: 'A standalone homelessness case management system. Cancelled at outline design when the consolidated housing management system (HOU-003) was proposed.',
    sponsor: 'Chief Officer, Housing Options',
    manager: 'Kerry Walsh, Housing Options Systems Officer',
    status: 'cancelled',
    priority: 'Housing growth',
    startYear: '2023/24',
    costs: [
      { year: '2023/24', kind: 'planned', category: 'capital', amount: '120000.00', description: 'Case management system' },
      { year: '2023/24', kind: 'planned', category: 'services', amount: '40000.00', description: 'Configuration and data migration' },
      { year: '2024/25', kind: 'planned', category: 'licences', amount: '30000.00', description: 'Subscription' },
      { year: '2023/24', kind: 'actual', category: 'services', amount: '16800.00', description: 'Outline design and market engagement', reference: 'PO-4500266' },
    ],
    benefits: [
      {
        ref: 'B1', title: 'Caseworker time saved on homelessness duties', type: 'non_cashable', category: 'Staff time', status: 'withdrawn', confidence: '0.6',
        // Withdrawn with the project: its profile was cleared, so it no longer counts as expected.
        description: 'Withdrawn when the project was cancelled; the outline design expected £45,000 in 2024/25 and £60,000 a year after.',
        owner: 'Chief Officer, Housing Options',
      },
      {
        ref: 'B2', title: 'Faster H-CLIC statutory returns', type: 'qualitative', category: 'Statutory reporting', status: 'withdrawn',
        owner: 'Chief Officer, Housing Options', measure: 'Days to prepare the quarterly H-CLIC return', baseline: '9', target: '2', unit: 'days',
      },
    ],
  },
];

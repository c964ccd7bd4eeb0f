/** Demo portfolio: Adults and Health. Figures are illustrative, not any real council's. */
import type { DemoProject } from './demo-data-types';

const FINANCE = 'Marcus Reid, Finance Business Partner (Adults)';
const PERFORMANCE = 'Aisha Khan, Adults Performance Manager';

export const AH_PROJECTS: DemoProject[] = [
  {
    // Red: take-up of online assessments has lagged well behind the business case.
    code: 'AH-001',
    name: 'Adult social care client portal',
    directorateCode: 'AH',
    description:
      'An online front door for adult social care: self-assessment, online financial assessment with a care charge calculator, and a secure portal where clients and carers can see their care plan and statements.',
    sponsor: 'Director of Adults and Health',
    manager: 'Joanna Whitfield, Digital Programme Manager',
    status: 'live',
    priority: 'Health and wellbeing',
    startYear: '2022/23',
    optimismBias: '0.2',
    costs: [
      { year: '2022/23', kind: 'planned', category: 'capital', amount: '240000.00', description: 'Portal build and integration with the adults case system', reference: 'CAP-2022-044' },
      { year: '2022/23', kind: 'planned', category: 'services', amount: '60000.00', description: 'User research and accessibility audit' },
      { year: '2023/24', kind: 'planned', category: 'capital', amount: '180000.00', description: 'Financial assessment module', reference: 'CAP-2022-044' },
      { year: '2023/24', kind: 'planned', category: 'revenue_one_off', amount: '40000.00', description: 'Launch communications and assisted digital support' },
      { year: '2024/25', kind: 'planned', category: 'licences', amount: '55000.00', description: 'Portal subscription' },
      { year: '2025/26', kind: 'planned', category: 'licences', amount: '57000.00', description: 'Portal subscription' },
      { year: '2026/27', kind: 'planned', category: 'licences', amount: '58000.00', description: 'Portal subscription' },
      { year: '2027/28', kind: 'planned', category: 'licences', amount: '60000.00', description: 'Portal subscription' },
      { year: '2022/23', kind: 'actual', category: 'capital', amount: '252000.00', description: 'Portal build', reference: 'PO-4500144' },
      { year: '2022/23', kind: 'actual', category: 'services', amount: '71500.00', description: 'User research; second accessibility audit after fixes' },
      { year: '2023/24', kind: 'actual', category: 'capital', amount: '236400.00', description: 'Financial assessment module: charging rules rework after Care Act guidance change', reference: 'PO-4500144' },
      { year: '2023/24', kind: 'actual', category: 'revenue_one_off', amount: '39800.00', description: 'Launch and assisted digital support' },
      { year: '2024/25', kind: 'actual', category: 'licences', amount: '55000.00', description: 'Portal subscription', reference: 'PO-4500352' },
      { year: '2025/26', kind: 'actual', category: 'licences', amount: '57000.00', description: 'Portal subscription', reference: 'PO-4500630' },
      { year: '2026/27', kind: 'actual', category: 'licences', amount: '58000.00', description: 'Portal subscription', reference: 'PO-4500888' },
    ],
    benefits: [
      {
        ref: 'B1', title: 'Officer time saved by online financial assessments', type: 'non_cashable', category: 'Staff time', status: 'at_risk', confidence: '0.7',
        owner: 'Head of Client Financial Services', measure: 'Financial assessments completed online', baseline: '0%', target: '60%', unit: '% of assessments',
        serviceFeature: 'Online financial assessment with instant charge estimate',
        enablingActivities: 'Promote the online route at first contact; assisted digital sessions in libraries',
        profile: { '2023/24': '40000.00', '2024/25': '95000.00', '2025/26': '110000.00', '2026/27': '110000.00' },
        realisations: [
          { year: '2023/24', amount: '31000.00', evidence: 'Portal analytics and officer timesheet sample', recordedBy: PERFORMANCE, recordedOn: '2024-05-02' },
          { year: '2024/25', amount: '58000.00', evidence: 'Portal analytics: 31% of assessments online', recordedBy: PERFORMANCE, recordedOn: '2025-05-08' },
          { year: '2025/26', amount: '64000.00', evidence: 'Portal analytics: 35% of assessments online', recordedBy: PERFORMANCE, recordedOn: '2026-05-07' },
          { year: '2026/27', amount: '30000.00', evidence: 'Portal analytics, Q1–Q2 2026/27', recordedBy: PERFORMANCE, recordedOn: '2026-10-21' },
        ],
      },
      {
        ref: 'B2', title: 'Reduced postage and printing', type: 'cashable', category: 'Printing and postage', status: 'realising', confidence: '0.9',
        owner: 'Head of Client Financial Services',
        profile: { '2023/24': '12000.00', '2024/25': '18000.00', '2025/26': '18000.00', '2026/27': '18000.00' },
        realisations: [
          { year: '2023/24', amount: '9000.00', evidence: 'Print room recharge report', recordedBy: FINANCE, recordedOn: '2024-04-23' },
          { year: '2024/25', amount: '15000.00', evidence: 'Print room recharge report', recordedBy: FINANCE, recordedOn: '2025-04-22' },
          { year: '2025/26', amount: '16000.00', evidence: 'Print room recharge report', recordedBy: FINANCE, recordedOn: '2026-04-21' },
          { year: '2026/27', amount: '8000.00', evidence: 'Print room recharge report, Q1–Q2', recordedBy: FINANCE, recordedOn: '2026-10-19' },
        ],
      },
      {
        ref: 'B3', title: 'Resident satisfaction with the online assessment', type: 'qualitative', category: 'Resident experience', status: 'realising',
        owner: 'Head of Adult Social Care Front Door', measure: 'Users satisfied or very satisfied (exit survey)', baseline: 'No online service', target: '80%', unit: '% satisfied',
        realisations: [
          { year: '2024/25', value: '71%', evidence: 'Portal exit survey, 1,240 responses', recordedBy: PERFORMANCE, recordedOn: '2025-04-29' },
          { year: '2025/26', value: '76%', evidence: 'Portal exit survey, 1,610 responses', recordedBy: PERFORMANCE, recordedOn: '2026-04-28' },
        ],
      },
    ],
  },
  {
    // Amber: digital telecare is helping people stay at home, but less than modelled.
    code: 'AH-002',
    name: 'Digital telecare and care technology',
    directorateCode: 'AH',
    description:
      'Moves 9,000 telecare users from analogue to digital alarms ahead of the national switch-off, and adds sensor-based care technology that alerts carers to falls and changes in daily routine.',
    sponsor: 'Director of Adults and Health',
    manager: 'Ravi Chauhan, Care Technology Programme Lead',
    status: 'in_delivery',
    priority: 'Age-friendly',
    startYear: '2023/24',
    optimismBias: '0.3',
    costs: [
      { year: '2023/24', kind: 'planned', category: 'hardware', amount: '420000.00', description: 'Digital alarm units (first 5,000)', reference: 'CAP-2023-012' },
      { year: '2023/24', kind: 'planned', category: 'services', amount: '90000.00', description: 'Installation and swap-out visits' },
      { year: '2024/25', kind: 'planned', category: 'hardware', amount: '380000.00', description: 'Digital alarms (remaining 4,000) and sensors', reference: 'CAP-2023-012' },
      { year: '2024/25', kind: 'planned', category: 'services', amount: '60000.00', description: 'Installation visits' },
      { year: '2025/26', kind: 'planned', category: 'revenue_recurring', amount: '140000.00', description: 'Monitoring platform and SIM connectivity' },
      { year: '2026/27', kind: 'planned', category: 'revenue_recurring', amount: '145000.00', description: 'Monitoring platform and SIM connectivity' },
      { year: '2027/28', kind: 'planned', category: 'revenue_recurring', amount: '150000.00', description: 'Monitoring platform and SIM connectivity' },
      { year: '2023/24', kind: 'actual', category: 'hardware', amount: '398000.00', description: 'Digital alarm units', reference: 'PO-4500260' },
      { year: '2023/24', kind: 'actual', category: 'services', amount: '88500.00', description: 'Installation visits' },
      { year: '2024/25', kind: 'actual', category: 'hardware', amount: '402600.00', description: 'Digital alarms and sensors; component price rise', reference: 'PO-4500260' },
      { year: '2024/25', kind: 'actual', category: 'services', amount: '71000.00', description: 'Installation visits, including revisits for failed swaps' },
      { year: '2025/26', kind: 'actual', category: 'revenue_recurring', amount: '139200.00', description: 'Monitoring platform and connectivity', reference: 'PO-4500581' },
      { year: '2026/27', kind: 'actual', category: 'revenue_recurring', amount: '72000.00', description: 'Monitoring platform and connectivity, H1', reference: 'PO-4500581' },
    ],
    benefits: [
      {
        ref: 'B1', title: 'Avoided or delayed residential care placements', type: 'non_cashable', category: 'Cost avoidance', status: 'realising', confidence: '0.5',
        owner: 'Head of Commissioning (Older People)', measure: 'Permanent admissions to residential care, aged 65+', baseline: '640 per 100,000', target: '560 per 100,000', unit: 'per 100,000 a year',
        serviceFeature: 'Sensor alerts that flag a change in routine before a crisis',
        enablingActivities: 'Care technology offered at every review; reablement team trained to prescribe it',
        profile: { '2024/25': '150000.00', '2025/26': '400000.00', '2026/27': '450000.00', '2027/28': '450000.00' },
        realisations: [
          { year: '2024/25', amount: '160000.00', evidence: 'Placement panel records: 11 admissions delayed, at average weekly cost', recordedBy: PERFORMANCE, recordedOn: '2025-05-15' },
          { year: '2025/26', amount: '372000.00', evidence: 'Placement panel records: 26 admissions delayed', recordedBy: PERFORMANCE, recordedOn: '2026-05-14' },
          { year: '2026/27', amount: '240000.00', evidence: 'Placement panel records, Q1–Q2', recordedBy: PERFORMANCE, recordedOn: '2026-10-28' },
        ],
      },
      {
        ref: 'B2', title: 'Fewer overnight responder call-outs', type: 'cashable', category: 'Contract savings', status: 'realising', confidence: '0.8',
        owner: 'Telecare Service Manager', measure: 'Responder call-outs per month', baseline: '1,150', target: '850', unit: 'call-outs per month',
        profile: { '2024/25': '30000.00', '2025/26': '60000.00', '2026/27': '60000.00' },
        realisations: [
          { year: '2024/25', amount: '28000.00', evidence: 'Responder contract invoices', recordedBy: FINANCE, recordedOn: '2025-04-30' },
          { year: '2025/26', amount: '58000.00', evidence: 'Responder contract invoices', recordedBy: FINANCE, recordedOn: '2026-04-29' },
          { year: '2026/27', amount: '31000.00', evidence: 'Responder contract invoices, April–September', recordedBy: FINANCE, recordedOn: '2026-10-16' },
        ],
      },
      {
        ref: 'B3', title: 'Clients who feel safe at home', type: 'qualitative', category: 'Wellbeing', status: 'realising',
        owner: 'Telecare Service Manager', measure: 'Telecare clients who say they feel safe at home', baseline: '78%', target: '88%', unit: '% of clients',
        realisations: [{ year: '2025/26', value: '83%', evidence: 'Annual telecare client survey, 2,050 responses', recordedBy: PERFORMANCE, recordedOn: '2026-03-27' }],
      },
    ],
  },
  {
    // Green and closed.
    code: 'AH-003',
    name: 'Care provider e-invoicing and payments',
    directorateCode: 'AH',
    description: 'Care providers submit invoices through a portal that matches them to planned care automatically, replacing manual matching of paper and emailed invoices.',
    sponsor: 'Chief Officer, Finance and Commissioning (Adults)',
    manager: 'Linda Moss, Systems Accountant',
    status: 'closed',
    priority: 'Health and wellbeing',
    startYear: '2021/22',
    costs: [
      { year: '2021/22', kind: 'planned', category: 'capital', amount: '150000.00', description: 'Provider portal and matching engine', reference: 'CAP-2021-015' },
      { year: '2021/22', kind: 'planned', category: 'services', amount: '40000.00', description: 'Provider onboarding' },
      { year: '2022/23', kind: 'planned', category: 'capital', amount: '60000.00', description: 'Payments integration with the finance system', reference: 'CAP-2021-015' },
      { year: '2022/23', kind: 'planned', category: 'revenue_recurring', amount: '25000.00', description: 'Portal support' },
      { year: '2021/22', kind: 'actual', category: 'capital', amount: '139000.00', description: 'Provider portal', reference: 'PO-4500031' },
      { year: '2021/22', kind: 'actual', category: 'services', amount: '38500.00', description: 'Provider onboarding' },
      { year: '2022/23', kind: 'actual', category: 'capital', amount: '58100.00', description: 'Payments integration', reference: 'PO-4500031' },
      { year: '2022/23', kind: 'actual', category: 'revenue_recurring', amount: '24600.00', description: 'Portal support' },
    ],
    benefits: [
      {
        ref: 'B1', title: 'Fewer provider overpayments', type: 'cashable', category: 'Payment accuracy', status: 'realised', confidence: '0.85',
        owner: 'Chief Officer, Finance and Commissioning (Adults)', measure: 'Overpayments to care providers', baseline: '£410,000 a year', target: '£290,000 a year', unit: '£ per year',
        serviceFeature: 'Automatic matching of invoices to commissioned care',
        enablingActivities: 'Onboard all 180 providers; stop accepting paper invoices',
        profile: { '2022/23': '80000.00', '2023/24': '120000.00', '2024/25': '120000.00', '2025/26': '120000.00' },
        realisations: [
          { year: '2022/23', amount: '86000.00', evidence: 'Internal audit report on provider payments', recordedBy: FINANCE, recordedOn: '2023-06-12' },
          { year: '2023/24', amount: '124000.00', evidence: 'Overpayment recovery ledger', recordedBy: FINANCE, recordedOn: '2024-05-21' },
          { year: '2024/25', amount: '118000.00', evidence: 'Overpayment recovery ledger', recordedBy: FINANCE, recordedOn: '2025-05-20' },
          { year: '2025/26', amount: '121000.00', evidence: 'Overpayment recovery ledger', recordedBy: FINANCE, recordedOn: '2026-05-19' },
        ],
      },
      {
        ref: 'B2', title: 'Finance officer time on invoice matching', type: 'non_cashable', category: 'Staff time', status: 'realised',
        owner: 'Head of Payments', measure: 'FTE on manual invoice matching', baseline: '6.0', target: '4.5', unit: 'FTE',
        profile: { '2022/23': '30000.00', '2023/24': '45000.00', '2024/25': '45000.00' },
        realisations: [
          { year: '2022/23', amount: '30000.00', evidence: 'Establishment report: vacant post deleted', recordedBy: FINANCE, recordedOn: '2023-04-28' },
          { year: '2023/24', amount: '45000.00', evidence: 'Establishment report', recordedBy: FINANCE, recordedOn: '2024-04-26' },
          { year: '2024/25', amount: '43000.00', evidence: 'Establishment report', recordedBy: FINANCE, recordedOn: '2025-04-25' },
        ],
      },
    ],
  },
  {
    // Approved: mobilising, so only planned figures and a first invoice.
    code: 'AH-004',
    name: 'Shared care record integration with the NHS',
    directorateCode: 'AH',
    description: "Connects the adults case management system to the integrated care board's shared care record, so social workers and NHS staff see the same up-to-date information at hospital discharge.",
    sponsor: 'Director of Adults and Health',
    manager: 'Oliver Grant, Integration Project Manager',
    status: 'approved',
    priority: 'Health and wellbeing',
    startYear: '2026/27',
    optimismBias: '0.66',
    costs: [
      { year: '2026/27', kind: 'planned', category: 'services', amount: '120000.00', description: 'Integration design and information governance', reference: 'PO-4500915' },
      { year: '2026/27', kind: 'planned', category: 'staff', amount: '60000.00', description: 'Practitioner lead (secondment)' },
      { year: '2027/28', kind: 'planned', category: 'capital', amount: '310000.00', description: 'Integration build and testing', reference: 'CAP-2026-021' },
      { year: '2027/28', kind: 'planned', category: 'services', amount: '80000.00', description: 'Clinical safety assurance' },
      { year: '2028/29', kind: 'planned', category: 'licences', amount: '45000.00', description: 'Integration engine licence' },
      { year: '2029/30', kind: 'planned', category: 'licences', amount: '46000.00', description: 'Integration engine licence' },
      { year: '2026/27', kind: 'actual', category: 'services', amount: '18400.00', description: 'Discovery sprint', reference: 'PO-4500915' },
    ],
    benefits: [
      {
        ref: 'B1', title: 'Practitioner time saved looking up health information', type: 'non_cashable', category: 'Staff time', status: 'planned', confidence: '0.6',
        owner: 'Head of Hospital Social Work', measure: 'Phone calls to wards per discharge', baseline: '3.2', target: '1.0', unit: 'calls per discharge',
        profile: { '2027/28': '70000.00', '2028/29': '140000.00', '2029/30': '140000.00' },
      },
      {
        ref: 'B2', title: 'Fewer discharges delayed by missing information', type: 'qualitative', category: 'Outcomes', status: 'planned',
        owner: 'Head of Hospital Social Work', measure: 'Discharges delayed for want of social care information', baseline: '14', target: '5', unit: 'per month',
        serviceFeature: 'Shared care record visible from the social care case',
        enablingActivities: 'Data sharing agreement with the ICB; role-based access training',
      },
    ],
  },
];

/** Demo portfolio: Resources, part 2 (security and customer access). Figures are illustrative, not any real council's. */
import type { DemoProject } from './demo-data-types';

const FINANCE = 'Sarah Quinn, Finance Business Partner (Resources)';
const DIGITAL = 'Mark Ellison, Head of Digital Strategy and Benefits';
const REVENUES = 'Angela Price, Revenues and Benefits Performance Officer';

export const RES_PROJECTS_2: DemoProject[] = [
  {
    // Green: tooling consolidated as planned.
    code: 'RES-004',
    name: 'Cyber security uplift',
    directorateCode: 'RES',
    description: 'A 24/7 managed detection and response service, consolidated endpoint protection, immutable backups and phishing-resistant multi-factor authentication, following the Cyber Assessment Framework.',
    sponsor: 'Chief Digital and Information Officer',
    manager: 'Natalie Shaw, Information Security Manager',
    status: 'live',
    priority: 'Well-run council',
    startYear: '2024/25',
    optimismBias: '0.2',
    costs: [
      { year: '2024/25', kind: 'planned', category: 'services', amount: '180000.00', description: 'Managed detection and response onboarding', reference: 'PO-4500377' },
      { year: '2024/25', kind: 'planned', category: 'licences', amount: '210000.00', description: 'Endpoint, identity and backup licences' },
      { year: '2024/25', kind: 'planned', category: 'staff', amount: '90000.00', description: 'Security engineer (fixed term)' },
      { year: '2025/26', kind: 'planned', category: 'licences', amount: '215000.00', description: 'Security licences' },
      { year: '2025/26', kind: 'planned', category: 'services', amount: '60000.00', description: 'Penetration testing and incident exercise' },
      { year: '2026/27', kind: 'planned', category: 'licences', amount: '220000.00', description: 'Security licences' },
      { year: '2027/28', kind: 'planned', category: 'licences', amount: '225000.00', description: 'Security licences' },
      { year: '2028/29', kind: 'planned', category: 'licences', amount: '230000.00', description: 'Security licences' },
      { year: '2029/30', kind: 'planned', category: 'licences', amount: '235000.00', description: 'Security licences' },
      { year: '2024/25', kind: 'actual', category: 'services', amount: '174000.00', description: 'Managed detection and response onboarding', reference: 'PO-4500377' },
      { year: '2024/25', kind: 'actual', category: 'licences', amount: '210000.00', description: 'Security licences', reference: 'PO-4500378' },
      { year: '2024/25', kind: 'actual', category: 'staff', amount: '84000.00', description: 'Security engineer' },
      { year: '2025/26', kind: 'actual', category: 'licences', amount: '215000.00', description: 'Security licences', reference: 'PO-4500620' },
      { year: '2025/26', kind: 'actual', category: 'services', amount: '79800.00', description: 'Penetration testing, incident exercise and retest' },
      { year: '2026/27', kind: 'actual', category: 'licences', amount: '220000.00', description: 'Security licences', reference: 'PO-4500866' },
    ],
    benefits: [
      {
        ref: 'B1', title: 'Three security tools consolidated into one platform', type: 'cashable', category: 'Licence consolidation', status: 'realised', confidence: '0.9',
        owner: 'Information Security Manager', measure: 'Annual spend on the three retired tools', baseline: '£95,000', target: '£0', unit: '£ per year',
        profile: { '2025/26': '90000.00', '2026/27': '95000.00', '2027/28': '95000.00', '2028/29': '95000.00', '2029/30': '95000.00' },
        realisations: [
          { year: '2025/26', amount: '90000.00', evidence: 'Contract variation letter and ledger extract', recordedBy: FINANCE, recordedOn: '2026-04-16' },
          { year: '2026/27', amount: '95000.00', evidence: '2026/27 budget book', recordedBy: FINANCE, recordedOn: '2026-05-07' },
        ],
      },
      {
        ref: 'B2', title: 'Less staff time responding to incidents', type: 'non_cashable', category: 'Staff time', status: 'realising', confidence: '0.7',
        owner: 'Head of IT Service Delivery', measure: 'Hours spent on security incidents', baseline: '2,600', target: '1,400', unit: 'hours per year',
        serviceFeature: '24/7 managed detection and automated containment',
        enablingActivities: 'Agree response playbooks with the provider; run an annual incident exercise',
        profile: { '2025/26': '40000.00', '2026/27': '40000.00', '2027/28': '40000.00', '2028/29': '40000.00', '2029/30': '40000.00' },
        realisations: [
          { year: '2025/26', amount: '38000.00', evidence: 'Service desk incident records', recordedBy: DIGITAL, recordedOn: '2026-04-21' },
          { year: '2026/27', amount: '18000.00', evidence: 'Service desk incident records, Q1–Q2', recordedBy: DIGITAL, recordedOn: '2026-10-16' },
        ],
      },
      {
        ref: 'B3', title: 'Cyber Assessment Framework outcomes achieved', type: 'qualitative', category: 'Resilience', status: 'realising', confidence: '0.9',
        owner: 'Senior Information Risk Owner', measure: 'Cyber Assessment Framework contributing outcomes achieved', baseline: '22 of 39', target: '35 of 39', unit: 'outcomes',
        realisations: [
          { year: '2025/26', value: '29 of 39', evidence: 'Independent CAF assessment, January 2026', recordedBy: DIGITAL, recordedOn: '2026-02-03' },
          { year: '2026/27', value: '33 of 39', evidence: 'Self-assessment reviewed by internal audit, October 2026', recordedBy: DIGITAL, recordedOn: '2026-11-02' },
        ],
      },
      {
        ref: 'B4', title: 'Lower expected cost of a major cyber incident', type: 'non_cashable', category: 'Risk reduction', status: 'realising', confidence: '0.5',
        description: 'Annual loss expectancy: the assessed yearly likelihood of a major ransomware incident falls from 10% to 4%, against an estimated £10m cost of recovery and disruption.',
        owner: 'Senior Information Risk Owner',
        profile: { '2025/26': '500000.00', '2026/27': '600000.00', '2027/28': '600000.00', '2028/29': '600000.00', '2029/30': '600000.00' },
        realisations: [
          { year: '2025/26', amount: '480000.00', evidence: 'Annual loss expectancy re-assessed after the independent CAF assessment, January 2026', recordedBy: DIGITAL, recordedOn: '2026-02-03' },
          { year: '2026/27', amount: '560000.00', evidence: 'Annual loss expectancy re-assessed with internal audit, October 2026', recordedBy: DIGITAL, recordedOn: '2026-11-02' },
        ],
      },
    ],
  },
  {
    // Approved: contract signed, implementation starting.
    code: 'RES-005',
    name: 'Contact centre and CRM replacement',
    directorateCode: 'RES',
    description: 'A cloud contact centre and customer relationship management platform with web chat, call-back and a single customer account, replacing an end-of-life telephony platform and three CRMs.',
    sponsor: 'Chief Officer, Customer Access',
    manager: 'Hannah Lowe, Customer Programme Manager',
    status: 'approved',
    priority: 'Well-run council',
    startYear: '2026/27',
    optimismBias: '0.4',
    costs: [
      { year: '2026/27', kind: 'planned', category: 'capital', amount: '280000.00', description: 'Platform implementation (phase 1)', reference: 'CAP-2026-006' },
      { year: '2026/27', kind: 'planned', category: 'services', amount: '90000.00', description: 'Service design' },
      { year: '2027/28', kind: 'planned', category: 'capital', amount: '340000.00', description: 'Platform implementation (phase 2)', reference: 'CAP-2026-006' },
      { year: '2027/28', kind: 'planned', category: 'staff', amount: '110000.00', description: 'Customer service backfill for training' },
      { year: '2028/29', kind: 'planned', category: 'licences', amount: '160000.00', description: 'Subscription' },
      { year: '2029/30', kind: 'planned', category: 'licences', amount: '165000.00', description: 'Subscription' },
      { year: '2030/31', kind: 'planned', category: 'licences', amount: '170000.00', description: 'Subscription' },
      { year: '2031/32', kind: 'planned', category: 'licences', amount: '175000.00', description: 'Subscription' },
      { year: '2026/27', kind: 'actual', category: 'services', amount: '42500.00', description: 'Service design to date', reference: 'PO-4500908' },
      { year: '2026/27', kind: 'actual', category: 'capital', amount: '61200.00', description: 'Implementation mobilisation', reference: 'PO-4500909' },
    ],
    benefits: [
      {
        ref: 'B1', title: 'Less agency spend in the contact centre', type: 'cashable', category: 'Agency spend', status: 'planned', confidence: '0.7',
        owner: 'Chief Officer, Customer Access', measure: 'Agency spend in the contact centre', baseline: '£420,000 a year', target: '£100,000 a year', unit: '£ per year',
        serviceFeature: 'Call-back and web chat smoothing peak demand',
        enablingActivities: 'Redesign the top 20 contact journeys; end the agency call-off contract',
        profile: { '2027/28': '150000.00', '2028/29': '320000.00', '2029/30': '320000.00', '2030/31': '320000.00', '2031/32': '320000.00' },
      },
      {
        ref: 'B2', title: 'Calls avoided through online self-service', type: 'non_cashable', category: 'Channel shift', status: 'planned', confidence: '0.6',
        description: 'About 300,000 calls a year moved online, valued at the cost of handling a call.',
        owner: 'Head of Digital Customer Services', measure: 'Calls a year', baseline: '1.3m', target: '1.0m', unit: 'calls per year',
        profile: { '2027/28': '150000.00', '2028/29': '500000.00', '2029/30': '500000.00', '2030/31': '500000.00', '2031/32': '500000.00' },
      },
      {
        ref: 'B3', title: 'Resident satisfaction with contact', type: 'qualitative', category: 'Resident experience', status: 'planned',
        owner: 'Chief Officer, Customer Access', measure: 'Callers satisfied with their contact (post-call survey)', baseline: '68%', target: '80%', unit: '% satisfied',
      },
      {
        ref: 'B4', title: 'End-of-life telephony platform and three CRMs retired', type: 'cashable', category: 'Contract savings', status: 'planned', confidence: '0.8',
        owner: 'Chief Officer, Customer Access',
        profile: { '2028/29': '280000.00', '2029/30': '280000.00', '2030/31': '280000.00', '2031/32': '280000.00' },
      },
    ],
  },
  {
    // Red: e-billing take-up well below the business case.
    code: 'RES-006',
    name: 'Council tax and benefits online',
    directorateCode: 'RES',
    description: 'Online accounts for council tax payers and benefit claimants: e-billing, direct debit set-up, moving home, discounts and change of circumstances, integrated with the revenues system.',
    sponsor: 'Chief Officer, Financial Services (Section 151 Officer)',
    manager: 'Simon Fairclough, Revenues Systems Manager',
    status: 'live',
    priority: 'Well-run council',
    startYear: '2022/23',
    costs: [
      { year: '2022/23', kind: 'planned', category: 'capital', amount: '160000.00', description: 'Online accounts and revenues integration', reference: 'CAP-2022-050' },
      { year: '2022/23', kind: 'planned', category: 'services', amount: '45000.00', description: 'Form design and testing' },
      { year: '2023/24', kind: 'planned', category: 'licences', amount: '38000.00', description: 'Portal licence' },
      { year: '2024/25', kind: 'planned', category: 'licences', amount: '38000.00', description: 'Portal licence' },
      { year: '2025/26', kind: 'planned', category: 'licences', amount: '39000.00', description: 'Portal licence' },
      { year: '2026/27', kind: 'planned', category: 'licences', amount: '40000.00', description: 'Portal licence' },
      { year: '2027/28', kind: 'planned', category: 'licences', amount: '41000.00', description: 'Portal licence' },
      { year: '2028/29', kind: 'planned', category: 'licences', amount: '42000.00', description: 'Portal licence' },
      { year: '2022/23', kind: 'actual', category: 'capital', amount: '171300.00', description: 'Online accounts and revenues integration', reference: 'PO-4500201' },
      { year: '2022/23', kind: 'actual', category: 'services', amount: '52900.00', description: 'Form design and testing' },
      { year: '2023/24', kind: 'actual', category: 'licences', amount: '38000.00', description: 'Portal licence' },
      { year: '2024/25', kind: 'actual', category: 'licences', amount: '38000.00', description: 'Portal licence' },
      { year: '2025/26', kind: 'actual', category: 'licences', amount: '39000.00', description: 'Portal licence' },
      { year: '2026/27', kind: 'actual', category: 'licences', amount: '40000.00', description: 'Portal licence' },
    ],
    benefits: [
      {
        ref: 'B1', title: 'Lower print and postage costs through e-billing', type: 'cashable', category: 'Printing and postage', status: 'at_risk', confidence: '0.75',
        owner: 'Head of Revenues', measure: 'Council tax accounts on e-billing', baseline: '3%', target: '40%', unit: '% of accounts',
        serviceFeature: 'Paperless bills and reminders',
        enablingActivities: 'Promote e-billing on every bill; default new accounts to paperless',
        profile: { '2023/24': '60000.00', '2024/25': '85000.00', '2025/26': '95000.00', '2026/27': '95000.00', '2027/28': '95000.00', '2028/29': '95000.00' },
        realisations: [
          { year: '2023/24', amount: '48000.00', evidence: 'Print contract invoices', recordedBy: REVENUES, recordedOn: '2024-05-07' },
          { year: '2024/25', amount: '56000.00', evidence: 'Print contract invoices', recordedBy: REVENUES, recordedOn: '2025-05-06' },
          { year: '2025/26', amount: '61000.00', evidence: 'Print contract invoices', recordedBy: REVENUES, recordedOn: '2026-05-05' },
          { year: '2026/27', amount: '35000.00', evidence: 'Annual billing run print invoice, March 2026 bills', recordedBy: REVENUES, recordedOn: '2026-06-10' },
        ],
      },
      {
        ref: 'B2', title: 'Revenues officer time on changes of circumstance', type: 'non_cashable', category: 'Staff time', status: 'realising', confidence: '0.7',
        owner: 'Head of Revenues', measure: 'Changes of circumstance reported online', baseline: '10%', target: '70%', unit: '% of changes',
        profile: { '2023/24': '50000.00', '2024/25': '90000.00', '2025/26': '90000.00', '2026/27': '90000.00', '2027/28': '90000.00', '2028/29': '90000.00' },
        realisations: [
          { year: '2023/24', amount: '44000.00', evidence: 'Revenues workflow statistics', recordedBy: REVENUES, recordedOn: '2024-05-14' },
          { year: '2024/25', amount: '63000.00', evidence: 'Revenues workflow statistics', recordedBy: REVENUES, recordedOn: '2025-05-13' },
          { year: '2025/26', amount: '60000.00', evidence: 'Revenues workflow statistics', recordedBy: REVENUES, recordedOn: '2026-05-12' },
          { year: '2026/27', amount: '28000.00', evidence: 'Revenues workflow statistics, Q1–Q2', recordedBy: REVENUES, recordedOn: '2026-10-14' },
        ],
      },
      {
        ref: 'B3', title: 'Council tax collected in year', type: 'qualitative', category: 'Income', status: 'realising',
        owner: 'Head of Revenues', measure: 'In-year council tax collection rate', baseline: '95.1%', target: '96.0%', unit: '% collected',
        realisations: [
          { year: '2024/25', value: '95.4%', evidence: 'QRC4 return 2024/25', recordedBy: DIGITAL, recordedOn: '2025-04-25' },
          { year: '2025/26', value: '95.6%', evidence: 'QRC4 return 2025/26', recordedBy: DIGITAL, recordedOn: '2026-04-24' },
        ],
      },
    ],
  },
];

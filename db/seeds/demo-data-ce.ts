/** Demo portfolio: Communities and Environment. Figures are illustrative, not any real council's. */
import type { DemoProject } from './demo-data-types';

const FINANCE = 'Paul Whitaker, Finance Business Partner (Communities)';
const PERFORMANCE = 'Grace Mensah, Service Improvement Officer';

export const CE_PROJECTS: DemoProject[] = [
  {
    // Green: two rounds taken out as planned.
    code: 'CE-001',
    name: 'Waste collection route optimisation and in-cab technology',
    directorateCode: 'CE',
    description:
      'Optimises bin collection rounds and fits in-cab tablets to all 96 refuse vehicles, so crews see live job lists, report blocked access and contamination with photos, and residents get accurate missed-bin updates.',
    sponsor: 'Director of Communities and Environment',
    manager: 'Lee Harrison, Waste Transformation Manager',
    status: 'live',
    priority: 'Zero carbon',
    startYear: '2023/24',
    optimismBias: '0.15',
    costs: [
      { year: '2023/24', kind: 'planned', category: 'capital', amount: '310000.00', description: 'Route optimisation and in-cab software', reference: 'CAP-2023-008' },
      { year: '2023/24', kind: 'planned', category: 'hardware', amount: '240000.00', description: 'In-cab tablets, cameras and mounts', reference: 'CAP-2023-008' },
      { year: '2023/24', kind: 'planned', category: 'services', amount: '55000.00', description: 'Route modelling and crew engagement' },
      { year: '2024/25', kind: 'planned', category: 'licences', amount: '88000.00', description: 'Subscription' },
      { year: '2024/25', kind: 'planned', category: 'staff', amount: '40000.00', description: 'Round supervisor backfill during changeover' },
      { year: '2025/26', kind: 'planned', category: 'licences', amount: '90000.00', description: 'Subscription' },
      { year: '2026/27', kind: 'planned', category: 'licences', amount: '92000.00', description: 'Subscription' },
      { year: '2027/28', kind: 'planned', category: 'licences', amount: '94000.00', description: 'Subscription' },
      { year: '2028/29', kind: 'planned', category: 'licences', amount: '96000.00', description: 'Subscription' },
      { year: '2029/30', kind: 'planned', category: 'licences', amount: '98000.00', description: 'Subscription' },
      { year: '2030/31', kind: 'planned', category: 'licences', amount: '100000.00', description: 'Subscription' },
      { year: '2031/32', kind: 'planned', category: 'licences', amount: '102000.00', description: 'Subscription' },
      { year: '2023/24', kind: 'actual', category: 'capital', amount: '305200.00', description: 'Route optimisation and in-cab software', reference: 'PO-4500271' },
      { year: '2023/24', kind: 'actual', category: 'hardware', amount: '262800.00', description: 'In-cab kit, including 12 replacement mounts', reference: 'PO-4500272' },
      { year: '2023/24', kind: 'actual', category: 'services', amount: '54100.00', description: 'Route modelling and crew engagement' },
      { year: '2024/25', kind: 'actual', category: 'licences', amount: '88000.00', description: 'Subscription', reference: 'PO-4500380' },
      { year: '2024/25', kind: 'actual', category: 'staff', amount: '36500.00', description: 'Supervisor backfill' },
      { year: '2025/26', kind: 'actual', category: 'licences', amount: '90000.00', description: 'Subscription', reference: 'PO-4500640' },
      { year: '2026/27', kind: 'actual', category: 'licences', amount: '92000.00', description: 'Subscription', reference: 'PO-4500893' },
    ],
    benefits: [
      {
        ref: 'B1', title: 'Two collection rounds removed (vehicles and crews)', type: 'cashable', category: 'Fleet and staffing', status: 'realised', confidence: '0.85',
        owner: 'Head of Waste Operations', measure: 'Collection rounds', baseline: '48', target: '46', unit: 'rounds',
        serviceFeature: 'Optimised, balanced rounds',
        enablingActivities: 'Consult on new collection days; redeploy crews through vacancies; return two leased vehicles',
        profile: { '2024/25': '220000.00', '2025/26': '440000.00', '2026/27': '440000.00', '2027/28': '440000.00', '2028/29': '440000.00', '2029/30': '440000.00', '2030/31': '440000.00', '2031/32': '440000.00' },
        realisations: [
          { year: '2024/25', amount: '220000.00', evidence: 'Fleet lease termination and establishment change, October 2024', recordedBy: FINANCE, recordedOn: '2025-04-17' },
          { year: '2025/26', amount: '440000.00', evidence: 'Finance ledger extract Q4 2025/26', recordedBy: FINANCE, recordedOn: '2026-04-23' },
          { year: '2026/27', amount: '440000.00', evidence: '2026/27 budget book: two rounds removed', recordedBy: FINANCE, recordedOn: '2026-05-06' },
        ],
      },
      {
        ref: 'B2', title: 'Fewer missed-bin contacts to handle', type: 'non_cashable', category: 'Staff time', status: 'realising', confidence: '0.8',
        owner: 'Head of Customer Contact',
        profile: { '2024/25': '25000.00', '2025/26': '50000.00', '2026/27': '50000.00', '2027/28': '50000.00', '2028/29': '50000.00', '2029/30': '50000.00', '2030/31': '50000.00', '2031/32': '50000.00' },
        realisations: [
          { year: '2024/25', amount: '27000.00', evidence: 'Contact centre call volumes, missed bins', recordedBy: PERFORMANCE, recordedOn: '2025-05-01' },
          { year: '2025/26', amount: '52000.00', evidence: 'Contact centre call volumes, missed bins', recordedBy: PERFORMANCE, recordedOn: '2026-04-30' },
          { year: '2026/27', amount: '24000.00', evidence: 'Contact centre call volumes, April–September', recordedBy: PERFORMANCE, recordedOn: '2026-10-13' },
        ],
      },
      {
        ref: 'B3', title: 'Fewer missed collections', type: 'qualitative', category: 'Resident experience', status: 'realised',
        owner: 'Head of Waste Operations', measure: 'Missed collections', baseline: '78', target: '40', unit: 'per 100,000 collections',
        realisations: [
          { year: '2024/25', value: '55', evidence: 'In-cab system report', recordedBy: PERFORMANCE, recordedOn: '2025-04-10' },
          { year: '2025/26', value: '41', evidence: 'In-cab system report', recordedBy: PERFORMANCE, recordedOn: '2026-04-09' },
          { year: '2026/27', value: '38', evidence: 'In-cab system report, H1', recordedBy: PERFORMANCE, recordedOn: '2026-10-08' },
        ],
      },
    ],
  },
  {
    // Amber and closed: counter hours came down more slowly than planned.
    code: 'CE-002',
    name: 'Libraries self-service and open access',
    directorateCode: 'CE',
    description: 'Self-service kiosks, RFID stock and smart-card door entry so 14 community libraries can open for longer with staff present only at core hours.',
    sponsor: 'Chief Officer, Culture and Economy',
    manager: 'Ruth Campbell, Libraries Development Manager',
    status: 'closed',
    priority: 'Inclusive growth',
    startYear: '2021/22',
    costs: [
      { year: '2021/22', kind: 'planned', category: 'hardware', amount: '190000.00', description: 'Kiosks, RFID pads and door entry', reference: 'CAP-2021-019' },
      { year: '2021/22', kind: 'planned', category: 'capital', amount: '85000.00', description: 'Building works and installation', reference: 'CAP-2021-019' },
      { year: '2022/23', kind: 'planned', category: 'revenue_recurring', amount: '30000.00', description: 'Support and maintenance' },
      { year: '2023/24', kind: 'planned', category: 'revenue_recurring', amount: '30000.00', description: 'Support and maintenance' },
      { year: '2021/22', kind: 'actual', category: 'hardware', amount: '176500.00', description: 'Kiosks, RFID and door entry', reference: 'PO-4500021' },
      { year: '2021/22', kind: 'actual', category: 'capital', amount: '91000.00', description: 'Building works, including an asbestos survey', reference: 'PO-4500022' },
      { year: '2022/23', kind: 'actual', category: 'revenue_recurring', amount: '30000.00', description: 'Support and maintenance' },
      { year: '2023/24', kind: 'actual', category: 'revenue_recurring', amount: '29400.00', description: 'Support and maintenance' },
    ],
    benefits: [
      {
        ref: 'B1', title: 'Fewer staffed counter hours', type: 'cashable', category: 'Staffing', status: 'realised', confidence: '0.8',
        owner: 'Chief Librarian', measure: 'Staffed hours a week across 14 libraries', baseline: '1,120', target: '840', unit: 'hours per week',
        serviceFeature: 'Open access outside staffed hours',
        enablingActivities: 'Staff consultation; community safety assessment for each site',
        profile: { '2022/23': '95000.00', '2023/24': '140000.00', '2024/25': '140000.00', '2025/26': '140000.00', '2026/27': '140000.00', '2027/28': '140000.00', '2028/29': '140000.00' },
        realisations: [
          { year: '2022/23', amount: '80000.00', evidence: 'Establishment report', recordedBy: FINANCE, recordedOn: '2023-05-03' },
          { year: '2023/24', amount: '118000.00', evidence: 'Establishment report', recordedBy: FINANCE, recordedOn: '2024-05-01' },
          { year: '2024/25', amount: '122000.00', evidence: 'Establishment report', recordedBy: FINANCE, recordedOn: '2025-04-30' },
          { year: '2025/26', amount: '122000.00', evidence: 'Establishment report', recordedBy: FINANCE, recordedOn: '2026-04-29' },
          { year: '2026/27', amount: '124000.00', evidence: 'Establishment report, October 2026', recordedBy: FINANCE, recordedOn: '2026-10-28' },
        ],
      },
      {
        ref: 'B2', title: 'More library visits', type: 'qualitative', category: 'Communities', status: 'realised',
        owner: 'Chief Librarian', measure: 'Physical visits to libraries', baseline: '1.9m', target: '2.2m', unit: 'visits per year',
        realisations: [
          { year: '2023/24', value: '2.05m', evidence: 'Door counter data', recordedBy: PERFORMANCE, recordedOn: '2024-04-12' },
          { year: '2024/25', value: '2.12m', evidence: 'Door counter data', recordedBy: PERFORMANCE, recordedOn: '2025-04-11' },
        ],
      },
    ],
  },
  {
    // Cancelled after discovery: a regional booking platform will be used instead.
    code: 'CE-003',
    name: 'Parks and green spaces online bookings and permits',
    directorateCode: 'CE',
    description: 'Online booking and payment for sports pitches, events and park permits. Cancelled after discovery when the council joined the regional leisure booking platform.',
    sponsor: 'Chief Officer, Climate, Energy and Green Spaces',
    manager: 'Chris Doyle, Parks Business Manager',
    status: 'cancelled',
    priority: 'Health and wellbeing',
    startYear: '2024/25',
    costs: [
      { year: '2024/25', kind: 'planned', category: 'capital', amount: '95000.00', description: 'Booking system' },
      { year: '2024/25', kind: 'planned', category: 'services', amount: '30000.00', description: 'Discovery and implementation support' },
      { year: '2025/26', kind: 'planned', category: 'licences', amount: '18000.00', description: 'Subscription' },
      { year: '2024/25', kind: 'actual', category: 'services', amount: '11200.00', description: 'Discovery (stopped at the end of alpha)', reference: 'PO-4500417' },
    ],
    benefits: [
      {
        ref: 'B1', title: 'Less admin time on bookings and permits', type: 'non_cashable', category: 'Staff time', status: 'withdrawn', confidence: '0.6',
        // Withdrawn with the project: its profile (£40,000 a year) was cleared, so it no longer counts as expected.
        description: 'Withdrawn when the project was cancelled; the outline business case expected £40,000 a year from 2025/26.',
        owner: 'Parks Business Manager',
      },
    ],
  },
  {
    // Approved: procurement under way.
    code: 'CE-004',
    name: 'Environmental health, licensing and trading standards system',
    directorateCode: 'CE',
    description: 'Replaces two end-of-life systems for food safety inspections, licensing and trading standards with one cloud system, with online licence applications and payments.',
    sponsor: 'Chief Officer, Safer Stronger Communities',
    manager: 'Yasmin Patel, Project Manager (Regulatory Services)',
    status: 'approved',
    priority: 'Health and wellbeing',
    startYear: '2026/27',
    optimismBias: '0.5',
    costs: [
      { year: '2026/27', kind: 'planned', category: 'services', amount: '85000.00', description: 'Procurement and business analysis' },
      { year: '2026/27', kind: 'planned', category: 'capital', amount: '140000.00', description: 'Implementation (first phase)', reference: 'CAP-2026-014' },
      { year: '2027/28', kind: 'planned', category: 'capital', amount: '210000.00', description: 'Implementation and data migration', reference: 'CAP-2026-014' },
      { year: '2027/28', kind: 'planned', category: 'staff', amount: '60000.00', description: 'Officer backfill for testing' },
      { year: '2028/29', kind: 'planned', category: 'licences', amount: '72000.00', description: 'Subscription' },
      { year: '2029/30', kind: 'planned', category: 'licences', amount: '74000.00', description: 'Subscription' },
      { year: '2030/31', kind: 'planned', category: 'licences', amount: '76000.00', description: 'Subscription' },
      { year: '2031/32', kind: 'planned', category: 'licences', amount: '78000.00', description: 'Subscription' },
      { year: '2026/27', kind: 'actual', category: 'services', amount: '24600.00', description: 'Business analysis to date', reference: 'PO-4500921' },
    ],
    benefits: [
      {
        ref: 'B1', title: 'Two legacy systems retired', type: 'cashable', category: 'Contract savings', status: 'planned', confidence: '0.8',
        owner: 'Head of Regulatory Services', measure: 'Annual legacy system costs', baseline: '£90,000', target: '£0', unit: '£ per year',
        profile: { '2027/28': '45000.00', '2028/29': '90000.00', '2029/30': '90000.00', '2030/31': '90000.00', '2031/32': '90000.00' },
      },
      {
        ref: 'B2', title: 'Licence applications made and paid for online', type: 'non_cashable', category: 'Staff time', status: 'planned', confidence: '0.6',
        owner: 'Licensing Manager', serviceFeature: 'Online applications with payment', enablingActivities: 'Redesign application forms; change the licensing policy to make online the default',
        profile: { '2027/28': '40000.00', '2028/29': '100000.00', '2029/30': '100000.00', '2030/31': '100000.00', '2031/32': '100000.00' },
      },
      {
        ref: 'B3', title: 'Licences issued within statutory time', type: 'qualitative', category: 'Statutory timeliness', status: 'planned',
        owner: 'Licensing Manager', measure: 'Licence applications decided within the statutory period', baseline: '64%', target: '90%', unit: '% of applications',
      },
      {
        ref: 'B4', title: 'Officer time saved by mobile inspections', type: 'non_cashable', category: 'Staff time', status: 'planned', confidence: '0.6',
        owner: 'Head of Regulatory Services',
        profile: { '2027/28': '60000.00', '2028/29': '220000.00', '2029/30': '220000.00', '2030/31': '220000.00', '2031/32': '220000.00' },
      },
      {
        ref: 'B5', title: 'Licence fee income no longer lost to lapsed licences', type: 'cashable', category: 'Income', status: 'planned', confidence: '0.6',
        owner: 'Licensing Manager',
        profile: { '2028/29': '80000.00', '2029/30': '80000.00', '2030/31': '80000.00', '2031/32': '80000.00' },
      },
    ],
  },
];

/**
 * The default Strategic ICT Effectiveness Assessment framework (issue 18), written for a UK
 * council's directorates after the Best Value Review of ICT that asked for one: seven dimensions,
 * each with statements a directorate's management team can score from 1 (ad hoc) to 5 (leading),
 * with evidence. Shipped as seed data; an administrator may edit it (making a new version once in use).
 */
import type { FrameworkInput } from '../validation/assessments.schema';

type L = [string, string, string, string, string];
const st = (code: string, text: string, levels: L) => ({ code, text, levels });

export const DEFAULT_FRAMEWORK: FrameworkInput = {
  code: 'ICT-EFFECTIVENESS',
  name: 'Strategic ICT Effectiveness Assessment',
  description:
    "A directorate-by-directorate review of how well ICT serves the council's priorities, from the Best Value Review of ICT. Score each statement from 1 to 5 against its level descriptors, with evidence; leave a statement unanswered where the directorate has no evidence either way.",
  dimensions: [
    {
      code: 'STRAT',
      name: 'Strategic alignment with council priorities',
      statements: [
        st('STRAT-1', "The directorate's service plan says how ICT will help deliver the council plan's priorities.", [
          'The service plan does not mention ICT, or only as a cost line.',
          'ICT appears in the service plan as a list of systems to replace, not linked to outcomes.',
          'The service plan links the main ICT changes to named council priorities.',
          'Each priority in the service plan that depends on ICT names the change, its owner and its measure.',
          'ICT is planned with the service from the start, and the plan is reviewed with the ICT service each year.',
        ]),
        st(
          'STRAT-2',
          'The directorate has a roadmap of ICT change for the next three years, agreed with the ICT service.',
          [
            'There is no roadmap; requests reach ICT one at a time.',
            'A wish list exists but has not been prioritised or costed.',
            'A prioritised, broadly costed roadmap is agreed with the ICT service.',
            'The roadmap is sequenced against contract end dates and funding, and reviewed each quarter.',
            "The roadmap is part of the council's single ICT portfolio and shapes the medium-term financial strategy.",
          ],
        ),
        st(
          'STRAT-3',
          'ICT decisions take account of corporate standards and shared platforms before buying new systems.',
          [
            'Systems are bought by teams without reference to corporate standards.',
            'Corporate standards are known but often waived.',
            'New purchases are checked against the technical architecture and existing platforms.',
            'Shared platforms are the default; exceptions are justified and recorded.',
            'The directorate helps shape the corporate platforms and reuses them first.',
          ],
        ),
        st('STRAT-4', 'The directorate leadership team owns its ICT priorities and reviews progress against them.', [
          'ICT is left to the ICT service; the leadership team does not discuss it.',
          'ICT is discussed only when something fails.',
          'The leadership team reviews ICT priorities at least twice a year.',
          'A named director sponsors ICT change and reports progress to the leadership team quarterly.',
          'ICT performance is a standing item with measures the leadership team acts on.',
        ]),
      ],
    },
    {
      code: 'GOV',
      name: 'Governance and investment decisions',
      statements: [
        st(
          'GOV-1',
          'Every ICT investment has a business case proportionate to its size, using the Green Book five-case model.',
          [
            'Investments are made without a written case.',
            'Cases exist for large projects only and describe costs, not benefits.',
            'A proportionate business case with costs, benefits and options is written for every investment.',
            'Cases include optimism bias, risk-adjusted benefits and whole-life costs, and are challenged by finance.',
            'Cases are consistently good enough to compare options across the portfolio, and lessons from past cases are applied.',
          ],
        ),
        st('GOV-2', 'Investment decisions are taken by a named board with clear delegations and recorded reasons.', [
          'It is unclear who decided to invest, or on what basis.',
          'Decisions are taken informally and recorded after the event.',
          'A named board decides against published delegations and minutes its reasons.',
          'The board sees the whole directorate portfolio when deciding, and refuses or defers weak cases.',
          'Decisions are reviewed after delivery and the board changes its criteria in the light of results.',
        ]),
        st(
          'GOV-3',
          'Projects report progress, cost and risk regularly, and the board intervenes when they go off track.',
          [
            'Progress is not reported until a project is late or overspent.',
            'Reports are irregular and describe activity rather than progress.',
            'Monthly highlight reports show RAG status, cost against budget and key risks.',
            'Tolerances are set; exceptions are escalated and acted on within a month.',
            'Reporting is from one portfolio system and forecasts are reliable enough to plan with.',
          ],
        ),
        st('GOV-4', "Contracts and suppliers for the directorate's systems are managed actively.", [
          'Contract end dates are discovered when a renewal invoice arrives.',
          'A contract list exists but is incomplete or out of date.',
          'A complete contract register shows end dates, costs and owners.',
          'Suppliers are reviewed against service levels; renewals start 12–18 months before the end date.',
          'Commercial options are tested at every renewal and savings are tracked.',
        ]),
      ],
    },
    {
      code: 'BEN',
      name: 'Benefits management',
      statements: [
        st('BEN-1', 'Each investment has a benefits profile with owners, measures, baselines and targets.', [
          'Benefits are stated as aspirations with no measures.',
          'Some benefits have measures, but no baselines or owners.',
          'Each benefit has an owner, a measure, a baseline and a target by year.',
          'Benefits are classed cashable, non-cashable or qualitative and agreed with finance before approval.',
          'Benefits profiles are held in the benefits register and reused to plan future investments.',
        ]),
        st('BEN-2', 'Realised benefits are measured and reported after projects close.', [
          'Nobody checks whether benefits were realised.',
          'Benefits are reported once, at project closure.',
          'Realisations are recorded each year against the profile, with evidence.',
          'Shortfalls are explained and recovery actions agreed; cashable savings are taken from budgets.',
          'Realisation is verified independently and reported to scrutiny alongside spend.',
        ]),
        st('BEN-3', 'Lessons from benefits reviews change how the directorate plans and delivers ICT.', [
          'There are no benefits reviews.',
          'Reviews happen but their findings are not used.',
          'Post-implementation reviews are held and lessons are recorded.',
          'Lessons are applied to new business cases and the roadmap.',
          'The directorate shares lessons across the council and can show benefits improving as a result.',
        ]),
      ],
    },
    {
      code: 'ENG',
      name: 'Business engagement with ICT',
      statements: [
        st(
          'ENG-1',
          'The directorate and the ICT service have a named relationship owner on each side who meet regularly.',
          [
            'There is no named contact; issues go through the service desk.',
            'Contacts are known but meet only when there is a problem.',
            'Named relationship owners meet at least monthly with an agreed agenda.',
            'The relationship meeting reviews service performance, demand and the roadmap together.',
            'The ICT business partner is part of the directorate management team.',
          ],
        ),
        st('ENG-2', 'Service users and front-line staff are involved in designing and testing new systems.', [
          'Systems are configured by ICT or the supplier without user input.',
          'Users see the system only at training.',
          'Representative users help write requirements and test before go-live.',
          'User research and usability testing shape the design; feedback is acted on after go-live.',
          'Residents and staff co-design services; digital inclusion needs are designed in from the start.',
        ]),
        st(
          'ENG-3',
          'The directorate understands what the ICT service provides, what it costs and how to ask for change.',
          [
            'The ICT service is seen as a black box.',
            'A service catalogue exists but is not used by the directorate.',
            'The directorate uses the service catalogue and the demand process for new requests.',
            'The directorate sees the cost of the services it consumes and uses it in planning.',
            'Demand is planned jointly and requests arrive as prioritised, costed proposals.',
          ],
        ),
        st('ENG-4', "Service levels for the directorate's critical systems are agreed, measured and met.", [
          'Critical systems are not identified.',
          'Critical systems are known but have no agreed service levels.',
          'Service levels are agreed for critical systems and reported monthly.',
          'Service levels are met consistently; business continuity plans are tested each year.',
          'Service levels reflect service outcomes (for example, time to safeguarding decision), not only uptime.',
        ]),
      ],
    },
    {
      code: 'DATA',
      name: 'Use of systems and data',
      statements: [
        st(
          'DATA-1',
          'Core line-of-business systems are used as designed, without duplicate spreadsheets or paper workarounds.',
          [
            'Much of the work happens outside the system, on paper or in spreadsheets.',
            'The system is used, but workarounds are common and tolerated.',
            'Workarounds are known, logged and being removed.',
            'The system is the single place of record; exceptions are rare and justified.',
            'Processes have been redesigned around the system and are reviewed as the system develops.',
          ],
        ),
        st('DATA-2', 'Data quality is owned, measured and improved.', [
          'Nobody owns data quality; reports are often disputed.',
          'Data is corrected by hand before statutory returns.',
          'Data owners are named and key quality measures are reported.',
          'Quality issues are fixed at source and statutory returns come straight from the system.',
          'High-quality data is trusted across partners and used for planning and prediction.',
        ]),
        st('DATA-3', 'Managers use performance information from systems to run the service.', [
          'Managers have no regular information from systems.',
          'Reports are produced by request and take days.',
          'Standard dashboards cover the main service measures.',
          'Managers use self-service reporting and act on trends.',
          'Data from several systems and partners is combined to target early help and prevention.',
        ]),
        st('DATA-4', 'Information is shared safely with partners where it improves outcomes for residents.', [
          'Sharing is ad hoc, by email, without agreements.',
          'Agreements exist for some partners but sharing is still manual.',
          'Information-sharing agreements and DPIAs cover the main partners; transfers are secure.',
          'Systems exchange data with partners automatically under agreed controls.',
          'Shared records give practitioners across agencies one view of the resident, with consent and audit.',
        ]),
        st('DATA-5', 'Information governance and cyber security duties are understood and met in the directorate.', [
          'Staff are unaware of their responsibilities; breaches go unreported.',
          'Mandatory training completion is below 80%.',
          'Training is above 95%; information asset owners and registers are in place.',
          'Risks to information assets are reviewed quarterly; incidents are learned from.',
          'The directorate meets the Data Security and Protection Toolkit and PSN standards without exceptions.',
        ]),
      ],
    },
    {
      code: 'SKILL',
      name: 'Skills and adoption',
      statements: [
        st('SKILL-1', 'Staff have the digital skills their roles need, and gaps are identified and addressed.', [
          'Skills are not assessed; many staff struggle with basic tools.',
          'Training is offered only at go-live of new systems.',
          'Role-based digital skills are defined and training needs assessed each year.',
          'Skills gaps close year on year; champions support colleagues in each team.',
          'Digital confidence is part of recruitment, induction and appraisal.',
        ]),
        st('SKILL-2', 'New systems and changes are adopted quickly, with measurable take-up.', [
          'Adoption is not measured; old ways continue alongside new systems.',
          'Take-up is measured only at go-live.',
          'Adoption targets are set and tracked for each change.',
          'Low take-up triggers support and process change; old systems are switched off on time.',
          'Teams ask for the next improvement; change is continuous rather than a project event.',
        ]),
        st(
          'SKILL-3',
          'The directorate has the capacity to specify, test and own its systems (super users, system owners).',
          [
            'Nobody in the directorate understands how the systems are configured.',
            'One or two individuals hold all system knowledge.',
            'Named system owners and super users are in place for each core system.',
            'System owners manage the configuration backlog and release plan with the supplier.',
            'The directorate can make routine configuration changes itself, safely and quickly.',
          ],
        ),
      ],
    },
    {
      code: 'VFM',
      name: 'Value for money of ICT provision',
      statements: [
        st(
          'VFM-1',
          'The total cost of ICT used by the directorate is known, including systems bought outside the ICT budget.',
          [
            'ICT costs are unknown outside the central ICT budget.',
            'The main contracts are known but shadow ICT spend is not.',
            'All ICT spend, including devices, licences and shadow ICT, is identified each year.',
            'Costs are broken down by service and compared year on year.',
            'Unit costs (per user, per case) are used to manage demand and plan savings.',
          ],
        ),
        st('VFM-2', 'ICT costs and outcomes are benchmarked against similar councils.', [
          'No benchmarking is done.',
          'Benchmarks are quoted from old or unlike sources.',
          'Costs are benchmarked against comparable councils (for example, SOCITM or CIPFA data).',
          'Benchmark gaps are explained and targets set to close them.',
          'The directorate performs in the best quartile for cost and outcomes, and shares how.',
        ]),
        st('VFM-3', 'Licences, devices and systems are rationalised, and duplicate or unused ones removed.', [
          'Nobody knows how many licences are used.',
          'Licence counts are checked only at renewal.',
          'Usage is reviewed each year and unused licences are removed.',
          'Duplicate systems are retired on a plan and savings are banked.',
          'Procurement is joined up across the council so each capability is bought once.',
        ]),
        st(
          'VFM-4',
          'The directorate can show that its ICT spend delivers a return (savings, productivity or outcomes).',
          [
            'No link is made between spend and results.',
            'Returns are claimed but not evidenced.',
            'Returns are evidenced for the largest investments.',
            'Net present value and realisation are tracked for every investment and reported to the board.',
            'Spend is reallocated from low-return to high-return investments on the evidence.',
          ],
        ),
      ],
    },
  ],
};

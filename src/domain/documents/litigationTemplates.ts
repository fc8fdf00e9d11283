/**
 * First drafts of the litigation-supervision documents (行政诉讼监督, DOMAIN.md §5, §8):
 * 再审检察建议书, 抗诉书, 提请抗诉报告书, 检察建议书 (trial irregularities, court enforcement,
 * agencies ignoring judgments) and 不支持监督申请决定书. Same conventions as templates.ts: a fact
 * the case lacks stays a marked blank. Article numbers beyond 行政诉讼法 art. 93 are cited by the
 * rule's name only until checked against the official texts (docs/documents.md).
 */
import type { CourtDecision, LitigationSuggestionKind, SupervisionType } from '../litigation';
import { documentDate } from './lines';
import { base, blank, closed, date, enumerated, filled, present, type DraftFacts } from './templates';
import type { DocumentContent, DocumentType } from './types';

export interface LitigationDraftFacts {
  supervisionType: SupervisionType;
  /** null: 依职权监督 */
  applicant: { name: string } | null;
  /** The court supervised, e.g. 北京市朝阳区人民法院 */
  court: string | null;
  courtDecisions: CourtDecision[];
  /** YYYY-MM-DD of 受理 */
  acceptedOn: string | null;
  /** The superior procuratorate a protest is requested from. */
  superior?: string | null;
  /** The committee decision behind the document, e.g. 2026年第12次会议 */
  committee?: { session: string; meetingOn: string } | null;
  suggestionKind?: LitigationSuggestionKind | null;
}

const DECISION_NAMES: Record<CourtDecision['kind'], string> = {
  first_instance_judgment: '行政判决',
  second_instance_judgment: '行政判决',
  ruling: '行政裁定',
  mediation: '行政调解书',
  retrial_refusal: '再审审查裁定',
  enforcement_ruling: '执行裁定',
};

/** The decision under supervision: the latest one that is not the retrial refusal. */
function mainDecision(l: LitigationDraftFacts): CourtDecision | null {
  const own = l.courtDecisions.filter((d) => d.kind !== 'retrial_refusal');
  return [...own].sort((a, b) => a.decidedOn.localeCompare(b.decidedOn)).at(-1) ?? l.courtDecisions[0] ?? null;
}

/** 北京市朝阳区人民法院（2025）京0105行初123号行政判决 */
export function supervisedDecision(l: LitigationDraftFacts): string {
  const d = mainDecision(l);
  if (!d) return `${filled(l.court, '人民法院')}${blank('案号')}行政判决（裁定）`;
  return `${d.court.trim() || filled(l.court, '人民法院')}${d.caseNo.trim()}${DECISION_NAMES[d.kind]}`;
}

export function litigationIntroduction(l: LitigationDraftFacts): string {
  const accepted = l.acceptedOn ? `本院于${documentDate(l.acceptedOn)}受理。` : '本院依法受理。';
  if (!l.applicant) return `本院在履行行政诉讼监督职责中发现${supervisedDecision(l)}可能存在错误，依职权进行审查。`;
  const refusal = l.courtDecisions.find((d) => d.kind === 'retrial_refusal');
  const retrial = refusal ? `，经申请再审，${refusal.court.trim()}以${refusal.caseNo.trim()}行政裁定驳回其再审申请` : '';
  if (l.supervisionType === 'court_enforcement' || l.supervisionType === 'non_litigation_enforcement') {
    return `${l.applicant.name.trim()}认为${filled(l.court, '人民法院')}在${supervisedDecision(l)}的执行活动中存在违法情形，向本院申请监督。${accepted}`;
  }
  if (l.supervisionType === 'trial_conduct') {
    return `${l.applicant.name.trim()}认为${filled(l.court, '人民法院')}在审理${supervisedDecision(l)}所涉案件过程中存在违法情形，向本院申请监督。${accepted}`;
  }
  return `${l.applicant.name.trim()}不服${supervisedDecision(l)}${retrial}，向本院申请监督。${accepted}`;
}

function committee(l: LitigationDraftFacts): string {
  return l.committee ? `经本院检察委员会${l.committee.session.trim()}讨论决定` : `经本院检察委员会${blank('检察委员会会议届次')}讨论决定`;
}

function litigationOf(facts: DraftFacts): LitigationDraftFacts {
  return facts.litigation ?? { supervisionType: 'effective_judgment', applicant: null, court: null, courtDecisions: [], acceptedOn: null };
}

/** The review's findings: the facts found, then the reasons (the review form's problems). */
function findings(facts: DraftFacts, lead: string) {
  const reasons = present(facts.problems);
  return [
    { heading: '一、基本案情', text: filled(facts.factsFound, '基本案情') },
    { heading: `二、${lead}`, text: reasons.length > 1 ? `本院经审查认为：\n${enumerated(reasons).join('\n')}` : `本院经审查认为，${closed(reasons[0] ?? blank('监督理由'))}` },
  ];
}

function replyRequest(months: number | null | undefined, fallback: string): string {
  return months ? `请在收到本文书之日起${months}个月内将处理结果书面回复本院。` : fallback;
}

/** 再审检察建议书 (行政诉讼法 art. 93 para. 2): to the court of the same level. */
function retrialSuggestion(facts: DraftFacts): DocumentContent {
  const l = litigationOf(facts);
  return base(facts, 'retrial_suggestion', '再审检察建议书', filled(l.court, '人民法院'), [
    { text: litigationIntroduction(l) },
    ...findings(facts, '监督理由'),
    {
      heading: '三、监督意见',
      text:
        `${committee(l)}，依照《中华人民共和国行政诉讼法》第九十三条第二款及《人民检察院行政诉讼监督规则》的规定，` +
        `向你院提出再审检察建议，请依法再审。${replyRequest(facts.replyMonths, '请在三个月内将处理结果书面回复本院。')}`,
    },
  ]);
}

/** 抗诉书 (行政诉讼法 art. 93 para. 1). */
function protest(facts: DraftFacts): DocumentContent {
  const l = litigationOf(facts);
  return base(facts, 'protest', '行政抗诉书', filled(l.court, '人民法院'), [
    { text: litigationIntroduction(l) },
    ...findings(facts, '抗诉理由'),
    {
      heading: '三、抗诉意见',
      text: `综上所述，${supervisedDecision(l)}确有错误。${committee(l)}，依照《中华人民共和国行政诉讼法》第九十三条第一款的规定，提出抗诉，请依法再审。`,
    },
  ]);
}

/** 提请抗诉报告书: to the superior procuratorate, which decides whether to protest. */
function protestRequestReport(facts: DraftFacts): DocumentContent {
  const l = litigationOf(facts);
  return base(facts, 'protest_request_report', '提请抗诉报告书', filled(l.superior, '上级人民检察院'), [
    { text: litigationIntroduction(l) },
    ...findings(facts, '提请抗诉的理由'),
    {
      heading: '三、提请抗诉意见',
      text: `${committee(l)}，依照《中华人民共和国行政诉讼法》第九十三条第二款的规定，提请你院对${supervisedDecision(l)}提出抗诉。`,
    },
    { text: '以上报告，请审查。' },
  ]);
}

const SUGGESTION_FINDINGS: Record<LitigationSuggestionKind, (l: LitigationDraftFacts) => string> = {
  trial_irregularity: (l) => `你院在审理${supervisedDecision(l)}所涉案件过程中存在以下违法情形：`,
  court_enforcement: (l) => `你院在${supervisedDecision(l)}的执行活动中存在以下违法情形：`,
  agency_noncompliance: (l) => `你单位作为${supervisedDecision(l)}所涉案件的当事人，未履行人民法院发生法律效力的判决（裁定），存在以下问题：`,
};

/** 检察建议书 in litigation supervision: trial irregularities and court enforcement (to the
 * court) or an agency that ignores a judgment. */
function litigationSuggestion(facts: DraftFacts): DocumentContent {
  const l = litigationOf(facts);
  const kind = l.suggestionKind ?? 'trial_irregularity';
  const recipient = kind === 'agency_noncompliance' ? filled(facts.agency, '行政机关') : filled(l.court, '人民法院');
  const problems = present(facts.problems);
  const corrections = present(facts.corrections);
  const months = facts.replyMonths ?? 2;
  const decided = kind === 'court_enforcement' ? `${committee(l)}，依照` : '依照';
  return base(facts, 'litigation_suggestion', '检察建议书', recipient, [
    { text: `本院在履行行政诉讼监督职责中发现，${SUGGESTION_FINDINGS[kind](l)}` },
    { text: problems.length > 0 ? enumerated(problems).join('\n') : blank('存在的违法情形') },
    { text: `上述情形违反了${present(facts.legalBasis).join('、') || blank('违反的法律规定')}的规定。` },
    {
      text:
        `${decided}《中华人民共和国行政诉讼法》第九十三条第三款及《人民检察院行政诉讼监督规则》的规定，建议：\n` +
        `${corrections.length > 0 ? enumerated(corrections).join('\n') : blank('建议纠正的事项')}`,
    },
    { text: `请在收到本检察建议书之日起${months}个月内将办理情况书面回复本院。` },
  ]);
}

/** 不支持监督申请决定书: sent to the applicant. */
function nonSupportDecision(facts: DraftFacts): DocumentContent {
  const l = litigationOf(facts);
  const reasons = present(facts.terminationReasons).length > 0 ? present(facts.terminationReasons) : present(facts.problems);
  return base(facts, 'non_support_decision', '不支持监督申请决定书', filled(l.applicant?.name, '申请人'), [
    { text: `你（单位）不服${supervisedDecision(l)}，向本院申请监督，本院于${date(l.acceptedOn, '受理日期')}受理。` },
    {
      text:
        reasons.length > 1
          ? `本院经审查认为：\n${enumerated(reasons).join('\n')}`
          : `本院经审查认为，${closed(reasons[0] ?? blank('不支持监督申请的理由'))}`,
    },
    { text: '根据《人民检察院行政诉讼监督规则》的规定，本院决定：不支持你（单位）的监督申请。' },
  ]);
}

export const LITIGATION_TEMPLATES: Partial<Record<DocumentType, (facts: DraftFacts) => DocumentContent>> = {
  retrial_suggestion: retrialSuggestion,
  protest,
  protest_request_report: protestRequestReport,
  litigation_suggestion: litigationSuggestion,
  non_support_decision: nonSupportDecision,
};

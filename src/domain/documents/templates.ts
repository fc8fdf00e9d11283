/**
 * First drafts of procuratorial documents (DOMAIN.md §3, §4, §8) from the facts of a case.
 *
 * The wording follows the structure procuratorates use for each document; the procurator edits
 * the draft afterwards. A fact the case does not (yet) provide leaves a marked blank such as
 * 【待填写：处罚依据】 rather than invented text, and `unfilledBlanks` lists what is still open so
 * that a draft with blanks can be held back from approval. Statute citations follow DOMAIN.md
 * and must be checked against the official texts (docs/documents.md).
 */
import { birthDateFromId, normalizeIdNumber } from '../idNumber';
import { documentDate } from './lines';
import type { DocumentContent, DocumentParagraph, DocumentType, SuggestionKind } from './types';
import { LITIGATION_TEMPLATES, litigationIntroduction, supervisedDecision, type LitigationDraftFacts } from './litigationTemplates';

export type NonProsecutionKind = 'statutory' | 'discretionary' | 'insufficient_evidence' | 'conditional';

/** Grounds for suspending a reverse-connection review (指引 art. 13, DOMAIN.md §3); `other`
 * for anything else (illegal-act cases), described in `detail`. */
export const SUSPENSION_GROUNDS = ['police_reconsideration', 'victim_complaint', 'private_prosecution', 'person_complaint', 'other'] as const;
export type SuspensionGround = (typeof SUSPENSION_GROUNDS)[number];

export const OBJECTION_RESULTS = ['upheld_revised', 'upheld_withdrawn', 'rejected'] as const;
export type ObjectionResult = (typeof OBJECTION_RESULTS)[number];

export interface PersonFacts {
  name: string;
  idNumber?: string | null;
  /** Read from an 18-digit ID number when absent. */
  gender?: 'male' | 'female' | null;
  /** YYYY-MM-DD; read from the ID number when absent. */
  birthDate?: string | null;
  address?: string | null;
}

export interface NonProsecutionFacts {
  /** 不起诉决定书 number, e.g. 京朝检刑不诉〔2026〕5号 */
  number: string;
  /** YYYY-MM-DD */
  date: string;
  kind: NonProsecutionKind;
  /** Without 罪 or with it: 危险驾驶 / 危险驾驶罪 */
  charge: string;
}

export interface HeardOpinion {
  /** Who was heard, e.g. 被不起诉人张三 / 区交通支队民警李四 */
  who: string;
  /** YYYY-MM-DD */
  date: string;
  /** 当面听取 / 电话 / 书面 / 听证 … */
  form: string;
  summary: string;
}

export interface ClosingReportFacts {
  criminalFileExamination?: string | null;
  /** Where the review ends: an opinion to the agency, or ending the review. */
  conclusion?: 'opinion' | 'termination' | null;
  /** 指引 art. 14 */
  riskAssessment?: string | null;
  /** True when the conclusion agrees with the criminal department's view. */
  followsCriminalDepartment?: boolean | null;
  departureReasons?: string | null;
  /** [] when nobody was heard; absent when not yet recorded. */
  opinionsHeard?: HeardOpinion[] | null;
}

export interface EarlierDocumentFacts {
  type: 'procuratorial_opinion' | 'procuratorial_suggestion';
  number: string;
  /** YYYY-MM-DD of issue */
  date: string;
  /** YYYY-MM-DD of service on the agency */
  servedOn?: string | null;
  /** What it asked for, e.g. 建议你单位依法对张三作出吊销机动车驾驶证的行政处罚 */
  request?: string | null;
}

export interface ObjectionFacts {
  /** The objecting unit; defaults to `agency`. */
  from?: string | null;
  /** YYYY-MM-DD the objection was received */
  date: string;
  /** The number of the suggestion objected to */
  suggestionNumber: string;
  grounds: string;
  result?: ObjectionResult | null;
  reasons?: string | null;
  /** The revised suggestion when the objection is upheld in part. */
  revisedSuggestion?: string | null;
}

/** What a case provides to draft its documents; every field but `procuratorate` is optional. */
export interface DraftFacts {
  /** The issuing procuratorate, e.g. 北京市朝阳区人民检察院 */
  procuratorate: string;
  /** The handling department, e.g. 第七检察部 */
  department?: string | null;
  /** 承办检察官 signing the closing report */
  procurator?: string | null;
  /** The case's name where there is no non-prosecution (illegal-act cases). */
  caseName?: string | null;
  person?: PersonFacts | null;
  nonProsecution?: NonProsecutionFacts | null;
  /** YYYY-MM-DD the reverse-connection review was registered (登记受理). */
  reviewRegisteredOn?: string | null;
  /** The criminal department's view on a penalty, as handed over. */
  criminalDepartmentView?: string | null;
  factsFound?: string | null;
  evidence?: string[] | null;
  /** e.g. 吊销机动车驾驶证，并处罚款 */
  proposedSanction?: string | null;
  /** The penalty provisions, e.g. 《中华人民共和国道路交通安全法》第九十一条第二款 */
  sanctionProvisions?: string[] | null;
  /** The competent agency: the recipient of opinions, suggestions and letters. */
  agency?: string | null;
  /** Months to reply; defaults 2 (opinion, suggestion) and 1 (follow-up letter, DOMAIN §7). */
  replyMonths?: number | null;
  suggestionKind?: SuggestionKind | null;
  /** Where the matter came from, e.g. 运用“无证驾驶”大数据法律监督模型开展类案监督 */
  origin?: string | null;
  problems?: string[] | null;
  causes?: string | null;
  corrections?: string[] | null;
  /** The provisions the agency's conduct departs from. */
  legalBasis?: string[] | null;
  /** Days the recipient has to object to a suggestion. */
  objectionDays?: number | null;
  copyTo?: string[] | null;
  /** For a follow-up letter: the opinion or suggestion followed up … */
  earlierDocument?: EarlierDocumentFacts | null;
  /** … the agency's reply: null when it never replied, absent when not yet recorded … */
  agencyReply?: { date: string; summary: string } | null;
  /** … and what remains to be done. */
  outstanding?: string | null;
  suspension?: { ground: SuspensionGround; detail?: string | null; resumptionCondition?: string | null } | null;
  terminationReasons?: string[] | null;
  closingReport?: ClosingReportFacts | null;
  objection?: ObjectionFacts | null;
  /** Class suggestions: one row per case, in `annexColumns` order (序号 is added). */
  annexRows?: string[][] | null;
  annexColumns?: string[] | null;
  annexTitle?: string | null;
  /** Litigation supervision: the application or ex-officio matter and the court's decisions. */
  litigation?: LitigationDraftFacts | null;
}

// ── helpers ──────────────────────────────────────────────────────────────────────────────────

const BLANK_MARK = /【待填写：([^】]*)】/g;

/** A marked blank for a fact the procurator still has to supply. */
export function blank(label: string): string {
  return `【待填写：${label}】`;
}

/** The labels of the blanks left in a document, in order, each once. */
export function unfilledBlanks(content: DocumentContent): string[] {
  const texts = [
    content.title,
    content.recipient ?? '',
    ...content.paragraphs.flatMap((p) => [p.heading ?? '', p.text]),
    content.signOff.issuer,
    ...content.copyTo,
    ...(content.annex ? [content.annex.title, ...content.annex.columns, ...content.annex.rows.flat()] : []),
  ];
  return [...new Set(texts.flatMap((text) => [...text.matchAll(BLANK_MARK)].map((m) => m[1])))];
}

export function filled(value: string | null | undefined, label: string): string {
  return value?.trim() ? value.trim() : blank(label);
}

export function present(list: string[] | null | undefined): string[] {
  return (list ?? []).map((item) => item.trim()).filter(Boolean);
}

export function date(iso: string | null | undefined, label: string): string {
  return iso ? documentDate(iso) : blank(label);
}

const DIGITS = '零一二三四五六七八九';

/** 1–99 in Chinese numerals, as statutes and documents write periods: 二个月, 十五日. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`expected a whole number from 1 to 99, got ${n}`);
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** （一）（二）… items, each closed with 。 unless it already ends in punctuation. */
export function enumerated(items: string[]): string[] {
  return items.map((item, i) => `（${chineseNumeral(i + 1)}）${closed(item)}`);
}

export function closed(sentence: string): string {
  return /[。；！？：]$/.test(sentence) ? sentence : `${sentence}。`;
}

function joined(items: string[]): string {
  return items.join('、');
}

function charge(np: NonProsecutionFacts): string {
  const c = np.charge.trim();
  return c.endsWith('罪') ? c : `${c}罪`;
}

function personName(facts: DraftFacts): string {
  return filled(facts.person?.name, '被不起诉人姓名');
}

/** 张三，男，1990年1月1日出生，公民身份号码…，住…。 — gender and birth date read from the ID. */
function particulars(person: PersonFacts | null | undefined): string {
  if (!person) return `${blank('被不起诉人基本情况')}。`;
  const id = normalizeIdNumber(person.idNumber);
  const idNumber = id.valid && id.value ? id.value : person.idNumber?.trim() || null;
  const gender = person.gender ?? (id.valid && id.value ? (Number(id.value[16]) % 2 === 1 ? 'male' : 'female') : null);
  const birthDate = person.birthDate ?? birthDateFromId(person.idNumber);
  return [
    filled(person.name, '姓名'),
    gender ? (gender === 'male' ? '男' : '女') : blank('性别'),
    `${date(birthDate, '出生日期')}出生`,
    `公民身份号码${filled(idNumber, '公民身份号码')}`,
    `住${filled(person.address, '住址')}`,
  ].join('，') + '。';
}

const NON_PROSECUTION: Record<NonProsecutionKind, { provision: string; finding: string }> = {
  statutory: { provision: '第一百七十七条第一款', finding: '没有犯罪事实，或者具有《中华人民共和国刑事诉讼法》第十六条规定的情形' },
  discretionary: { provision: '第一百七十七条第二款', finding: '犯罪情节轻微，依照刑法规定不需要判处刑罚或者免除刑罚' },
  insufficient_evidence: { provision: '第一百七十五条第四款', finding: '证据不足，不符合起诉条件' },
  conditional: { provision: '第二百八十四条第二款', finding: '在附条件不起诉考验期内没有违反规定的情形，考验期已满' },
};

/** 张三涉嫌危险驾驶罪一案，本院经审查认为…，于…作出…不起诉决定书，依据…的规定，决定对张三不起诉。 */
function nonProsecutionSentence(facts: DraftFacts): string {
  const name = personName(facts);
  const np = facts.nonProsecution;
  if (!np) return `${name}涉嫌${blank('涉嫌罪名')}一案，本院于${blank('不起诉决定日期')}作出${blank('不起诉决定书文号')}不起诉决定书，决定对${name}不起诉。`;
  const basis = NON_PROSECUTION[np.kind];
  return (
    `${name}涉嫌${charge(np)}一案，本院经审查认为，${name}${basis.finding}，于${date(np.date, '不起诉决定日期')}作出` +
    `${filled(np.number, '不起诉决定书文号')}不起诉决定书，依据《中华人民共和国刑事诉讼法》${basis.provision}的规定，决定对${name}不起诉。`
  );
}

/** 经审查查明：… and 上述事实，有…等证据证实。 */
function factsAndEvidence(facts: DraftFacts, intro: string): DocumentParagraph[] {
  const evidence = present(facts.evidence);
  return [
    { text: `${intro}${closed(filled(facts.factsFound, '查明的事实'))}` },
    { text: `上述事实，有${evidence.length > 0 ? joined(evidence) : blank('证据名称')}等证据证实。` },
  ];
}

function sanctionProvisions(facts: DraftFacts): string {
  const provisions = present(facts.sanctionProvisions);
  return provisions.length > 0 ? joined(provisions) : blank('处罚依据');
}

function replyMonths(facts: DraftFacts, fallback: number): string {
  return chineseNumeral(facts.replyMonths ?? fallback);
}

function reviewedMatter(facts: DraftFacts): string {
  if (facts.litigation) return `${supervisedDecision(facts.litigation)}的监督审查`;
  return facts.nonProsecution ? `对${personName(facts)}是否需要给予行政处罚的审查` : `${filled(facts.caseName, '案件名称')}的审查`;
}

function caseIntroduction(facts: DraftFacts): string {
  if (facts.litigation) return litigationIntroduction(facts.litigation);
  if (!facts.nonProsecution) return `本院在履行行政违法行为监督职责中，依法对${filled(facts.caseName, '案件名称')}立案审查。`;
  const registered = facts.reviewRegisteredOn ? `于${documentDate(facts.reviewRegisteredOn)}` : '依法';
  return `${nonProsecutionSentence(facts)}本院${registered}对${personName(facts)}是否需要给予行政处罚进行审查。`;
}

function copyTo(facts: DraftFacts): string[] {
  return present(facts.copyTo);
}

export function base(facts: DraftFacts, type: DocumentType, title: string, recipient: string | null, paragraphs: DocumentParagraph[]): DocumentContent {
  return {
    type,
    issuer: facts.procuratorate,
    title,
    number: null,
    recipient,
    paragraphs,
    signOff: { issuer: facts.procuratorate, date: null },
    copyTo: copyTo(facts),
    annex: null,
    internal: false,
  };
}

// ── the templates ───────────────────────────────────────────────────────────────────────────

/** 检察意见书 (刑事诉讼法 art. 177(3)): asks the competent agency to sanction a non-prosecuted person. */
function procuratorialOpinion(facts: DraftFacts): DocumentContent {
  const name = personName(facts);
  return base(facts, 'procuratorial_opinion', '检察意见书', filled(facts.agency, '主送单位'), [
    { text: `被不起诉人${particulars(facts.person)}` },
    { text: nonProsecutionSentence(facts) },
    ...factsAndEvidence(facts, '经审查查明：'),
    {
      text:
        `本院认为，${name}的上述行为虽经本院决定不起诉，但依法应当给予行政处罚。根据《中华人民共和国刑事诉讼法》第一百七十七条第三款、` +
        `《中华人民共和国行政处罚法》第二十七条的规定，现将本案移送你单位，建议你单位依照${sanctionProvisions(facts)}的规定，` +
        `对${name}${filled(facts.proposedSanction, '建议给予的行政处罚')}。不起诉决定书及相关证据材料随本检察意见书一并移送。`,
    },
    { text: `请你单位在收到本检察意见书之日起${replyMonths(facts, 2)}个月内将处理结果书面回复本院。` },
  ]);
}

const SUGGESTION_FINDING: Record<SuggestionKind, string> = {
  individual: '你单位在行政执法活动中存在违法行使职权或者不行使职权的情形',
  class: '你单位在办理同类行政执法案件中存在共性问题',
  social_governance: '相关领域存在制度漏洞和管理隐患，需要完善治理',
};

/** 检察建议书 (人民检察院组织法 art. 21; 人民检察院检察建议工作规定): individual, class or social governance. */
function procuratorialSuggestion(facts: DraftFacts): DocumentContent {
  const kind = facts.suggestionKind ?? 'individual';
  const problems = present(facts.problems);
  const corrections = present(facts.corrections);
  const legalBasis = present(facts.legalBasis);
  const rows = facts.annexRows ?? [];
  const classCount = kind === 'class' ? `经统计，共涉及${rows.length > 0 ? rows.length : blank('案件数量')}件案件，具体情况详见附件。` : '';
  const objection = facts.objectionDays ? `${chineseNumeral(facts.objectionDays)}日` : blank('异议期限');
  const content = base(facts, 'procuratorial_suggestion', '检察建议书', filled(facts.agency, '主送单位'), [
    {
      text: `本院在${filled(facts.origin, '案件或者问题来源')}中发现，${SUGGESTION_FINDING[kind]}。本院依法进行了调查核实，现将有关情况通报如下：`,
    },
    { heading: '一、基本情况', text: `${closed(filled(facts.factsFound, '经调查核实的事实'))}${classCount}` },
    { text: `上述事实，有${present(facts.evidence).length > 0 ? joined(present(facts.evidence)) : blank('证据名称')}等证据证实。` },
    { heading: '二、存在的问题', text: problems.length > 0 ? enumerated(problems).join('\n') : `${blank('存在的违法情形或者应当消除的隐患')}` },
    {
      text:
        `上述情形不符合${legalBasis.length > 0 ? joined(legalBasis) : blank('法律依据')}的规定。` +
        `问题产生的原因主要是：${closed(filled(facts.causes, '问题产生的原因'))}`,
    },
    {
      heading: '三、检察建议',
      text: `根据《中华人民共和国人民检察院组织法》第二十一条和《人民检察院检察建议工作规定》的有关规定，本院建议你单位：`,
    },
    { text: corrections.length > 0 ? enumerated(corrections).join('\n') : blank('建议的具体内容') },
    {
      text:
        `请你单位在收到本检察建议书之日起${replyMonths(facts, 2)}个月内将办理情况书面回复本院。` +
        `如对本检察建议书有异议，请在收到之日起${objection}内书面向本院提出。`,
    },
  ]);
  if (kind !== 'class') return content;
  const columns = facts.annexColumns?.length ? facts.annexColumns : ['当事人', '案件编号', '存在问题'];
  return {
    ...content,
    annex: {
      title: facts.annexTitle?.trim() || '涉及案件清单',
      columns: ['序号', ...columns],
      rows: rows.map((row, i) => [String(i + 1), ...columns.map((_, c) => row[c] ?? '')]),
    },
  };
}

/** 跟进监督函: the opinion or suggestion was ignored or mishandled. */
function followUpLetter(facts: DraftFacts): DocumentContent {
  const earlier = facts.earlierDocument;
  const title = earlier?.type === 'procuratorial_suggestion' ? '检察建议书' : '检察意见书';
  const request =
    earlier?.request?.trim() ||
    (facts.person && facts.proposedSanction ? `建议你单位依法对${facts.person.name}${facts.proposedSanction.trim()}` : blank('原文书的主要内容'));
  const reply =
    facts.agencyReply === null
      ? '截至本函发出之日，你单位未在规定期限内将处理结果书面回复本院。'
      : facts.agencyReply
        ? `${documentDate(facts.agencyReply.date)}，你单位书面回复本院称：${closed(facts.agencyReply.summary.trim())}`
        : blank('回复情况');
  const basis =
    earlier?.type === 'procuratorial_suggestion'
      ? '《中华人民共和国人民检察院组织法》第二十一条和《人民检察院检察建议工作规定》'
      : '《中华人民共和国刑事诉讼法》第一百七十七条第三款和《人民检察院行刑反向衔接工作指引》';
  return base(facts, 'follow_up_letter', '跟进监督函', filled(facts.agency, '主送单位'), [
    {
      text:
        `本院于${date(earlier?.date, '原文书制发日期')}向你单位制发${filled(earlier?.number, '原文书文号')}${title}，${closed(request)}` +
        `该${title}已于${date(earlier?.servedOn, '送达日期')}送达你单位。`,
    },
    { text: reply },
    { text: `经审查，本院认为，${closed(filled(facts.outstanding, '尚未落实的事项及理由'))}` },
    {
      text:
        `根据${basis}的有关规定，现函请你单位依法予以处理，并在收到本函之日起${replyMonths(facts, 1)}个月内将处理结果书面回复本院。` +
        '逾期未回复或者无正当理由不予处理的，本院将依法通过制发检察建议、向有关机关通报等方式继续开展监督。',
    },
  ]);
}

const SUSPENSION: Record<Exclude<SuspensionGround, 'other'>, { ground: string; resumption: string }> = {
  police_reconsideration: { ground: '公安机关对本院作出的不起诉决定要求复议、提请复核', resumption: '待不起诉决定经复议、复核予以维持后' },
  victim_complaint: { ground: '被害人及其近亲属、诉讼代理人不服本院作出的不起诉决定提出申诉', resumption: '待申诉审查终结、不起诉决定予以维持后' },
  private_prosecution: { ground: '被害人就本案向人民法院提起自诉', resumption: '待人民法院对自诉作出不予受理或者驳回起诉的裁定后' },
  person_complaint: { ground: '被不起诉人不服本院作出的不起诉决定提出申诉', resumption: '待申诉审查终结、不起诉决定予以维持后' },
};

/** 中止审查决定书 (指引 art. 13 for reverse connection). */
function suspensionDecision(facts: DraftFacts): DocumentContent {
  const s = facts.suspension;
  const known = s && s.ground !== 'other' ? SUSPENSION[s.ground] : null;
  const detail = s?.detail?.trim();
  const ground = known ? `${known.ground}${detail ? `（${detail}）` : ''}` : filled(detail, '中止审查的事由');
  const resumption = s?.resumptionCondition?.trim() || known?.resumption || blank('恢复审查的条件');
  const basis = facts.nonProsecution ? '《人民检察院行刑反向衔接工作指引》第十三条' : blank('中止审查的依据');
  return base(facts, 'suspension_decision', '中止审查决定书', null, [
    { text: caseIntroduction(facts) },
    { text: `审查期间，${ground}。` },
    { text: `根据${basis}的规定，本院决定：中止${reviewedMatter(facts)}。` },
    { text: `${resumption.replace(/[，。]$/, '')}，本院将恢复审查。中止审查期间不计入审查期限。` },
  ]);
}

/** 终结审查决定书: no sanction will be sought (指引 art. 15 for reverse connection). */
function terminationDecision(facts: DraftFacts): DocumentContent {
  const reasons = present(facts.terminationReasons);
  const basis = facts.nonProsecution
    ? '《人民检察院行刑反向衔接工作指引》第十五条'
    : facts.litigation
      ? '《人民检察院行政诉讼监督规则》'
      : blank('终结审查的依据');
  return base(facts, 'termination_decision', '终结审查决定书', null, [
    { text: caseIntroduction(facts) },
    ...(reasons.length > 1
      ? [{ text: '经审查，本院认为：' }, { text: enumerated(reasons).join('\n') }]
      : [{ text: `经审查，本院认为，${closed(reasons[0] ?? blank('终结审查的理由'))}` }]),
    { text: `根据${basis}的规定，本院决定：终结${reviewedMatter(facts)}。` },
  ]);
}

/** 审查终结报告 (internal, 指引 art. 14): the reverse-connection review's findings and proposal. */
function reviewClosingReport(facts: DraftFacts): DocumentContent {
  const name = personName(facts);
  const report = facts.closingReport ?? {};
  const reasons = present(facts.terminationReasons);
  const conclusion =
    report.conclusion === 'opinion'
      ? `经审查，${name}的上述行为依法应当给予行政处罚，且有处罚必要。建议向${filled(facts.agency, '主管机关')}制发检察意见书，` +
        `建议其依照${sanctionProvisions(facts)}的规定，对${name}${filled(facts.proposedSanction, '建议给予的行政处罚')}。`
      : report.conclusion === 'termination'
        ? `经审查，对${name}不需要给予行政处罚，建议终结审查。理由如下：\n${reasons.length > 0 ? enumerated(reasons).join('\n') : blank('终结审查的理由')}`
        : blank('审查意见');
  const departure =
    report.followsCriminalDepartment === true
      ? '本审查意见与刑事检察部门移送时提出的意见一致。'
      : filled(report.departureReasons, '与刑事检察部门意见不一致的理由');
  const heard =
    report.opinionsHeard == null
      ? blank('听取意见情况')
      : report.opinionsHeard.length === 0
        ? '本案未听取有关单位和人员的意见。'
        : report.opinionsHeard.map((o) => `${documentDate(o.date)}，以${o.form.trim()}方式听取了${o.who.trim()}的意见：${closed(o.summary.trim())}`).join('\n');
  const sections: [string, string][] = [
    ['被不起诉人基本情况', particulars(facts.person)],
    ['刑事案件办理情况', `${nonProsecutionSentence(facts)}刑事检察部门移送时提出的意见为：${closed(filled(facts.criminalDepartmentView, '刑事检察部门意见'))}`],
    ['对刑事卷宗的审查情况', filled(report.criminalFileExamination, '对刑事卷宗的审查情况')],
    ['经审查认定的事实及证据', ''],
    ['审查意见', conclusion],
    ['风险评估及预警', filled(report.riskAssessment, '风险评估及预警')],
    ['与刑事检察部门意见不一致的情况及理由', departure],
    ['听取意见情况', heard],
  ];
  const paragraphs: DocumentParagraph[] = [
    {
      text: `本院刑事检察部门将${name}涉嫌${facts.nonProsecution ? charge(facts.nonProsecution) : blank('涉嫌罪名')}不起诉一案移送${facts.department?.trim() || '本部门'}，审查是否需要对其给予行政处罚。现已审查终结，报告如下：`,
    },
  ];
  sections.forEach(([heading, text], i) => {
    const numbered = `${chineseNumeral(i + 1)}、${heading}`;
    if (heading === '经审查认定的事实及证据') {
      const [found, evidence] = factsAndEvidence(facts, '经审查认定：');
      paragraphs.push({ heading: numbered, text: found.text }, evidence);
    } else {
      paragraphs.push({ heading: numbered, text });
    }
  });
  paragraphs.push({ text: '以上报告，请审批。' });
  return {
    ...base(facts, 'review_closing_report', '审查终结报告', null, paragraphs),
    signOff: { issuer: facts.procurator?.trim() ? `承办检察官：${facts.procurator.trim()}` : facts.department?.trim() || facts.procuratorate, date: null },
    copyTo: [],
    internal: true,
  };
}

const OBJECTION_OUTCOME: Record<ObjectionResult, (number: string, revised: string) => string> = {
  upheld_revised: (number, revised) => `你单位提出的异议成立。本院决定对${number}检察建议书予以修改，修改后的检察建议内容如下：\n${revised}`,
  upheld_withdrawn: (number) => `你单位提出的异议成立。本院决定撤回${number}检察建议书。`,
  rejected: (number) =>
    `你单位提出的异议不能成立。本院决定维持${number}检察建议书。请你单位按照检察建议书的要求依法整改，并在规定期限内将办理情况书面回复本院。`,
};

/** 复核结果通知书: the answer to an objection against a suggestion (检察建议工作规定 art. 23). */
function objectionReviewNotice(facts: DraftFacts): DocumentContent {
  const o = facts.objection;
  const number = filled(o?.suggestionNumber, '检察建议书文号');
  const outcome = o?.result ? OBJECTION_OUTCOME[o.result](number, filled(o.revisedSuggestion, '修改后的检察建议内容')) : blank('复核结果');
  return base(facts, 'objection_review_notice', '复核结果通知书', filled(o?.from ?? facts.agency, '主送单位'), [
    { text: `你单位于${date(o?.date, '提出异议日期')}对本院${number}检察建议书提出异议，认为：${closed(filled(o?.grounds, '异议的内容'))}` },
    {
      text: `根据《人民检察院检察建议工作规定》第二十三条的规定，本院对该检察建议书进行了复核。经复核，本院认为，${closed(filled(o?.reasons, '复核理由'))}`,
    },
    { text: outcome },
  ]);
}

const TEMPLATES: Partial<Record<DocumentType, (facts: DraftFacts) => DocumentContent>> = {
  procuratorial_opinion: procuratorialOpinion,
  procuratorial_suggestion: procuratorialSuggestion,
  follow_up_letter: followUpLetter,
  suspension_decision: suspensionDecision,
  review_closing_report: reviewClosingReport,
  termination_decision: terminationDecision,
  objection_review_notice: objectionReviewNotice,
};

/** The first draft of a document of `type`: unnumbered, undated, ready to edit. */
export function draftDocument(type: DocumentType, facts: DraftFacts): DocumentContent {
  // Looked up at call time: the litigation templates' module imports this one's helpers.
  const template = TEMPLATES[type] ?? LITIGATION_TEMPLATES[type];
  if (!template) throw new RangeError(`unknown document type "${type}"`);
  if (!facts.procuratorate?.trim()) throw new RangeError('the issuing procuratorate is required');
  if (facts.replyMonths != null && !(Number.isInteger(facts.replyMonths) && facts.replyMonths >= 1 && facts.replyMonths <= 12)) {
    throw new RangeError(`the reply period must be 1 to 12 months, got ${facts.replyMonths}`);
  }
  return template({ ...facts, procuratorate: facts.procuratorate.trim() });
}

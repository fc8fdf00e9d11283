/**
 * Demo litigation supervision (行政诉讼监督, DOMAIN.md §5): three applications for supervision
 * of effective administrative judgments, each at another stage — a late application accepted with
 * a stated reason and under review after a hearing; a retrial suggestion decided by the
 * procuratorial committee, approved and served, awaiting the court; and one closed after the
 * court changed its judgment. Everything goes through the same commands as real work (window
 * check, numbers, clocks, audit), acted by the demo users; dates lie in 2026.
 */
import type { CourtDecision, LitigationFacts } from '../../domain/litigation/index.js';
import { idCheckChar } from '../../domain/idNumber.js';
import { updateCaseReview } from '../commands/cases.js';
import { fileCase, registerClue } from '../commands/clues.js';
import type { CommandContext } from '../commands/context.js';
import { approveDocument, draftCaseDocument, evaluateReply, recordReply, serveDocument, submitDocument } from '../commands/documents.js';
import { recordCommitteeDecision, recordHearing } from '../commands/litigation.js';
import { loadActor } from '../commands/sessions.js';
import type { Db } from './index.js';

const id = (first17: string) => first17 + idCheckChar(first17);

async function as(db: Db, username: string): Promise<CommandContext> {
  const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const actor = (await loadActor(db, user.id))!;
  return { actor, actorName: actor.displayName, clientIp: null, requestId: 'demo-seed' };
}

/** The usual path of an administrative lawsuit: judgment, appeal, refused retrial (the last one served on `servedOn`). */
function decisions(first: string, second: string, retrial: string, dates: { first: string; second: string; refused: string; servedOn: string }): CourtDecision[] {
  return [
    { kind: 'first_instance_judgment', court: '北京市朝阳区人民法院', caseNo: first, decidedOn: dates.first, servedOn: dates.first },
    { kind: 'second_instance_judgment', court: '北京市第三中级人民法院', caseNo: second, decidedOn: dates.second, servedOn: dates.second },
    { kind: 'retrial_refusal', court: '北京市高级人民法院', caseNo: retrial, decidedOn: dates.refused, servedOn: dates.servedOn },
  ];
}

/** Seeds the litigation demo once: false when a litigation case exists already. */
export async function seedDemoLitigation(db: Db): Promise<boolean> {
  if (await db.selectFrom('cases').select('id').where('kind', '=', 'litigation').limit(1).executeTakeFirst()) return false;
  const procurator1 = await as(db, 'procurator1');
  const procurator2 = await as(db, 'procurator2');
  const head = await as(db, 'head1');
  const chief = await as(db, 'chief1');
  const orgs = await db.selectFrom('organizations').select(['id', 'short_name']).execute();
  const org = (short: string) => orgs.find((o) => o.short_name === short)!.id;
  const caseVersion = async (caseId: string) => (await db.selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow()).version;
  const docVersion = async (docId: string) => (await db.selectFrom('documents').select('version').where('id', '=', docId).executeTakeFirstOrThrow()).version;

  /** Registers the application as the procurator does, and the head accepts it (登记受理) for `procurator`. */
  async function accept(
    by: CommandContext,
    applicant: { name: string; idNumber: string; contact: string },
    facts: Omit<LitigationFacts, 'applicant' | 'exOfficioGround' | 'windowOverride' | 'supervisionType'>,
    agency: string,
    receivedOn: string,
    acceptedOn: string,
    windowOverrideReason?: string,
  ) {
    const litigation: LitigationFacts = {
      supervisionType: 'effective_judgment',
      applicant: { ...applicant, role: 'plaintiff' },
      exOfficioGround: null,
      windowOverride: null,
      ...facts,
    };
    const appealed = facts.courtDecisions.find((d) => d.kind === 'second_instance_judgment')!;
    const { clue } = await registerClue(db, by, {
      source: 'litigation_application',
      title: `${applicant.name}申请对${appealed.caseNo}行政诉讼监督案`,
      summary: facts.grounds,
      subjectName: applicant.name,
      subjectIdNumber: applicant.idNumber,
      matter: `行政诉讼监督 ${appealed.caseNo}`,
      agencyId: org(agency),
      receivedOn,
      litigation,
    });
    const created = await fileCase(db, head, clue.id, {
      version: clue.version,
      kind: 'litigation',
      agencyId: org(agency),
      procuratorId: by.actor!.id,
      registeredOn: acceptedOn,
      windowOverrideReason,
    });
    return created.id;
  }

  /** Drafted by the procurator, approved by the head and the chief (the committee must have decided). */
  async function issueRetrialSuggestion(caseId: string, by: CommandContext, headOn: string, chiefOn: string) {
    const doc = await draftCaseDocument(db, by, caseId, { type: 'retrial_suggestion' });
    let d = await submitDocument(db, by, doc.id, { version: doc.version });
    d = await approveDocument(db, head, d.id, { version: d.version, on: headOn });
    d = await approveDocument(db, chief, d.id, { version: d.version, on: chiefOn });
    return d.id;
  }

  const committee = async (caseId: string, meetingOn: string, session: string) =>
    recordCommitteeDecision(db, chief, caseId, { version: await caseVersion(caseId), meetingOn, session, outcome: 'retrial_suggestion', decision: 'approved', minutes: '经讨论，同意向北京市第三中级人民法院提出再审检察建议。' });
  const review = async (caseId: string, by: CommandContext, facts: string, problems: string[]) =>
    updateCaseReview(db, by, caseId, { version: await caseVersion(caseId), facts, review: { problems, evidence: ['一审、二审判决书', '驳回再审申请裁定书', '行政处罚卷宗'] } });

  // 1. A late application, accepted for the applicant's hospital stay; under review after a hearing.
  const late = await accept(
    procurator2,
    { name: '钱国栋', idNumber: id('11010519750603121'), contact: '13901230001' },
    {
      courtId: org('北京三中院'),
      courtDecisions: decisions('（2025）京0105行初211号', '（2025）京03行终602号', '（2026）京行申45号', { first: '2025-07-18', second: '2025-11-06', refused: '2026-02-03', servedOn: '2026-02-10' }),
      grounds: '区住建委以违法建设为由限期拆除申请人经营用房，原判决对房屋系1998年经批准建设的事实未予认定，主要证据不足。',
    },
    '区住建委',
    '2026-10-15',
    '2026-10-16',
    '申请人于2026年7月至9月因重病住院治疗，有医院诊断证明，未能在期限内申请，属于正当理由',
  );
  await recordHearing(db, procurator2, late, {
    version: await caseVersion(late),
    heldOn: '2026-11-10',
    place: '本院听证室',
    presiding: '王芳',
    participants: [
      { name: '钱国栋', role: '申请人' },
      { name: '区住建委 赵某', role: '行政机关代理人' },
      { name: '刘律师', role: '听证员' },
      { name: '区人大代表 孙某', role: '听证员' },
    ],
    summary: '申请人陈述了房屋建设经批准的经过并出示1998年批复复印件；区住建委答辩称未查到审批档案；听证员发表了意见。',
    conclusion: '多数听证员认为应调取原审批档案后再作判断',
  });
  await review(late, procurator2, '区住建委于2025年3月作出限期拆除决定，申请人起诉后一审、二审均判决驳回诉讼请求，高级法院驳回再审申请。', ['原判决对房屋建设审批事实未予认定']);

  // 2. A retrial suggestion: committee, approval, served on the court, whose answer is awaited.
  const awaiting = await accept(
    procurator1,
    { name: '周海燕', idNumber: id('11010519820915242'), contact: '13901230002' },
    {
      courtId: org('北京三中院'),
      courtDecisions: decisions('（2025）京0105行初158号', '（2025）京03行终477号', '（2026）京行申102号', { first: '2025-06-12', second: '2025-10-20', refused: '2026-04-08', servedOn: '2026-04-14' }),
      grounds: '区市场监管局以销售不合格商品为由对申请人罚款八万元，原判决适用《产品质量法》第四十九条确有错误，申请人已证明其不知道所售商品不合格。',
    },
    '区市场监管局',
    '2026-06-02',
    '2026-06-03',
  );
  await review(awaiting, procurator1, '申请人经营的超市销售的电热水壶经抽检不合格，区市场监管局处罚款八万元；申请人提交了进货票据和供货商资质证明。', ['原判决适用法律确有错误', '未审查《产品质量法》第五十五条免除或从轻处罚情形']);
  await committee(awaiting, '2026-08-20', '2026年第7次会议');
  const pending = await issueRetrialSuggestion(awaiting, procurator1, '2026-08-24', '2026-08-26');
  await serveDocument(db, procurator1, pending, { version: await docVersion(pending), servedOn: '2026-08-28', receivedOn: '2026-08-28', method: 'written' });

  // 3. Closed: the court retried the case and changed its judgment.
  const changed = await accept(
    procurator1,
    { name: '吴志强', idNumber: id('11010519900127363'), contact: '13901230003' },
    {
      courtId: org('北京三中院'),
      courtDecisions: decisions('（2024）京0105行初390号', '（2025）京03行终118号', '（2025）京行申987号', { first: '2024-11-15', second: '2025-04-02', refused: '2025-12-10', servedOn: '2025-12-16' }),
      grounds: '区人社局不予认定工伤，原判决认定申请人系下班途中发生非本人主要责任交通事故的证据不足属事实认定错误。',
    },
    '区人社局',
    '2026-03-09',
    '2026-03-10',
  );
  await review(changed, procurator1, '申请人下班途中发生交通事故受伤，交警部门认定其负次要责任，区人社局以非下班合理路线为由不予认定工伤。', ['原判决认定事实的主要证据不足']);
  await committee(changed, '2026-05-12', '2026年第4次会议');
  const issued = await issueRetrialSuggestion(changed, procurator1, '2026-05-14', '2026-05-15');
  await serveDocument(db, procurator1, issued, { version: await docVersion(issued), servedOn: '2026-05-18', receivedOn: '2026-05-18', method: 'written' });
  const answer = await recordReply(db, procurator1, issued, {
    result: 'adopted',
    courtOutcome: 'changed',
    summary: '北京市第三中级人民法院采纳再审检察建议，裁定再审，并于2026年7月30日判决撤销原判决及不予认定工伤决定，责令区人社局重新作出认定。',
    repliedOn: '2026-08-03',
  });
  await evaluateReply(db, procurator1, answer.id, { evaluation: 'adopted', note: '法院已改判，监督目的实现', on: '2026-08-05', next: 'close', caseVersion: await caseVersion(changed) });
  return true;
}

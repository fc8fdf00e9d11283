/**
 * Demo cases: a living register for a new user to click through — clues from every source,
 * reverse-connection and illegal-act cases in every state, issued documents with replies, an
 * objection, a follow-up letter and overdue replies. Everything goes through the same commands
 * as real work (numbers, clocks, audit), acted by the demo users. Dates lie in 2026, whose
 * holiday schedule is loaded, so every clock has a due date.
 */
import type { CaseKind } from '../../domain/cases/index.js';
import type { DocumentType, SuggestionKind } from '../../domain/documents/types.js';
import { assignCase, closeCase, startFollowUp, suspendCase, updateCaseReview } from '../commands/cases.js';
import { fileCase, registerClue, type ClueInput } from '../commands/clues.js';
import { recordEscalationNotice } from '../commands/escalations.js';
import type { CommandContext } from '../commands/context.js';
import { approveDocument, draftCaseDocument, evaluateReply, raiseObjection, recordReply, serveDocument, submitDocument, decideObjection, type ReplyInput } from '../commands/documents.js';
import { loadActor } from '../commands/sessions.js';
import { idCheckChar } from '../../domain/idNumber.js';
import type { NonProsecutionFacts } from './schemaCases.js';
import type { Db } from './index.js';

/** A demo ID number with a correct check character. */
const id = (first17: string) => first17 + idCheckChar(first17);

/** What every reverse-connection closing report needs besides the case's own facts. */
const closingReport = (conclusion: 'opinion' | 'termination', extra: Record<string, unknown> = {}) => ({
  subjectAddress: '北京市朝阳区',
  conclusion,
  criminalFileExamination: '审查了移送的起诉意见书、不起诉决定书及主要证据材料。',
  evidence: ['不起诉决定书', '起诉意见书', '讯问笔录'],
  riskAssessment: '经评估，无涉稳、舆情风险。',
  followsCriminalDepartment: true,
  opinionsHeard: [],
  ...extra,
});

/** What a procuratorial suggestion needs besides the case's facts. */
const suggestionForm = (extra: Record<string, unknown>) => ({
  evidence: ['调查笔录', '书证', '行政执法卷宗'],
  causes: '日常监管和数据比对机制不健全',
  objectionDays: 5,
  ...extra,
});

async function as(db: Db, username: string): Promise<CommandContext> {
  const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const actor = (await loadActor(db, user.id))!;
  return { actor, actorName: actor.displayName, clientIp: null, requestId: 'demo-seed' };
}

export async function seedDemoCases(db: Db): Promise<boolean> {
  if (await db.selectFrom('cases').select('id').limit(1).executeTakeFirst()) return false;
  const ctx = {
    criminal: await as(db, 'criminal1'),
    procurator1: await as(db, 'procurator1'),
    procurator2: await as(db, 'procurator2'),
    head: await as(db, 'head1'),
    chief: await as(db, 'chief1'),
    police: await as(db, 'police_liaison'),
    traffic: await as(db, 'traffic_liaison'),
    market: await as(db, 'market_liaison'),
    housing: await as(db, 'housing_liaison'),
    education: await as(db, 'education_liaison'),
  };
  const orgs = await db.selectFrom('organizations').select(['id', 'short_name']).execute();
  const org = (short: string) => orgs.find((o) => o.short_name.includes(short))!.id;
  const procurator = (c: CommandContext) => c.actor!.id;
  const caseVersion = async (id: string) => (await db.selectFrom('cases').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
  const docVersion = async (id: string) => (await db.selectFrom('documents').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

  async function clueAndCase(by: CommandContext, clue: ClueInput, kind: CaseKind, agency: string, assignee: CommandContext | null, registeredOn: string) {
    const { clue: c } = await registerClue(db, by, clue);
    const created = await fileCase(db, ctx.head, c.id, { version: c.version, kind, agencyId: org(agency), procuratorId: assignee ? procurator(assignee) : null, registeredOn });
    return created.id;
  }

  async function issue(caseId: string, by: CommandContext, type: DocumentType, on: string, options: { suggestionKind?: SuggestionKind; stopAt?: 'draft' | 'pending_chief' } = {}) {
    const doc = await draftCaseDocument(db, by, caseId, { type, suggestionKind: options.suggestionKind ?? null });
    if (options.stopAt === 'draft') return doc.id;
    let d = await submitDocument(db, by, doc.id, { version: doc.version });
    while (d.state === 'pending_head' || d.state === 'pending_chief') {
      if (d.state === 'pending_chief' && options.stopAt === 'pending_chief') return d.id;
      d = await approveDocument(db, d.state === 'pending_head' ? ctx.head : ctx.chief, d.id, { version: d.version, on });
    }
    return d.id;
  }

  const serve = async (docId: string, servedOn: string, receivedOn: string) => serveDocument(db, ctx.procurator1, docId, { version: await docVersion(docId), servedOn, receivedOn, method: 'written' });
  const review = async (caseId: string, by: CommandContext, facts: string, form: Record<string, unknown>) => updateCaseReview(db, by, caseId, { version: await caseVersion(caseId), facts, review: form });
  const reply = (docId: string, by: CommandContext, input: ReplyInput) => recordReply(db, by, docId, input);

  const np = (decisionNo: string, decidedOn: string, kind: NonProsecutionFacts['kind'], charge: string, facts: string, transferredOn: string): NonProsecutionFacts => ({
    decisionNo,
    decidedOn,
    kind,
    charge,
    facts,
    actDate: null,
    transferredOn,
    criminalDepartmentView: '建议移送行政主管机关给予行政处罚',
    procuratorate: '北京市朝阳区人民检察院',
  });
  const drunkDriving = closingReport('opinion', {
    criminalDepartmentView: '建议吊销机动车驾驶证',
    proposedSanction: '吊销机动车驾驶证，五年内不得重新取得机动车驾驶证',
    sanctionProvisions: ['《中华人民共和国道路交通安全法》第九十一条第二款'],
    checklist: {
      penalty_norm: { answer: 'yes', reason: '醉酒驾驶机动车，道路交通安全法第九十一条第二款规定吊销驾驶证' },
      penalty_necessary: { answer: 'yes', reason: '吊销驾驶证系法定处罚，不因不起诉而免除' },
      prior_penalty: { answer: 'no', reason: '行政处罚数据中未见同一行为的处罚记录' },
      limitation: { answer: 'no', reason: '违法行为发生于二年以内（提请法制审核）' },
      age: { answer: 'no', reason: '行为时已满十八周岁' },
    },
    riskAssessment: '风险较低',
    followsCriminalDepartment: true,
    opinionsHeard: [{ who: '被不起诉人', date: '2026-05-18', form: '当面听取', summary: '对吊销驾驶证无异议' }],
  });

  // 1. Reverse connection, closed: drunk driving → licence revoked.
  const rc1 = await clueAndCase(
    ctx.criminal,
    { source: 'non_prosecution', title: '王建华危险驾驶不起诉案', subjectName: '王建华', subjectIdNumber: id('11010519880412001'), matter: '危险驾驶罪', receivedOn: '2026-05-13', nonProsecution: np('京朝检刑不诉〔2026〕21号', '2026-05-11', 'discretionary', '危险驾驶罪', '2026年3月8日夜，王建华醉酒驾驶小型轿车，血液酒精含量为120mg/100ml。', '2026-05-13') },
    'reverse_connection',
    '交通',
    ctx.procurator1,
    '2026-05-14',
  );
  await review(rc1, ctx.procurator1, '王建华于2026年3月8日醉酒驾驶机动车，血液酒精含量120mg/100ml，检察机关以犯罪情节轻微作出不起诉决定。', drunkDriving);
  await issue(rc1, ctx.procurator1, 'review_closing_report', '2026-05-22');
  const op1 = await issue(rc1, ctx.procurator1, 'procuratorial_opinion', '2026-05-25');
  await serve(op1, '2026-05-26', '2026-05-27');
  const r1 = await reply(op1, ctx.traffic, { result: 'adopted', summary: '已依法吊销王建华机动车驾驶证，五年内不得重新取得。', penaltyDecisionNo: '京公交（朝）决字〔2026〕0412号', penaltyType: '吊销机动车驾驶证', penaltyAmount: 0, penaltyDate: '2026-07-06', repliedOn: '2026-07-08' });
  await evaluateReply(db, ctx.procurator1, r1.id, { evaluation: 'adopted', note: '处罚已落实', on: '2026-07-10', next: 'close', caseVersion: await caseVersion(rc1) });

  // 2. Reverse connection, opinion served in August, no reply: overdue.
  const rc2 = await clueAndCase(
    ctx.criminal,
    { source: 'non_prosecution', title: '刘强盗窃不起诉案', subjectName: '刘强', subjectIdNumber: id('11010519920315003'), matter: '盗窃罪', receivedOn: '2026-07-30', nonProsecution: np('京朝检刑不诉〔2026〕35号', '2026-07-27', 'discretionary', '盗窃罪', '2026年5月2日，刘强在某超市盗窃商品价值人民币1200元，已退赔。', '2026-07-30') },
    'reverse_connection',
    '公安',
    ctx.procurator2,
    '2026-08-03',
  );
  await review(rc2, ctx.procurator2, '刘强盗窃超市商品价值1200元，已退赔并取得谅解，检察机关作出相对不起诉决定。', closingReport('opinion', {
    proposedSanction: '拘留并处罚款',
    sanctionProvisions: ['《中华人民共和国治安管理处罚法》第四十九条（修订前）'],
    criminalDepartmentView: '建议给予治安管理处罚',
  }));
  await issue(rc2, ctx.procurator2, 'review_closing_report', '2026-08-12');
  const op2 = await issue(rc2, ctx.procurator2, 'procuratorial_opinion', '2026-08-14');
  await serve(op2, '2026-08-17', '2026-08-18');

  // 3. Reverse connection, opinion served in October, reply due at the end of December.
  const rc3 = await clueAndCase(
    ctx.criminal,
    { source: 'non_prosecution', title: '陈晓帮助信息网络犯罪活动不起诉案', subjectName: '陈晓', subjectIdNumber: id('11010520010228004'), matter: '帮助信息网络犯罪活动罪', receivedOn: '2026-10-09', nonProsecution: np('京朝检刑不诉〔2026〕52号', '2026-10-07', 'discretionary', '帮助信息网络犯罪活动罪', '陈晓出售本人银行卡二张，获利人民币800元。', '2026-10-09') },
    'reverse_connection',
    '公安',
    ctx.procurator1,
    '2026-10-12',
  );
  await review(rc3, ctx.procurator1, '陈晓出售银行卡二张供他人使用，违法所得800元。', closingReport('opinion', { proposedSanction: '拘留并处罚款', sanctionProvisions: ['《中华人民共和国反电信网络诈骗法》第三十八条第二款'] }));
  await issue(rc3, ctx.procurator1, 'review_closing_report', '2026-10-20');
  const op3 = await issue(rc3, ctx.procurator1, 'procuratorial_opinion', '2026-10-23');
  await serve(op3, '2026-10-26', '2026-10-26');

  // 4. Under review, 5. suspended, 6. registered and waiting for assignment.
  await clueAndCase(
    ctx.criminal,
    { source: 'non_prosecution', title: '赵敏掩饰、隐瞒犯罪所得不起诉案', subjectName: '赵敏', subjectIdNumber: id('11010519950707002'), matter: '掩饰、隐瞒犯罪所得罪', receivedOn: '2026-11-16', nonProsecution: np('京朝检刑不诉〔2026〕61号', '2026-11-12', 'discretionary', '掩饰、隐瞒犯罪所得罪', '赵敏明知系盗窃所得仍予收购，价值3000元。', '2026-11-16') },
    'reverse_connection',
    '公安',
    ctx.procurator1,
    '2026-11-18',
  );
  const rc5 = await clueAndCase(
    ctx.criminal,
    { source: 'non_prosecution', title: '孙立故意伤害不起诉案', subjectName: '孙立', subjectIdNumber: id('11010519861010005'), matter: '故意伤害罪', receivedOn: '2026-10-29', nonProsecution: np('京朝检刑不诉〔2026〕57号', '2026-10-27', 'discretionary', '故意伤害罪', '孙立与邻居纠纷中致人轻伤二级，已赔偿。', '2026-10-29') },
    'reverse_connection',
    '公安',
    ctx.procurator2,
    '2026-11-02',
  );
  await suspendCase(db, ctx.procurator2, rc5, { version: await caseVersion(rc5), on: '2026-11-06', ground: '被害人就不起诉决定提出申诉', resumptionCondition: '申诉审查终结后恢复' });
  await clueAndCase(
    ctx.criminal,
    { source: 'non_prosecution', title: '周洋非法捕捞水产品不起诉案', subjectName: '周洋', subjectIdNumber: id('11010519791212006'), matter: '非法捕捞水产品罪', receivedOn: '2026-11-20', nonProsecution: np('京朝检刑不诉〔2026〕64号', '2026-11-17', 'discretionary', '非法捕捞水产品罪', '周洋在禁渔期使用禁用网具捕捞，渔获物15公斤。', '2026-11-20') },
    'reverse_connection',
    '农业',
    null,
    '2026-11-23',
  );

  // 7. Report done, opinion waiting for the chief's signature.
  const rc7 = await clueAndCase(
    ctx.criminal,
    { source: 'non_prosecution', title: '吴涛危险驾驶不起诉案', subjectName: '吴涛', subjectIdNumber: id('11010519900909007'), matter: '危险驾驶罪', receivedOn: '2026-11-03', nonProsecution: np('京朝检刑不诉〔2026〕58号', '2026-10-30', 'discretionary', '危险驾驶罪', '吴涛醉酒驾驶二轮摩托车，血液酒精含量95mg/100ml。', '2026-11-03') },
    'reverse_connection',
    '交通',
    ctx.procurator1,
    '2026-11-04',
  );
  await review(rc7, ctx.procurator1, '吴涛于2026年9月醉酒驾驶二轮摩托车，血液酒精含量95mg/100ml。', drunkDriving);
  await issue(rc7, ctx.procurator1, 'review_closing_report', '2026-11-13');
  await issue(rc7, ctx.procurator1, 'procuratorial_opinion', '2026-11-20', { stopAt: 'pending_chief' });

  // 8. Terminated: insufficient evidence, no sanction sought.
  const rc8 = await clueAndCase(
    ctx.criminal,
    { source: 'non_prosecution', title: '郑磊诈骗不起诉案', subjectName: '郑磊', subjectIdNumber: id('11010519830101008'), matter: '诈骗罪', receivedOn: '2026-06-03', nonProsecution: np('京朝检刑不诉〔2026〕27号', '2026-06-01', 'insufficient_evidence', '诈骗罪', '现有证据不能证明郑磊具有非法占有目的。', '2026-06-03') },
    'reverse_connection',
    '公安',
    ctx.procurator2,
    '2026-06-04',
  );
  await review(rc8, ctx.procurator2, '现有证据不能证明郑磊实施了诈骗行为。', closingReport('termination', { terminationReasons: ['现有证据不足以认定存在应受行政处罚的违法事实'] }));
  await issue(rc8, ctx.procurator2, 'review_closing_report', '2026-06-12');
  await issue(rc8, ctx.procurator2, 'termination_decision', '2026-06-15');
  await closeCase(db, ctx.procurator2, rc8, { version: await caseVersion(rc8), on: '2026-06-16', reason: '终结审查' });

  // 9. Illegal act: public rental housing; suggestion objected to, objection rejected, partial reply awaiting evaluation.
  const ia9 = await clueAndCase(
    ctx.procurator1,
    { source: 'manual', title: '公共租赁住房承租人名下有房未退出', subjectName: '马丽', subjectIdNumber: id('11010519811212009'), matter: '公租房违规占用', receivedOn: '2026-07-20', agencyId: org('住建'), summary: '大数据模型筛查发现承租人名下登记有商品住房。' },
    'illegal_act',
    '住建',
    ctx.procurator1,
    '2026-07-22',
  );
  await review(ia9, ctx.procurator1, '经调查核实，承租人马丽于2025年购买商品住房一套，仍承租公共租赁住房。', suggestionForm({
    origin: '运用“公租房违规占用”大数据法律监督模型筛查发现',
    problems: ['承租人取得其他住房后未按规定退出公共租赁住房', '住房保障部门未开展年度复核'],
    corrections: ['依法收回该公共租赁住房', '建立与不动产登记数据的定期比对机制'],
    legalBasis: ['《公共租赁住房管理办法》第二十九条、第三十一条'],
  }));
  const sg9 = await issue(ia9, ctx.procurator1, 'procuratorial_suggestion', '2026-08-28', { suggestionKind: 'individual' });
  await serve(sg9, '2026-09-01', '2026-09-01');
  const objection = await raiseObjection(db, ctx.housing, sg9, { grounds: '承租人已于8月提出退租申请', raisedOn: '2026-09-04' });
  await decideObjection(db, ctx.chief, objection.id, { decision: 'rejected', reasons: '退租尚未完成，房屋仍被占用，建议依法督促收回。', on: '2026-09-09', caseVersion: await caseVersion(ia9) });
  // The housing office confirms one unit (52.3 m²) taken back and the rent subsidy repaid.
  await reply(sg9, ctx.housing, { result: 'partially_adopted', summary: '已向承租人送达退租通知，定期比对机制正在建立。', repliedOn: '2026-10-28', unitsReclaimed: 1, areaReclaimed: 52.3, reclaimedOn: '2026-10-20', recoveredAmount: 18600, recoveredOn: '2026-10-25' });

  // 10. Illegal act: market regulation refused; follow-up letter drafted.
  const ia10 = await clueAndCase(
    ctx.procurator2,
    { source: 'complaint', title: '超市销售过期食品未依法查处', subjectName: null, matter: '销售过期食品', receivedOn: '2026-04-15', agencyId: org('市场'), summary: '群众举报某超市长期销售过期食品，市场监管部门仅口头警告。' },
    'illegal_act',
    '市场',
    ctx.procurator2,
    '2026-04-20',
  );
  await review(ia10, ctx.procurator2, '经调查，该超市2026年3月至4月间多次销售超过保质期的食品，市场监管部门未立案查处。', suggestionForm({
    origin: '办理群众举报',
    problems: ['对销售过期食品的违法行为未依法立案查处'],
    corrections: ['依法立案查处', '加强对辖区超市的日常监督检查'],
    legalBasis: ['《中华人民共和国食品安全法》第三十四条、第一百二十四条'],
  }));
  const sg10 = await issue(ia10, ctx.procurator2, 'procuratorial_suggestion', '2026-05-28', { suggestionKind: 'individual' });
  await serve(sg10, '2026-06-01', '2026-06-02');
  const r10 = await reply(sg10, ctx.market, { result: 'not_adopted', summary: '经核查该超市已整改。', reasons: '该超市已主动下架过期食品，情节轻微。', repliedOn: '2026-07-20' });
  await evaluateReply(db, ctx.procurator2, r10.id, { evaluation: 'not_adopted', note: '未对违法行为立案查处，理由不能成立', on: '2026-07-24', next: 'follow_up', caseVersion: await caseVersion(ia10) });
  await issue(ia10, ctx.procurator2, 'follow_up_letter', '2026-07-28', { stopAt: 'draft' });

  // 11. Illegal act under investigation (education), assigned later by the head.
  const ia11 = await clueAndCase(
    ctx.education,
    { source: 'agency_transfer', title: '某培训机构聘用有性侵害违法记录人员', subjectName: '黄某', matter: '从业禁止', receivedOn: '2026-11-10', summary: '教委在入职查询中发现培训机构一名员工有违法记录。' },
    'illegal_act',
    '教',
    null,
    '2026-11-12',
  );
  await assignCase(db, ctx.head, ia11, { version: await caseVersion(ia11), procuratorId: procurator(ctx.procurator2), on: '2026-11-13' });

  // Clues still waiting for evaluation.
  await registerClue(db, ctx.procurator1, { source: 'complaint', title: '某小区违法建设未被拆除', summary: '群众反映小区顶层加盖房屋，城管部门未处理。', matter: '违法建设', receivedOn: '2026-11-19' });
  await registerClue(db, ctx.market, { source: 'agency_transfer', title: '某公司涉嫌假冒注册商标，涉案金额较大', summary: '执法检查中查获假冒商标商品，货值约8万元，涉嫌犯罪。', matter: '假冒注册商标', receivedOn: '2026-11-21' });
  await startFollowUpIfNeeded();
  return true;

  async function startFollowUpIfNeeded() {
    // Overdue opinion of case 2: the procurator has started following up (silence from the agency).
    await startFollowUp(db, ctx.procurator2, rc2, { version: await caseVersion(rc2), on: '2026-11-02', reason: '公安机关逾期未回复检察意见' });
    await issue(rc2, ctx.procurator2, 'follow_up_letter', '2026-11-04', { stopAt: 'draft' });
    // … and has told the police bureau's superior (通报), whose answer is expected in December.
    await recordEscalationNotice(db, ctx.procurator2, rc2, {
      version: await caseVersion(rc2),
      recipientKind: 'superior_agency',
      recipientName: '北京市公安局',
      documentIds: [op2],
      content: '朝阳分局收到京朝检行意〔2026〕2号检察意见书后逾期未回复，经电话催告仍未答复，特予通报，请督促依法处理并书面回复。',
      sentOn: '2026-11-05',
      method: 'written',
      answerExpectedBy: '2026-12-04',
    });
  }
}

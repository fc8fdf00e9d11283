import { describe, expect, it } from 'vitest';
import { chineseNumeral, draftDocument, unfilledBlanks, type DraftFacts } from './templates';
import { DOCUMENT_TYPES, type DocumentContent } from './types';

const REVERSE: DraftFacts = {
  procuratorate: '北京市朝阳区人民检察院',
  department: '第七检察部',
  procurator: '王五',
  person: { name: '张三', idNumber: '11010519900307283X', address: '北京市朝阳区建国路1号' },
  nonProsecution: { number: '京朝检刑不诉〔2026〕5号', date: '2026-01-10', kind: 'discretionary', charge: '危险驾驶' },
  factsFound: '2025年10月3日22时许，张三饮酒后驾驶小型轿车被查获，血液中乙醇含量为95mg/100ml',
  evidence: ['血液酒精含量检验报告', '现场执法视频'],
  proposedSanction: '吊销机动车驾驶证',
  sanctionProvisions: ['《中华人民共和国道路交通安全法》第九十一条第二款'],
  agency: '北京市公安局公安交通管理局朝阳交通支队',
  copyTo: ['北京市人民检察院'],
};

const text = (content: DocumentContent) => content.paragraphs.map((p) => `${p.heading ?? ''}${p.text}`).join('\n');

describe('draftDocument', () => {
  it('drafts every type unnumbered and undated, issued by the procuratorate', () => {
    for (const type of DOCUMENT_TYPES) {
      const content = draftDocument(type, REVERSE);
      expect(content.type).toBe(type);
      expect(content.number).toBeNull();
      expect(content.signOff.date).toBeNull();
      expect(content.issuer).toBe('北京市朝阳区人民检察院');
      expect(content.paragraphs.length).toBeGreaterThan(2);
      expect(content.internal).toBe(type === 'review_closing_report');
    }
  });

  it('drafts an opinion citing 刑事诉讼法 177(3), the penalty provision and the reply period', () => {
    const opinion = draftDocument('procuratorial_opinion', REVERSE);
    expect(opinion.title).toBe('检察意见书');
    expect(opinion.recipient).toBe('北京市公安局公安交通管理局朝阳交通支队');
    expect(opinion.copyTo).toEqual(['北京市人民检察院']);
    const body = text(opinion);
    // Gender and birth date are read from the ID number.
    expect(body).toContain('被不起诉人张三，男，1990年3月7日出生，公民身份号码11010519900307283X，住北京市朝阳区建国路1号。');
    expect(body).toContain('于2026年1月10日作出京朝检刑不诉〔2026〕5号不起诉决定书，依据《中华人民共和国刑事诉讼法》第一百七十七条第二款');
    expect(body).toContain('涉嫌危险驾驶罪一案');
    expect(body).toContain('《中华人民共和国刑事诉讼法》第一百七十七条第三款');
    expect(body).toContain('依照《中华人民共和国道路交通安全法》第九十一条第二款的规定，对张三吊销机动车驾驶证');
    expect(body).toContain('有血液酒精含量检验报告、现场执法视频等证据证实');
    expect(body).toContain('请你单位在收到本检察意见书之日起二个月内将处理结果书面回复本院。');
    expect(unfilledBlanks(opinion)).toEqual([]);
    expect(text(draftDocument('procuratorial_opinion', { ...REVERSE, replyMonths: 1 }))).toContain('之日起一个月内');
  });

  it('cites the provision matching the kind of non-prosecution', () => {
    const provision = (kind: NonNullable<DraftFacts['nonProsecution']>['kind']) =>
      text(draftDocument('procuratorial_opinion', { ...REVERSE, nonProsecution: { ...REVERSE.nonProsecution!, kind } }));
    expect(provision('statutory')).toContain('第一百七十七条第一款');
    expect(provision('insufficient_evidence')).toContain('第一百七十五条第四款');
    expect(provision('conditional')).toContain('第二百八十四条第二款');
  });

  it('leaves marked blanks for missing facts instead of inventing them', () => {
    const opinion = draftDocument('procuratorial_opinion', {
      procuratorate: '某县人民检察院',
      person: { name: '李四' },
      nonProsecution: REVERSE.nonProsecution,
    });
    expect(opinion.recipient).toBe('【待填写：主送单位】');
    expect(text(opinion)).toContain('依照【待填写：处罚依据】的规定');
    expect(unfilledBlanks(opinion)).toEqual(['主送单位', '性别', '出生日期', '公民身份号码', '住址', '查明的事实', '证据名称', '处罚依据', '建议给予的行政处罚']);
  });

  it('drafts a suggestion citing 组织法 art. 21 and the 检察建议工作规定, with problems and corrections numbered', () => {
    const suggestion = draftDocument('procuratorial_suggestion', {
      procuratorate: '北京市朝阳区人民检察院',
      agency: '北京市朝阳区市场监督管理局',
      suggestionKind: 'individual',
      origin: '办理张三行刑反向衔接案件',
      factsFound: '你单位对某公司无照经营行为未予查处',
      evidence: ['营业执照查询记录'],
      problems: ['未依法履行查处职责', '执法台账缺失'],
      causes: '监管责任落实不到位',
      corrections: ['依法查处某公司无照经营行为', '建立执法台账'],
      legalBasis: ['《无证无照经营查处办法》第二条'],
      objectionDays: 5,
      replyMonths: 2,
      copyTo: ['北京市朝阳区人民代表大会常务委员会'],
    });
    expect(suggestion.title).toBe('检察建议书');
    expect(suggestion.annex).toBeNull();
    const body = text(suggestion);
    expect(body).toContain('本院在办理张三行刑反向衔接案件中发现，你单位在行政执法活动中存在违法行使职权或者不行使职权的情形');
    expect(body).toContain('《中华人民共和国人民检察院组织法》第二十一条和《人民检察院检察建议工作规定》');
    expect(body).toContain('（一）未依法履行查处职责。\n（二）执法台账缺失。');
    expect(body).toContain('（一）依法查处某公司无照经营行为。\n（二）建立执法台账。');
    expect(body).toContain('不符合《无证无照经营查处办法》第二条的规定');
    expect(body).toContain('请你单位在收到本检察建议书之日起二个月内将办理情况书面回复本院。');
    expect(body).toContain('请在收到之日起五日内书面向本院提出');
    expect(suggestion.paragraphs.filter((p) => p.heading).map((p) => p.heading)).toEqual(['一、基本情况', '二、存在的问题', '三、检察建议']);
    expect(unfilledBlanks(suggestion)).toEqual([]);
  });

  it('gives a class suggestion an annex of the cases, numbered', () => {
    const suggestion = draftDocument('procuratorial_suggestion', {
      procuratorate: '北京市朝阳区人民检察院',
      suggestionKind: 'class',
      annexColumns: ['当事人', '处罚决定书文号'],
      annexRows: [
        ['赵某', '京朝市监罚〔2025〕11号'],
        ['钱某', '京朝市监罚〔2025〕12号'],
      ],
    });
    expect(suggestion.annex).toEqual({
      title: '涉及案件清单',
      columns: ['序号', '当事人', '处罚决定书文号'],
      rows: [
        ['1', '赵某', '京朝市监罚〔2025〕11号'],
        ['2', '钱某', '京朝市监罚〔2025〕12号'],
      ],
    });
    expect(text(suggestion)).toContain('共涉及2件案件，具体情况详见附件');
    expect(text(suggestion)).toContain('在办理同类行政执法案件中存在共性问题');
  });

  it('drafts a follow-up letter for silence or for an unsatisfactory reply', () => {
    const earlierDocument = { type: 'procuratorial_opinion' as const, number: '京朝检行意〔2026〕3号', date: '2026-03-05', servedOn: '2026-03-06' };
    const silent = draftDocument('follow_up_letter', { ...REVERSE, earlierDocument, agencyReply: null, outstanding: '对张三的处罚尚未作出' });
    expect(silent.title).toBe('跟进监督函');
    expect(text(silent)).toContain('本院于2026年3月5日向你单位制发京朝检行意〔2026〕3号检察意见书，建议你单位依法对张三吊销机动车驾驶证。');
    expect(text(silent)).toContain('该检察意见书已于2026年3月6日送达你单位');
    expect(text(silent)).toContain('未在规定期限内将处理结果书面回复本院');
    expect(text(silent)).toContain('在收到本函之日起一个月内');
    const replied = draftDocument('follow_up_letter', {
      ...REVERSE,
      earlierDocument: { ...earlierDocument, type: 'procuratorial_suggestion', number: '京朝检行建〔2026〕1号' },
      agencyReply: { date: '2026-05-06', summary: '证据不足，不予处罚' },
    });
    expect(text(replied)).toContain('2026年5月6日，你单位书面回复本院称：证据不足，不予处罚。');
    expect(text(replied)).toContain('京朝检行建〔2026〕1号检察建议书');
    expect(text(replied)).toContain('《中华人民共和国人民检察院组织法》第二十一条');
    expect(unfilledBlanks(replied)).toEqual(['尚未落实的事项及理由']);
  });

  it('drafts a suspension decision with the ground and its resumption condition (指引 art. 13)', () => {
    const decision = draftDocument('suspension_decision', { ...REVERSE, reviewRegisteredOn: '2026-01-15', suspension: { ground: 'private_prosecution' } });
    expect(decision.title).toBe('中止审查决定书');
    expect(decision.recipient).toBeNull();
    const body = text(decision);
    expect(body).toContain('本院于2026年1月15日对张三是否需要给予行政处罚进行审查');
    expect(body).toContain('审查期间，被害人就本案向人民法院提起自诉。');
    expect(body).toContain('《人民检察院行刑反向衔接工作指引》第十三条');
    expect(body).toContain('待人民法院对自诉作出不予受理或者驳回起诉的裁定后，本院将恢复审查');
    const other = draftDocument('suspension_decision', {
      procuratorate: '某县人民检察院',
      caseName: '某局未依法履行监管职责案',
      suspension: { ground: 'other', detail: '需等待鉴定意见', resumptionCondition: '鉴定意见作出后' },
    });
    expect(text(other)).toContain('审查期间，需等待鉴定意见。');
    expect(text(other)).toContain('中止某局未依法履行监管职责案的审查');
    expect(unfilledBlanks(other)).toEqual(['中止审查的依据']);
  });

  it('drafts a termination decision with its reasons (指引 art. 15)', () => {
    const one = draftDocument('termination_decision', { ...REVERSE, terminationReasons: ['张三的行为已被行政处罚过，依法不得重复处罚'] });
    expect(one.title).toBe('终结审查决定书');
    expect(text(one)).toContain('经审查，本院认为，张三的行为已被行政处罚过，依法不得重复处罚。');
    expect(text(one)).toContain('本院决定：终结对张三是否需要给予行政处罚的审查。');
    const two = draftDocument('termination_decision', { ...REVERSE, terminationReasons: ['已超过行政处罚追责时效', '违法行为轻微并及时改正'] });
    expect(text(two)).toContain('（一）已超过行政处罚追责时效。\n（二）违法行为轻微并及时改正。');
  });

  it('drafts the internal closing report with every section DOMAIN §8 lists', () => {
    const report = draftDocument('review_closing_report', {
      ...REVERSE,
      criminalDepartmentView: '建议给予行政处罚',
      closingReport: {
        conclusion: 'opinion',
        criminalFileExamination: '卷宗材料齐全',
        riskAssessment: '风险较低，无需预警',
        followsCriminalDepartment: true,
        opinionsHeard: [{ who: '被不起诉人张三', date: '2026-02-01', form: '当面听取', summary: '认可处罚' }],
      },
    });
    expect(report.internal).toBe(true);
    expect(report.recipient).toBeNull();
    expect(report.copyTo).toEqual([]);
    expect(report.signOff.issuer).toBe('承办检察官：王五');
    expect(report.paragraphs.filter((p) => p.heading).map((p) => p.heading)).toEqual([
      '一、被不起诉人基本情况',
      '二、刑事案件办理情况',
      '三、对刑事卷宗的审查情况',
      '四、经审查认定的事实及证据',
      '五、审查意见',
      '六、风险评估及预警',
      '七、与刑事检察部门意见不一致的情况及理由',
      '八、听取意见情况',
    ]);
    const body = text(report);
    expect(body).toContain('建议向北京市公安局公安交通管理局朝阳交通支队制发检察意见书');
    expect(body).toContain('本审查意见与刑事检察部门移送时提出的意见一致');
    expect(body).toContain('2026年2月1日，以当面听取方式听取了被不起诉人张三的意见：认可处罚。');
    expect(unfilledBlanks(report)).toEqual([]);
    const departing = draftDocument('review_closing_report', { ...REVERSE, closingReport: { conclusion: 'termination', opinionsHeard: [] } });
    expect(unfilledBlanks(departing)).toEqual(['刑事检察部门意见', '对刑事卷宗的审查情况', '终结审查的理由', '风险评估及预警', '与刑事检察部门意见不一致的理由']);
    expect(text(departing)).toContain('本案未听取有关单位和人员的意见');
  });

  it('drafts the objection review notice for each result', () => {
    const objection = { date: '2026-04-01', suggestionNumber: '京朝检行建〔2026〕3号', grounds: '不属于本单位职责', reasons: '该事项属于你单位法定职责' };
    const rejected = draftDocument('objection_review_notice', { ...REVERSE, objection: { ...objection, result: 'rejected' } });
    expect(rejected.title).toBe('复核结果通知书');
    expect(rejected.recipient).toBe(REVERSE.agency);
    expect(text(rejected)).toContain('你单位于2026年4月1日对本院京朝检行建〔2026〕3号检察建议书提出异议，认为：不属于本单位职责。');
    expect(text(rejected)).toContain('本院决定维持京朝检行建〔2026〕3号检察建议书');
    const withdrawn = draftDocument('objection_review_notice', { ...REVERSE, objection: { ...objection, from: '某局', result: 'upheld_withdrawn' } });
    expect(withdrawn.recipient).toBe('某局');
    expect(text(withdrawn)).toContain('本院决定撤回京朝检行建〔2026〕3号检察建议书');
    const revised = draftDocument('objection_review_notice', { ...REVERSE, objection: { ...objection, result: 'upheld_revised' } });
    expect(unfilledBlanks(revised)).toEqual(['修改后的检察建议内容']);
  });

  it('refuses a missing procuratorate or an impossible reply period', () => {
    expect(() => draftDocument('procuratorial_opinion', { ...REVERSE, procuratorate: ' ' })).toThrow(RangeError);
    expect(() => draftDocument('procuratorial_opinion', { ...REVERSE, replyMonths: 0 })).toThrow(RangeError);
    expect(() => draftDocument('procuratorial_opinion', { ...REVERSE, replyMonths: 1.5 })).toThrow(RangeError);
  });
});

describe('chineseNumeral', () => {
  it('writes periods as documents do', () => {
    expect([1, 2, 10, 12, 15, 20, 31, 99].map(chineseNumeral)).toEqual(['一', '二', '十', '十二', '十五', '二十', '三十一', '九十九']);
    expect(() => chineseNumeral(0)).toThrow(RangeError);
  });
});

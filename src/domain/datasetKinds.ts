/**
 * Dataset kinds (DATA-SPEC §1): the canonical columns of what agencies hand over, with the
 * Chinese headers real exports use. The built-in kinds below are plain data; kinds that users
 * define are stored in the system with the same shape.
 */
import { normalizeHeader } from './values';

export const COLUMN_TYPES = ['id', 'name', 'date', 'month', 'money', 'decimal', 'int', 'text', 'enum'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** One allowed value of an enum column: the canonical value and the Chinese labels accepted
 * for it (the first label is the one shown). */
export interface EnumOption {
  value: string;
  labels: string[];
}

export interface ColumnDefinition {
  /** snake_case; also the column's name in the warehouse. */
  name: string;
  type: ColumnType;
  /** A row without a value here is rejected. */
  required: boolean;
  /** Headers accepted for this column besides its name; the first is its display label. */
  aliases: string[];
  /** Enum columns only. */
  values?: EnumOption[];
  /** No two rows of one import may share a value. */
  unique?: boolean;
}

export interface KindDefinition {
  /** snake_case identifier, e.g. `public_housing_tenants`. */
  kind: string;
  label: string;
  columns: ColumnDefinition[];
}

type ColumnOptions = Partial<Pick<ColumnDefinition, 'required' | 'unique'>>;

function column(name: string, type: Exclude<ColumnType, 'enum'>, aliases: string[], options: ColumnOptions = {}): ColumnDefinition {
  return { name, type, required: options.required ?? false, aliases, ...(options.unique && { unique: true }) };
}

const required = { required: true };

function enumColumn(name: string, values: EnumOption[], aliases: string[], options: ColumnOptions = {}): ColumnDefinition {
  return { name, type: 'enum', required: options.required ?? false, aliases, values };
}

const option = (value: string, ...labels: string[]): EnumOption => ({ value, labels });

const SECTORS = [
  option('education', '教育'),
  option('childcare', '托育'),
  option('food', '食品'),
  option('transport', '交通运输'),
  option('healthcare', '医疗卫生'),
  option('security', '保安'),
];

export const BUILT_IN_KINDS: readonly KindDefinition[] = [
  {
    kind: 'public_housing_tenants',
    label: '公租房承租人',
    columns: [
      column('contract_no', 'text', ['合同编号', '合同号'], { required: true, unique: true }),
      column('tenant_id_number', 'id', ['承租人身份证号', '身份证号', '证件号码'], required),
      column('tenant_name', 'name', ['承租人姓名', '承租人', '姓名'], required),
      column('unit_id', 'text', ['房屋编号', '房源编号'], required),
      column('address', 'text', ['房屋地址', '地址', '坐落']),
      column('lease_start', 'date', ['起租日期', '租赁开始日期'], required),
      column('lease_end', 'date', ['止租日期', '租赁结束日期']),
      enumColumn('status', [option('active', '在租'), option('terminated', '退租', '已退租')], ['状态', '租赁状态'], required),
    ],
  },
  {
    kind: 'property_registrations',
    label: '不动产登记',
    columns: [
      column('certificate_no', 'text', ['不动产权证号', '权证号'], required),
      column('owner_id_number', 'id', ['权利人证件号', '权利人身份证号', '证件号码'], required),
      column('owner_name', 'name', ['权利人', '权利人姓名'], required),
      column('address', 'text', ['坐落', '地址']),
      column('area_m2', 'decimal', ['面积', '建筑面积']),
      column('registered_on', 'date', ['登记日期', '登簿日期'], required),
      enumColumn('status', [option('valid', '有效', '现势'), option('cancelled', '注销', '历史')], ['状态', '权属状态'], required),
    ],
  },
  {
    kind: 'vehicle_registrations',
    label: '机动车登记',
    columns: [
      column('plate_no', 'text', ['号牌号码', '车牌号'], required),
      column('owner_id_number', 'id', ['所有人证件号', '身份证明号码', '证件号码'], required),
      column('owner_name', 'name', ['机动车所有人', '所有人'], required),
      column('vehicle_type', 'text', ['车辆类型']),
      column('purchase_price', 'money', ['购置价格', '车辆价格']),
      column('registered_on', 'date', ['初次登记日期', '登记日期']),
      enumColumn('status', [option('valid', '正常'), option('cancelled', '注销', '报废')], ['状态', '机动车状态'], required),
    ],
  },
  {
    kind: 'business_registrations',
    label: '市场主体登记',
    columns: [
      column('uscc', 'text', ['统一社会信用代码'], required),
      column('company_name', 'text', ['企业名称', '名称'], required),
      column('legal_rep_id_number', 'id', ['法定代表人证件号', '法定代表人身份证号'], required),
      column('legal_rep_name', 'name', ['法定代表人'], required),
      column('registered_capital', 'money', ['注册资本']),
      column('established_on', 'date', ['成立日期']),
      enumColumn(
        'status',
        [option('active', '存续', '在业'), option('revoked', '吊销'), option('cancelled', '注销')],
        ['登记状态', '状态'],
        required,
      ),
    ],
  },
  {
    kind: 'death_records',
    label: '死亡登记',
    columns: [
      column('id_number', 'id', ['身份证号', '公民身份号码'], required),
      column('name', 'name', ['姓名'], required),
      column('death_date', 'date', ['死亡日期'], required),
    ],
  },
  {
    kind: 'detention_records',
    label: '羁押服刑',
    columns: [
      column('id_number', 'id', ['身份证号'], required),
      column('name', 'name', ['姓名'], required),
      enumColumn('kind', [option('detention', '羁押'), option('imprisonment', '服刑')], ['类型']),
      column('start_date', 'date', ['起始日期', '入所日期'], required),
      // Empty while the person is still held.
      column('end_date', 'date', ['结束日期', '出所日期']),
    ],
  },
  {
    kind: 'utility_usage',
    label: '用电记录',
    columns: [
      column('unit_id', 'text', ['房屋编号', '户号'], required),
      column('month', 'month', ['月份', '账期'], required),
      column('kwh', 'decimal', ['用电量', '用电量(千瓦时)'], required),
    ],
  },
  {
    kind: 'practitioners',
    label: '从业人员',
    columns: [
      enumColumn('sector', SECTORS, ['行业'], required),
      column('id_number', 'id', ['身份证号'], required),
      column('name', 'name', ['姓名'], required),
      column('employer', 'text', ['单位', '工作单位']),
      column('position', 'text', ['岗位', '职务']),
      enumColumn('status', [option('active', '在职'), option('left', '离职')], ['状态', '在职状态'], required),
    ],
  },
  {
    kind: 'criminal_judgments',
    label: '刑事判决',
    columns: [
      column('case_no', 'text', ['案号'], required),
      column('court', 'text', ['法院', '审判法院']),
      column('defendant_id_number', 'id', ['被告人身份证号', '身份证号'], required),
      column('defendant_name', 'name', ['被告人', '被告人姓名'], required),
      column('charge', 'text', ['罪名'], required),
      column('judgment_date', 'date', ['判决日期', '裁判日期'], required),
      enumColumn(
        'sentence_type',
        [
          option('exempted', '免予刑事处罚'),
          option('fine_only', '单处罚金'),
          option('criminal_detention', '拘役'),
          option('fixed_term', '有期徒刑'),
          option('life', '无期徒刑'),
          option('death', '死刑'),
        ],
        ['主刑', '刑罚种类'],
        required,
      ),
      column('sentence_months', 'int', ['刑期(月)']),
      enumColumn('ban_sector', SECTORS, ['禁止从业行业']),
      column('ban_until', 'date', ['从业禁止截止日期']),
    ],
  },
  {
    kind: 'social_benefit_payments',
    label: '社保待遇发放',
    columns: [
      enumColumn(
        'benefit_type',
        [option('pension', '养老金'), option('unemployment', '失业保险金'), option('subsistence', '低保')],
        ['待遇类型'],
        required,
      ),
      column('id_number', 'id', ['身份证号'], required),
      column('name', 'name', ['姓名'], required),
      column('month', 'month', ['发放月份'], required),
      column('amount', 'money', ['发放金额'], required),
    ],
  },
  {
    kind: 'driver_licenses',
    label: '驾驶证',
    columns: [
      column('id_number', 'id', ['身份证明号码', '身份证号'], required),
      column('name', 'name', ['姓名'], required),
      column('license_class', 'text', ['准驾车型']),
      enumColumn(
        'status',
        [option('valid', '正常'), option('revoked', '吊销'), option('cancelled', '注销')],
        ['状态', '驾驶证状态'],
        required,
      ),
      column('issued_on', 'date', ['初次领证日期']),
    ],
  },
  {
    kind: 'non_prosecution_decisions',
    label: '不起诉决定',
    columns: [
      column('decision_no', 'text', ['文书号', '不起诉决定书文号'], required),
      column('procuratorate', 'text', ['检察院']),
      column('id_number', 'id', ['被不起诉人身份证号', '身份证号'], required),
      column('name', 'name', ['被不起诉人', '姓名'], required),
      column('charge', 'text', ['罪名', '涉嫌罪名'], required),
      enumColumn(
        'kind',
        [
          option('statutory', '法定不起诉'),
          option('discretionary', '酌定不起诉', '相对不起诉'),
          option('insufficient_evidence', '存疑不起诉'),
          option('conditional', '附条件不起诉'),
        ],
        ['不起诉类型'],
        required,
      ),
      column('decided_on', 'date', ['决定日期'], required),
      column('facts', 'text', ['案情摘要', '主要事实']),
    ],
  },
  {
    kind: 'admin_penalties',
    label: '行政处罚',
    columns: [
      column('decision_no', 'text', ['处罚决定书文号', '文号'], required),
      column('agency', 'text', ['执法机关', '处罚机关'], required),
      // A resident ID for persons, a USCC for organizations: kept as text, not validated as an ID.
      column('party_id', 'text', ['当事人证件号', '证件号码'], required),
      column('party_name', 'text', ['当事人', '当事人名称'], required),
      enumColumn(
        'violation_code',
        [
          option('counterfeit_goods', '销售伪劣产品'),
          option('illegal_business', '非法经营'),
          option('trademark_counterfeiting', '假冒注册商标'),
          option('tax_evasion', '逃税'),
          option('other', '其他'),
        ],
        ['违法行为类型'],
        required,
      ),
      column('amount_involved', 'money', ['涉案金额', '违法经营额']),
      column('fine', 'money', ['罚款金额']),
      column('decided_on', 'date', ['处罚日期', '决定日期'], required),
      enumColumn('transferred', [option('yes', '是', '已移送'), option('no', '否', '未移送')], ['是否移送', '移送情况'], required),
      // Optional (added for 行政非诉执行监督): whether the party carried out the decision. Files
      // without this column stay valid; an empty cell means "not recorded", never "no".
      enumColumn('performed', [option('yes', '是', '已履行', '已缴纳'), option('no', '否', '未履行', '未缴纳')], ['履行情况', '是否履行', '缴纳情况']),
    ],
  },
  {
    // 行政非诉执行: an agency without its own enforcement power applies to the court to enforce
    // its decision (行政强制法 arts. 53–58). One row per application (收案) as courts record it.
    kind: 'court_enforcement_filings',
    label: '法院非诉执行申请',
    columns: [
      column('filing_no', 'text', ['执行案号', '案号', '收案号'], required),
      column('court', 'text', ['法院', '受理法院', '执行法院'], required),
      column('applicant_agency', 'text', ['申请机关', '申请执行人', '申请人'], required),
      column('penalty_decision_no', 'text', ['执行依据文号', '行政决定文号', '处罚决定书文号', '决定书文号'], required),
      // Like admin_penalties.party_id: a resident ID for persons, a USCC for organizations (most
      // respondents of market-regulation penalties are companies), so text, not validated as an ID.
      column('respondent_id', 'text', ['被执行人证件号', '被执行人证件号码', '证件号码']),
      column('respondent_name', 'text', ['被执行人', '被执行人名称']),
      column('filed_on', 'date', ['申请日期', '收案日期', '立案日期'], required),
      enumColumn(
        'ruling',
        [
          option('granted', '准予执行', '裁定准予执行'),
          option('refused', '不准予执行', '裁定不准予执行'),
          option('pending', '审查中', '未裁定'),
          option('withdrawn', '撤回', '撤回申请'),
        ],
        ['裁定结果', '审查结果'],
      ),
      column('ruled_on', 'date', ['裁定日期']),
    ],
  },
];

const builtIns = new Map(BUILT_IN_KINDS.map((k) => [k.kind, k]));

export function builtInKind(kind: string): KindDefinition | undefined {
  return builtIns.get(kind);
}

/** The label shown for a column: its first Chinese alias, or its name. */
export function columnLabel(column: ColumnDefinition): string {
  return column.aliases[0] ?? column.name;
}

/** Warehouse column holding whether an `id` column's value is a valid resident ID number
 * (DATA-SPEC §2: an invalid ID is kept, flagged, and never matched exactly). */
export function idValidColumn(column: ColumnDefinition): string {
  return `${column.name}_valid`;
}

/** Warehouse column holding the pinyin of a `name` column ("zhang san"), written at import for
 * display and fuzzy matching (DATA-SPEC §2). */
export function namePinyinColumn(column: ColumnDefinition): string {
  return `${column.name}_pinyin`;
}

const SNAKE_CASE = /^[a-z][a-z0-9_]*$/;

/** One problem of a kind definition: where (a dotted path into the definition, e.g.
 * `columns.2.aliases.0`) and what. */
export interface KindDefinitionIssue {
  path: string;
  message: string;
}

/**
 * What is wrong with a kind definition, as sentences; empty when it is usable. Header matching
 * depends on every alias naming exactly one column, and enum parsing on every label naming one
 * value, so a definition breaking either is refused rather than imported by declaration order.
 */
export function kindDefinitionProblems(def: KindDefinition): string[] {
  return kindDefinitionIssues(def).map((i) => i.message);
}

/** kindDefinitionProblems with the place of each problem in the definition. */
export function kindDefinitionIssues(def: KindDefinition): KindDefinitionIssue[] {
  const problems: KindDefinitionIssue[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  if (!SNAKE_CASE.test(def.kind)) problem('kind', `kind "${def.kind}" is not snake_case`);
  if (def.columns.length === 0) problem('columns', 'a kind needs at least one column');
  const names = new Set<string>();
  const headers = new Map<string, string>();
  def.columns.forEach((c, i) => {
    const at = `columns.${i}`;
    if (!SNAKE_CASE.test(c.name)) problem(`${at}.name`, `column "${c.name}" is not snake_case`);
    if (names.has(c.name)) problem(`${at}.name`, `column "${c.name}" is defined twice`);
    names.add(c.name);
    [c.name, ...c.aliases].forEach((header, j) => {
      const key = normalizeHeader(header);
      const owner = headers.get(key);
      if (owner !== undefined && owner !== c.name) problem(j === 0 ? `${at}.name` : `${at}.aliases.${j - 1}`, `header "${header}" names both ${owner} and ${c.name}`);
      headers.set(key, c.name);
    });
    if ((c.type === 'enum') !== (c.values !== undefined && c.values.length > 0)) {
      problem(`${at}.values`, `column "${c.name}": enum values are needed exactly for enum columns`);
    }
    const labels = new Map<string, string>();
    (c.values ?? []).forEach((v, k) => {
      [v.value, ...v.labels].forEach((label, j) => {
        const key = normalizeHeader(label);
        const owner = labels.get(key);
        if (owner !== undefined && owner !== v.value) {
          problem(j === 0 ? `${at}.values.${k}.value` : `${at}.values.${k}.labels.${j - 1}`, `column "${c.name}": label "${label}" names both ${owner} and ${v.value}`);
        }
        labels.set(key, v.value);
      });
    });
  });
  def.columns.forEach((c, i) => {
    if (c.type === 'id' && names.has(idValidColumn(c))) {
      const clash = def.columns.findIndex((o) => o.name === idValidColumn(c));
      problem(`columns.${clash >= 0 ? clash : i}.name`, `column "${idValidColumn(c)}" clashes with the validity flag of ${c.name}`);
    }
    if (c.type === 'name' && names.has(namePinyinColumn(c))) {
      const clash = def.columns.findIndex((o) => o.name === namePinyinColumn(c));
      problem(`columns.${clash >= 0 ? clash : i}.name`, `column "${namePinyinColumn(c)}" clashes with the pinyin of ${c.name}`);
    }
  });
  for (const reserved of RESERVED_COLUMNS) {
    if (names.has(reserved)) problem(`columns.${def.columns.findIndex((c) => c.name === reserved)}.name`, `column name "${reserved}" is reserved`);
  }
  return problems;
}

/** Warehouse columns every dataset table has besides the kind's own. */
export const RESERVED_COLUMNS = ['_line', 'extra'] as const;

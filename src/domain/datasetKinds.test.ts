import { describe, expect, it } from 'vitest';
import { BUILT_IN_KINDS, builtInKind, columnLabel, idValidColumn, kindDefinitionIssues, kindDefinitionProblems, type KindDefinition } from './datasetKinds';
import { parseEnum } from './values';

describe('built-in dataset kinds', () => {
  it('are the thirteen kinds of DATA-SPEC §1 and the court enforcement filings of docs/models.md', () => {
    expect(BUILT_IN_KINDS.map((k) => k.kind)).toEqual([
      'public_housing_tenants',
      'property_registrations',
      'vehicle_registrations',
      'business_registrations',
      'death_records',
      'detention_records',
      'utility_usage',
      'practitioners',
      'criminal_judgments',
      'social_benefit_payments',
      'driver_licenses',
      'non_prosecution_decisions',
      'admin_penalties',
      'court_enforcement_filings',
    ]);
  });

  it.each(BUILT_IN_KINDS.map((k) => [k.kind, k] as const))('%s is a consistent definition', (_kind, def) => {
    expect(kindDefinitionProblems(def)).toEqual([]);
    expect(def.columns.some((c) => c.required)).toBe(true);
  });

  it('keeps the column names, types and required flags of the spec', () => {
    const tenants = builtInKind('public_housing_tenants')!;
    expect(tenants.columns.map((c) => `${c.name}:${c.type}${c.required ? '*' : ''}`)).toEqual([
      'contract_no:text*',
      'tenant_id_number:id*',
      'tenant_name:name*',
      'unit_id:text*',
      'address:text',
      'lease_start:date*',
      'lease_end:date',
      'status:enum*',
    ]);
    expect(tenants.columns[0].unique).toBe(true);
    expect(builtInKind('admin_penalties')!.columns.find((c) => c.name === 'party_id')!.type).toBe('text');
    expect(builtInKind('utility_usage')!.columns.map((c) => c.type)).toEqual(['text', 'month', 'decimal']);
    expect(builtInKind('criminal_judgments')!.columns.find((c) => c.name === 'sentence_months')!.type).toBe('int');
  });

  it('accepts every Chinese enum label listed in the spec', () => {
    const status = (kind: string, column: string) => builtInKind(kind)!.columns.find((c) => c.name === column)!;
    const spec = (kind: string, column: string) => ({ values: status(kind, column).values! });
    expect(parseEnum('已退租', spec('public_housing_tenants', 'status'))).toEqual({ ok: true, value: 'terminated' });
    expect(parseEnum('现势', spec('property_registrations', 'status'))).toEqual({ ok: true, value: 'valid' });
    expect(parseEnum('历史', spec('property_registrations', 'status'))).toEqual({ ok: true, value: 'cancelled' });
    expect(parseEnum('报废', spec('vehicle_registrations', 'status'))).toEqual({ ok: true, value: 'cancelled' });
    expect(parseEnum('在业', spec('business_registrations', 'status'))).toEqual({ ok: true, value: 'active' });
    expect(parseEnum('相对不起诉', spec('non_prosecution_decisions', 'kind'))).toEqual({ ok: true, value: 'discretionary' });
    expect(parseEnum('未移送', spec('admin_penalties', 'transferred'))).toEqual({ ok: true, value: 'no' });
    expect(parseEnum('托育', spec('criminal_judgments', 'ban_sector'))).toEqual({ ok: true, value: 'childcare' });
    expect(parseEnum('有期徒刑', spec('criminal_judgments', 'sentence_type'))).toEqual({ ok: true, value: 'fixed_term' });
  });

  it('describes court enforcement filings, and admin_penalties.performed as an optional column', () => {
    const filings = builtInKind('court_enforcement_filings')!;
    expect(filings.label).toBe('法院非诉执行申请');
    expect(filings.columns.map((c) => `${c.name}:${c.type}${c.required ? '*' : ''}`)).toEqual([
      'filing_no:text*',
      'court:text*',
      'applicant_agency:text*',
      'penalty_decision_no:text*',
      'respondent_id:text',
      'respondent_name:text',
      'filed_on:date*',
      'ruling:enum',
      'ruled_on:date',
    ]);
    const ruling = { values: filings.columns.find((c) => c.name === 'ruling')!.values! };
    expect(parseEnum('裁定准予执行', ruling)).toEqual({ ok: true, value: 'granted' });
    expect(parseEnum('不准予执行', ruling)).toEqual({ ok: true, value: 'refused' });
    expect(parseEnum('未裁定', ruling)).toEqual({ ok: true, value: 'pending' });
    expect(parseEnum('撤回申请', ruling)).toEqual({ ok: true, value: 'withdrawn' });
    expect(filings.columns.find((c) => c.name === 'penalty_decision_no')!.aliases).toEqual(expect.arrayContaining(['执行依据文号', '处罚决定书文号']));

    const penalties = builtInKind('admin_penalties')!;
    const performed = penalties.columns.find((c) => c.name === 'performed')!;
    expect(performed).toMatchObject({ type: 'enum', required: false, aliases: ['履行情况', '是否履行', '缴纳情况'] });
    expect(parseEnum('未缴纳', { values: performed.values! })).toEqual({ ok: true, value: 'no' });
    expect(parseEnum('已履行', { values: performed.values! })).toEqual({ ok: true, value: 'yes' });
    // Additive: the spec's columns keep their names, order and required flags.
    expect(penalties.columns.map((c) => `${c.name}${c.required ? '*' : ''}`)).toEqual([
      'decision_no*', 'agency*', 'party_id*', 'party_name*', 'violation_code*', 'amount_involved', 'fine', 'decided_on*', 'transferred*', 'performed',
    ]);
  });

  it('labels columns with their first Chinese alias and names the ID validity flag', () => {
    const owner = builtInKind('property_registrations')!.columns[1];
    expect(columnLabel(owner)).toBe('权利人证件号');
    expect(idValidColumn(owner)).toBe('owner_id_number_valid');
  });
});

describe('kindDefinitionProblems', () => {
  const base: KindDefinition = {
    kind: 'school_staff',
    label: '学校教职工',
    columns: [
      { name: 'id_number', type: 'id', required: true, aliases: ['身份证号'] },
      { name: 'name', type: 'name', required: true, aliases: ['姓名'] },
    ],
  };

  it('accepts a simple custom kind', () => {
    expect(kindDefinitionProblems(base)).toEqual([]);
  });

  it('refuses an alias that names two columns, even written differently', () => {
    const def = { ...base, columns: [...base.columns, { name: 'other_id', type: 'text' as const, required: false, aliases: ['身份 证号'] }] };
    expect(kindDefinitionProblems(def)).toEqual(['header "身份 证号" names both id_number and other_id']);
  });

  it('refuses an enum label that names two values, and enum values on other types', () => {
    const def: KindDefinition = {
      ...base,
      columns: [
        ...base.columns,
        { name: 'status', type: 'enum', required: false, aliases: [], values: [{ value: 'a', labels: ['在职'] }, { value: 'b', labels: ['在职'] }] },
        { name: 'note', type: 'text', required: false, aliases: [], values: [{ value: 'x', labels: [] }] },
      ],
    };
    expect(kindDefinitionProblems(def)).toEqual([
      'column "status": label "在职" names both a and b',
      'column "note": enum values are needed exactly for enum columns',
    ]);
  });

  it('refuses bad names, duplicates, reserved names and clashes with validity flags', () => {
    const def: KindDefinition = {
      kind: 'Bad Kind',
      label: 'x',
      columns: [
        { name: 'id_number', type: 'id', required: true, aliases: [] },
        { name: 'id_number_valid', type: 'text', required: false, aliases: [] },
        { name: 'extra', type: 'text', required: false, aliases: [] },
        { name: 'extra', type: 'text', required: false, aliases: [] },
        { name: 'Name', type: 'name', required: false, aliases: [] },
      ],
    };
    expect(kindDefinitionProblems(def)).toEqual([
      'kind "Bad Kind" is not snake_case',
      'column "extra" is defined twice',
      'column "Name" is not snake_case',
      'column "id_number_valid" clashes with the validity flag of id_number',
      'column name "extra" is reserved',
    ]);
  });

  it('refuses a column named like the stored pinyin of a name column', () => {
    const def: KindDefinition = {
      kind: 'visitors',
      label: '访客',
      columns: [
        { name: 'name', type: 'name', required: true, aliases: [] },
        { name: 'name_pinyin', type: 'text', required: false, aliases: [] },
      ],
    };
    expect(kindDefinitionIssues(def)).toEqual([{ path: 'columns.1.name', message: 'column "name_pinyin" clashes with the pinyin of name' }]);
  });

  it('says where each problem is', () => {
    const def: KindDefinition = {
      ...base,
      columns: [
        ...base.columns,
        { name: 'name', type: 'text', required: false, aliases: [] },
        { name: 'other_id', type: 'text', required: false, aliases: ['工号', '身份证号'] },
        { name: 'status', type: 'enum', required: false, aliases: [], values: [{ value: 'a', labels: ['在职'] }, { value: 'b', labels: ['x', '在职'] }] },
      ],
    };
    expect(kindDefinitionIssues(def).map((i) => i.path)).toEqual(['columns.2.name', 'columns.3.aliases.1', 'columns.4.values.1.labels.1']);
  });
});

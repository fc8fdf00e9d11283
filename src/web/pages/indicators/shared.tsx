import { QuestionCircleOutlined } from '@ant-design/icons';
import { Card, DatePicker, Descriptions, Drawer, Flex, Select, Skeleton, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Suspense, lazy, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CASE_KINDS, type CaseKind } from '../../../domain/cases/lifecycle';
import type { Localized } from '../../../domain/indicators/definitions';
import { formatIndicatorValue } from '../../../domain/indicators/values';
import { useCurrentSession } from '../../api/session';
import { AgencySelect } from '../../components/AgencySelect';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../format';
import { type Locale, useLocale } from '../../i18n';
import {
  type FigureValues,
  type FunnelStepView,
  type IndicatorCell,
  type IndicatorDefinitionView,
  type IndicatorFigure,
  type IndicatorFilter,
  type IndicatorItem,
  type IndicatorPart,
  useFunnelItems,
  useIndicatorItems,
} from './api';

/** ECharts is large: it loads only when a chart is shown. */
export const Chart = lazy(() => import('./Chart'));

export const DATE = 'YYYY-MM-DD';
const OUTCOMES = ['adopted', 'partially_adopted', 'not_adopted', 'received', 'evaluating', 'filed', 'declined', 'opinion', 'terminated', 'confirmed', 'dismissed', 'pending'] as const;
const DOCUMENT_TYPES = ['procuratorial_opinion', 'procuratorial_suggestion'] as const;

export function thisYear(): IndicatorFilter {
  return { from: dayjs().startOf('year').format(DATE), to: dayjs().endOf('year').format(DATE) };
}

export const isSum = (d: IndicatorDefinitionView) => d.unit === 'money' || d.unit === 'count';

/** A chart loads lazily; a skeleton holds its place meanwhile. */
export function LazyChart(props: Parameters<typeof Chart>[0]) {
  return (
    <Suspense fallback={<Skeleton active />}>
      <Chart {...props} />
    </Suspense>
  );
}

/** The definition, as the tooltip of a figure: the formula, numerator, denominator, period date. */
export function Definition({ definition: d, locale }: { definition: IndicatorDefinitionView; locale: Locale }) {
  const { t } = useTranslation(['translation', 'indicators']);
  return (
    <Flex vertical gap={4} style={{ maxWidth: 420 }}>
      <div>{d.description[locale]}</div>
      <div>
        <b>{t('indicators:definition.numerator')}</b>：{d.numerator[locale]}
      </div>
      <div>
        <b>{t('indicators:definition.denominator')}</b>：{d.denominator[locale]}
      </div>
      <div>
        <b>{t('indicators:definition.periodDate')}</b>：{d.periodDate[locale]}
      </div>
    </Flex>
  );
}

/** The formula as plain text, for chart tooltips (HTML-escaped by the caller's template). */
export function formulaText(d: IndicatorDefinitionView, locale: Locale) {
  return d.description[locale];
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** "分子 3 / 分母 4", "合计 147 天 / 3 件", "¥18,600.00，1 件" — what a value stands on. */
export function useRatioText() {
  const { t } = useTranslation(['translation', 'indicators']);
  const format = useFormat();
  return (d: IndicatorDefinitionView, v: FigureValues) => {
    const counts = { numerator: format.number(v.numerator), denominator: format.number(v.denominator) };
    if (d.unit === 'days') return t('indicators:card.daysRatio', counts);
    if (d.unit === 'money') return t('indicators:card.moneyItems', { items: format.number(v.denominator) });
    if (d.unit === 'count') return t('indicators:card.unitsItems', { area: format.number(v.area ?? 0), items: format.number(v.denominator) });
    return t('indicators:card.ratio', counts);
  };
}

export function FigureCard({ figure, filter, onOpen }: { figure: IndicatorFigure; filter: IndicatorFilter; onOpen: () => void }) {
  const { t } = useTranslation(['translation', 'indicators']);
  const locale = useLocale();
  const ratio = useRatioText();
  const d = figure.definition;
  return (
    <Card
      hoverable
      size="small"
      onClick={onOpen}
      data-testid={`indicator-${d.id}`}
      title={
        <Flex gap={6} align="center">
          {d.name[locale]}
          <Tooltip title={<Definition definition={d} locale={locale} />}>
            <QuestionCircleOutlined aria-label={t('indicators:card.definition')} onClick={(e) => e.stopPropagation()} />
          </Tooltip>
        </Flex>
      }
      extra={<Typography.Link>{t('indicators:card.drillDown')}</Typography.Link>}
    >
      <Statistic value={formatIndicatorValue(figure.value, d.unit, locale)} />
      <Typography.Text type="secondary" data-testid={`indicator-${d.id}-ratio`}>
        {ratio(d, figure)}
      </Typography.Text>
      {filter.kind && !d.kindFilter && (
        <div>
          <Tag>{t('indicators:card.noKindFilter')}</Tag>
        </div>
      )}
      {filter.agencyId && !d.agencyFilter && (
        <div>
          <Tag>{t('indicators:card.noAgency')}</Tag>
        </div>
      )}
    </Card>
  );
}

/** A reply result, clue status, hit review or case outcome in words; free text (a penalty decision number) as it is. */
function Outcome({ outcome }: { outcome: string | null }) {
  const { t } = useTranslation(['translation', 'indicators']);
  if (!outcome) return '—';
  return (OUTCOMES as readonly string[]).includes(outcome) ? t(`indicators:outcomes.${outcome as (typeof OUTCOMES)[number]}`) : outcome;
}

/** What a drill-down shows: an indicator (optionally one breakdown cell) or a funnel step. */
export type DrillTarget =
  | { type: 'indicator'; definition: IndicatorDefinitionView; values: FigureValues; cell?: IndicatorCell; cellLabel?: string; part?: IndicatorPart }
  | { type: 'funnel'; step: FunnelStepView };

/** The list of items, a page at a time from the server, with links to what the user may open. */
export function ItemsTable({ items, total, loading, paging, onPage, days, sums, testId }: {
  items: IndicatorItem[] | undefined;
  total: number;
  loading: boolean;
  paging: { page: number; pageSize: number };
  onPage: (page: number, pageSize: number) => void;
  days?: boolean;
  sums?: 'money' | 'count';
  testId?: string;
}) {
  const { t } = useTranslation(['translation', 'indicators']);
  const format = useFormat();
  const { permissions } = useCurrentSession();
  const may = (permission: string) => permissions.includes(permission);

  const itemLink = (item: IndicatorItem) => {
    const label = item.label ?? '—';
    const documentType = item.documentType && (DOCUMENT_TYPES as readonly string[]).includes(item.documentType) ? t(`indicators:documentTypes.${item.documentType as (typeof DOCUMENT_TYPES)[number]}`) : null;
    const paths: Record<IndicatorItem['type'], [string, string]> = {
      document: ['document:read', `/documents/${item.id}`],
      clue: ['clue:read', `/clues/${item.id}`],
      case: ['case:read', `/cases/${item.id}`],
      hit: ['hit:read', `/hits/${item.id}`],
    };
    const [permission, path] = paths[item.type];
    return (
      <Flex vertical>
        {may(permission) ? <Link to={path}>{item.type === 'hit' ? t('indicators:columns.hit', { model: label }) : label}</Link> : label}
        {documentType && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {documentType}
          </Typography.Text>
        )}
      </Flex>
    );
  };

  const last = sums
    ? sums === 'money'
      ? { title: t('indicators:columns.amount'), dataIndex: 'amount', align: 'right' as const, render: (n: number | null) => (n === null ? '—' : format.money(n)) }
      : { title: t('indicators:columns.units'), key: 'units', align: 'right' as const, render: (_: unknown, i: IndicatorItem) => (i.amount === null ? '—' : `${format.number(i.amount)}（${format.number(i.area ?? 0)} m²）`) }
    : days
      ? { title: t('indicators:columns.days'), dataIndex: 'days', align: 'right' as const, render: (n: number | null) => (n === null ? '—' : format.number(n)) }
      : { title: t('indicators:columns.counted'), dataIndex: 'inNumerator', render: (counted: boolean) => (counted ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>) };

  return (
    <Table<IndicatorItem>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
      pagination={{
        current: paging.page,
        pageSize: paging.pageSize,
        total,
        showSizeChanger: true,
        showTotal: (n) => <span data-testid="drill-total">{t('common.total', { number: format.number(n) })}</span>,
        onChange: onPage,
      }}
      columns={[
        { title: t('indicators:columns.item'), key: 'item', render: (_, item) => itemLink(item) },
        {
          title: t('indicators:columns.title'),
          key: 'case',
          render: (_, item) => (
            <Flex vertical>
              {item.case && item.type !== 'case' && may('case:read') ? <Link to={`/cases/${item.case.id}`}>{item.case.number}</Link> : item.type !== 'case' && item.case?.number}
              {item.title && <Typography.Text type="secondary">{item.title}</Typography.Text>}
            </Flex>
          ),
        },
        { title: t('indicators:columns.agency'), key: 'agency', render: (_, item) => item.agency?.name ?? '—' },
        { title: t('indicators:columns.procurator'), key: 'procurator', render: (_, item) => item.procurator?.name ?? '—' },
        { title: t('indicators:columns.kind'), dataIndex: 'kind', render: (kind: CaseKind | null) => (kind ? t(`indicators:kinds.${kind}`, { defaultValue: kind }) : '—') },
        { title: t('indicators:columns.periodDate'), dataIndex: 'periodDate', render: (date: string) => format.date(date) },
        { title: t('indicators:columns.dueOn'), dataIndex: 'dueOn', render: (date: string | null) => (date ? format.date(date) : '—') },
        { title: t('indicators:columns.doneOn'), dataIndex: 'doneOn', render: (date: string | null) => (date ? format.date(date) : '—') },
        { title: t('indicators:columns.outcome'), dataIndex: 'outcome', render: (outcome: string | null) => <Outcome outcome={outcome} /> },
        last,
      ]}
      locale={{ emptyText: t('indicators:drill.empty') }}
    />
  );
}

function IndicatorDrill({ target, filter }: { target: Extract<DrillTarget, { type: 'indicator' }>; filter: IndicatorFilter }) {
  const { t } = useTranslation(['translation', 'indicators']);
  const locale = useLocale();
  const d = target.definition;
  const [part, setPart] = useState<IndicatorPart>(target.part ?? 'denominator');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const items = useIndicatorItems(d.id, { ...filter, ...target.cell, part, ...paging });
  const rate = d.unit === 'percent';
  return (
    <>
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('indicators:definition.formula')}>{d.description[locale]}</Descriptions.Item>
        <Descriptions.Item label={t('indicators:definition.numerator')}>{d.numerator[locale]}</Descriptions.Item>
        <Descriptions.Item label={t('indicators:definition.denominator')}>{d.denominator[locale]}</Descriptions.Item>
        <Descriptions.Item label={t('indicators:definition.periodDate')}>{d.periodDate[locale]}</Descriptions.Item>
      </Descriptions>
      {rate && (
        <Tabs
          activeKey={part}
          onChange={(key) => {
            setPart(key as IndicatorPart);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          items={[
            { key: 'denominator', label: t('indicators:drill.denominator', { count: target.values.denominator }) },
            { key: 'numerator', label: t('indicators:drill.numerator', { count: target.values.numerator }) },
            { key: 'remainder', label: t('indicators:drill.remainder', { count: target.values.denominator - target.values.numerator }) },
          ]}
        />
      )}
      {items.error && <QueryError error={items.error} onRetry={() => void items.refetch()} />}
      <ItemsTable
        items={items.data?.items}
        total={items.data?.total ?? 0}
        loading={items.isFetching}
        paging={paging}
        onPage={(page, pageSize) => setPaging({ page, pageSize })}
        days={d.unit === 'days'}
        sums={isSum(d) ? (d.unit as 'money' | 'count') : undefined}
        testId="drill-items"
      />
    </>
  );
}

function FunnelDrill({ step, filter }: { step: FunnelStepView; filter: IndicatorFilter }) {
  const { t } = useTranslation(['translation', 'indicators']);
  const locale = useLocale();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const items = useFunnelItems(step.id, { ...filter, ...paging });
  return (
    <>
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('indicators:funnel.step')}>{step.definition[locale]}</Descriptions.Item>
        <Descriptions.Item label={t('indicators:definition.periodDate')}>{t('indicators:funnel.cohort')}</Descriptions.Item>
      </Descriptions>
      {items.error && <QueryError error={items.error} onRetry={() => void items.refetch()} />}
      <ItemsTable items={items.data?.items} total={items.data?.total ?? 0} loading={items.isFetching} paging={paging} onPage={(page, pageSize) => setPaging({ page, pageSize })} testId="drill-items" />
    </>
  );
}

/** The drawer with the items behind a figure, a chart element or a funnel step. */
export function DrillDown({ target, filter, onClose }: { target: DrillTarget; filter: IndicatorFilter; onClose: () => void }) {
  const { t } = useTranslation(['translation', 'indicators']);
  const locale = useLocale();
  const name = target.type === 'indicator' ? target.definition.name[locale] : target.step.name[locale];
  const title = target.type === 'indicator' && target.cellLabel ? t('indicators:drill.cellTitle', { name, cell: target.cellLabel }) : t('indicators:drill.title', { name });
  // A new target starts on its own first page and tab.
  const key = JSON.stringify(target.type === 'indicator' ? [target.definition.id, target.cell, target.part] : [target.step.id]);
  return (
    <Drawer open size={1000} onClose={onClose} title={title} data-testid="indicator-drill-down">
      {target.type === 'indicator' ? <IndicatorDrill key={key} target={target} filter={filter} /> : <FunnelDrill key={key} step={target.step} filter={filter} />}
    </Drawer>
  );
}

/** Period, agency (for those who see every agency) and case kind. */
export function Filters({ filter, onChange, allAgencies, asOf, extra }: { filter: IndicatorFilter; onChange: (change: Partial<IndicatorFilter>) => void; allAgencies: boolean; asOf?: string; extra?: ReactNode }) {
  const { t } = useTranslation(['translation', 'indicators']);
  const format = useFormat();
  const range = useMemo<[Dayjs, Dayjs]>(() => [dayjs(filter.from), dayjs(filter.to)], [filter.from, filter.to]);
  return (
    <Flex gap={8} wrap align="center">
      <DatePicker.RangePicker
        value={range}
        allowClear={false}
        placeholder={[t('indicators:filters.from'), t('indicators:filters.to')]}
        onChange={(next) => next?.[0] && next[1] && onChange({ from: next[0].format(DATE), to: next[1].format(DATE) })}
        data-testid="indicators-period"
      />
      {allAgencies && <AgencySelect value={filter.agencyId} onChange={(agencyId) => onChange({ agencyId })} placeholder={t('indicators:filters.agency')} testId="indicators-agency" />}
      <Select<CaseKind>
        allowClear
        value={filter.kind}
        placeholder={t('indicators:filters.kind')}
        style={{ width: 180 }}
        options={CASE_KINDS.map((kind) => ({ value: kind, label: t(`indicators:kinds.${kind}`, { defaultValue: kind }) }))}
        onChange={(kind?: CaseKind) => onChange({ kind })}
        data-testid="indicators-kind"
      />
      {extra}
      {asOf && <Typography.Text type="secondary">{t('indicators:asOf', { date: format.date(asOf) })}</Typography.Text>}
    </Flex>
  );
}

export const localized = (l: Localized, locale: Locale) => l[locale];

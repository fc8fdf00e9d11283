import { QuestionCircleOutlined } from '@ant-design/icons';
import { Card, Col, DatePicker, Descriptions, Drawer, Flex, Row, Select, Skeleton, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Suspense, lazy, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CASE_KINDS, type CaseKind } from '../../../domain/cases/lifecycle';
import { formatIndicatorValue } from '../../../domain/indicators/values';
import { useDirectory } from '../../api/directory';
import { type IndicatorFigure, type IndicatorFilter, type IndicatorItem, type IndicatorPart, useIndicatorItems, useIndicators } from '../../api/indicators';
import { useCurrentSession } from '../../api/session';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../format';
import { type Locale, useLocale } from '../../i18n';

/** ECharts is large: it loads only when the chart is shown. */
const IndicatorsChart = lazy(() => import('./IndicatorsChart'));

const DATE = 'YYYY-MM-DD';
const OUTCOMES = ['adopted', 'partially_adopted', 'not_adopted', 'received', 'evaluating', 'filed', 'declined', 'opinion', 'terminated'] as const;
const DOCUMENT_TYPES = ['procuratorial_opinion', 'procuratorial_suggestion'] as const;

function thisYear(): IndicatorFilter {
  return { from: dayjs().startOf('year').format(DATE), to: dayjs().endOf('year').format(DATE) };
}

/** The definition, as the tooltip of a figure. */
function Definition({ figure, locale }: { figure: IndicatorFigure; locale: Locale }) {
  const { t } = useTranslation(['translation', 'indicators']);
  const d = figure.definition;
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

function FigureCard({ figure, filter, onOpen }: { figure: IndicatorFigure; filter: IndicatorFilter; onOpen: () => void }) {
  const { t } = useTranslation(['translation', 'indicators']);
  const locale = useLocale();
  const format = useFormat();
  const d = figure.definition;
  const counts = { numerator: format.number(figure.numerator), denominator: format.number(figure.denominator) };
  return (
    <Card
      hoverable
      size="small"
      onClick={onOpen}
      data-testid={`indicator-${d.id}`}
      title={
        <Flex gap={6} align="center">
          {d.name[locale]}
          <Tooltip title={<Definition figure={figure} locale={locale} />}>
            <QuestionCircleOutlined aria-label={t('indicators:card.definition')} onClick={(e) => e.stopPropagation()} />
          </Tooltip>
        </Flex>
      }
      extra={<Typography.Link>{t('indicators:card.drillDown')}</Typography.Link>}
    >
      <Statistic value={formatIndicatorValue(figure.value, d.unit, locale)} />
      <Typography.Text type="secondary">{d.unit === 'days' ? t('indicators:card.daysRatio', counts) : t('indicators:card.ratio', counts)}</Typography.Text>
      {filter.kind && !d.kindFilter && (
        <div>
          <Tag>{t('indicators:card.noKindFilter')}</Tag>
        </div>
      )}
    </Card>
  );
}

/** A reply result, clue status or case outcome in words; free text (a penalty decision number) as it is. */
function Outcome({ outcome }: { outcome: string | null }) {
  const { t } = useTranslation(['translation', 'indicators']);
  if (!outcome) return '—';
  return (OUTCOMES as readonly string[]).includes(outcome) ? t(`indicators:outcomes.${outcome as (typeof OUTCOMES)[number]}`) : outcome;
}

/** The items behind a figure, a page at a time from the server, with links to what the user may open. */
function DrillDown({ figure, filter, onClose }: { figure: IndicatorFigure; filter: IndicatorFilter; onClose: () => void }) {
  const { t } = useTranslation(['translation', 'indicators']);
  const locale = useLocale();
  const format = useFormat();
  const { permissions } = useCurrentSession();
  const [part, setPart] = useState<IndicatorPart>('denominator');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const items = useIndicatorItems(figure.definition.id, { ...filter, part, ...paging });
  const days = figure.definition.unit === 'days';
  const may = (permission: string) => permissions.includes(permission);

  const itemLink = (item: IndicatorItem) => {
    const label = item.label ?? '—';
    const documentType = item.documentType && (DOCUMENT_TYPES as readonly string[]).includes(item.documentType) ? t(`indicators:documentTypes.${item.documentType as (typeof DOCUMENT_TYPES)[number]}`) : null;
    const path = item.type === 'document' ? (may('document:read') ? `/documents/${item.id}` : null) : item.type === 'clue' ? (may('clue:read') ? `/clues/${item.id}` : null) : may('case:read') ? `/cases/${item.id}` : null;
    return (
      <Flex vertical>
        {path ? <Link to={path}>{label}</Link> : label}
        {documentType && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {documentType}
          </Typography.Text>
        )}
      </Flex>
    );
  };

  return (
    <Drawer open width={1000} onClose={onClose} title={t('indicators:drill.title', { name: figure.definition.name[locale] })} data-testid="indicator-drill-down">
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('indicators:definition.numerator')}>{figure.definition.numerator[locale]}</Descriptions.Item>
        <Descriptions.Item label={t('indicators:definition.denominator')}>{figure.definition.denominator[locale]}</Descriptions.Item>
        <Descriptions.Item label={t('indicators:definition.periodDate')}>{figure.definition.periodDate[locale]}</Descriptions.Item>
      </Descriptions>
      {!days && (
        <Tabs
          activeKey={part}
          onChange={(key) => {
            setPart(key as IndicatorPart);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          items={[
            { key: 'denominator', label: t('indicators:drill.denominator', { count: figure.denominator }) },
            { key: 'numerator', label: t('indicators:drill.numerator', { count: figure.numerator }) },
          ]}
        />
      )}
      {items.error && <QueryError error={items.error} onRetry={() => void items.refetch()} />}
      <Table<IndicatorItem>
        rowKey="id"
        size="small"
        loading={items.isFetching}
        dataSource={items.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: items.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { number: format.number(total) }),
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
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
          { title: t('indicators:columns.kind'), dataIndex: 'kind', render: (kind: CaseKind | null) => (kind ? t(`indicators:kinds.${kind}`) : '—') },
          { title: t('indicators:columns.periodDate'), dataIndex: 'periodDate', render: (date: string) => format.date(date) },
          { title: t('indicators:columns.dueOn'), dataIndex: 'dueOn', render: (date: string | null) => (date ? format.date(date) : '—') },
          { title: t('indicators:columns.doneOn'), dataIndex: 'doneOn', render: (date: string | null) => (date ? format.date(date) : '—') },
          { title: t('indicators:columns.outcome'), dataIndex: 'outcome', render: (outcome: string | null) => <Outcome outcome={outcome} /> },
          days
            ? { title: t('indicators:columns.days'), dataIndex: 'days', align: 'right' as const, render: (n: number | null) => (n === null ? '—' : format.number(n)) }
            : { title: t('indicators:columns.counted'), dataIndex: 'inNumerator', render: (counted: boolean) => (counted ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>) },
        ]}
        locale={{ emptyText: t('indicators:drill.empty') }}
      />
    </Drawer>
  );
}

function AgencySelect({ value, onChange }: { value?: string; onChange: (agencyId?: string) => void }) {
  const { t } = useTranslation(['translation', 'indicators']);
  const directory = useDirectory();
  const agencies = (directory.data?.organizations ?? []).filter((o) => o.kind === 'agency');
  return (
    <Select<string>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      placeholder={t('indicators:filters.agency')}
      style={{ width: 220 }}
      loading={directory.isLoading}
      options={agencies.map((o) => ({ value: o.id, label: o.shortName }))}
      onChange={(agencyId?: string) => onChange(agencyId)}
      data-testid="indicators-agency"
    />
  );
}

/**
 * 考核指标: a card per indicator (value, numerator / denominator, its definition as the tooltip);
 * a card opens the items behind it. The procuratorate and the justice bureau choose the agency;
 * an agency sees its own figures.
 */
export default function IndicatorsPage() {
  const { t } = useTranslation(['translation', 'indicators']);
  const format = useFormat();
  const { permissions } = useCurrentSession();
  const allAgencies = permissions.includes('indicator:read_all_agencies');
  const [filter, setFilter] = useState<IndicatorFilter>(thisYear);
  const [open, setOpen] = useState<IndicatorFigure | null>(null);
  const figures = useIndicators(filter);
  const refine = (change: Partial<IndicatorFilter>) => setFilter((previous) => ({ ...previous, ...change }));
  const range = useMemo<[Dayjs, Dayjs]>(() => [dayjs(filter.from), dayjs(filter.to)], [filter.from, filter.to]);
  const items = figures.data?.items;

  return (
    <PageContainer title={t('indicators:title')}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {allAgencies ? t('indicators:intro') : t('indicators:introAgency')}
      </Typography.Paragraph>
      <Flex gap={8} wrap align="center">
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          placeholder={[t('indicators:filters.from'), t('indicators:filters.to')]}
          onChange={(next) => next?.[0] && next[1] && refine({ from: next[0].format(DATE), to: next[1].format(DATE) })}
          data-testid="indicators-period"
        />
        {allAgencies && <AgencySelect value={filter.agencyId} onChange={(agencyId) => refine({ agencyId })} />}
        <Select<CaseKind>
          allowClear
          value={filter.kind}
          placeholder={t('indicators:filters.kind')}
          style={{ width: 180 }}
          options={CASE_KINDS.map((kind) => ({ value: kind, label: t(`indicators:kinds.${kind}`) }))}
          onChange={(kind?: CaseKind) => refine({ kind })}
          data-testid="indicators-kind"
        />
        {figures.data && <Typography.Text type="secondary">{t('indicators:asOf', { date: format.date(figures.data.asOf) })}</Typography.Text>}
      </Flex>
      {figures.error && <QueryError error={figures.error} onRetry={() => void figures.refetch()} />}
      {!items && figures.isLoading && <Skeleton active />}
      {items && (
        <Row gutter={[16, 16]}>
          {items.map((figure) => (
            <Col key={figure.definition.id} xs={24} sm={12} lg={8} xl={6}>
              <FigureCard figure={figure} filter={filter} onOpen={() => setOpen(figure)} />
            </Col>
          ))}
        </Row>
      )}
      {items && items.length > 0 && (
        <Card size="small" title={t('indicators:chart.title')}>
          <Suspense fallback={<Skeleton active />}>
            <IndicatorsChart figures={items} />
          </Suspense>
        </Card>
      )}
      {open && <DrillDown figure={open} filter={filter} onClose={() => setOpen(null)} />}
    </PageContainer>
  );
}

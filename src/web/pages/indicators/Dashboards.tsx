import { Card, Col, Flex, Row, Segmented, Select, Skeleton, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorId } from '../../../domain/indicators/definitions';
import { formatIndicatorValue } from '../../../domain/indicators/values';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../format';
import { useLocale } from '../../i18n';
import { type BreakdownRow, type IndicatorDefinitionView, type IndicatorFigure, type IndicatorFilter, useBreakdown, useIndicatorItems, useIndicators } from './api';
import { BreakdownChart, FunnelCard, useCellLabel } from './Breakdowns';
import IndicatorsChart from './IndicatorsChart';
import { type DrillTarget, DrillDown, FigureCard, Filters, ItemsTable, LazyChart, escapeHtml, isSum, thisYear } from './shared';

function useDashboard() {
  const [filter, setFilter] = useState<IndicatorFilter>(thisYear);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const figures = useIndicators(filter);
  const refine = (change: Partial<IndicatorFilter>) => setFilter((previous) => ({ ...previous, ...change }));
  return { filter, refine, drill, setDrill, figures };
}

function Figures({ items, filter, onDrill }: { items: IndicatorFigure[]; filter: IndicatorFilter; onDrill: (target: DrillTarget) => void }) {
  return (
    <Row gutter={[16, 16]}>
      {items.map((figure) => (
        <Col key={figure.definition.id} xs={24} sm={12} lg={8} xl={6}>
          <FigureCard figure={figure} filter={filter} onOpen={() => onDrill({ type: 'indicator', definition: figure.definition, values: figure })} />
        </Col>
      ))}
    </Row>
  );
}

function IndicatorPicker({ items, value, onChange }: { items: IndicatorFigure[]; value: IndicatorId; onChange: (id: IndicatorId) => void }) {
  const { t } = useTranslation(['translation', 'indicators']);
  const locale = useLocale();
  return (
    <Flex gap={8} align="center">
      <Typography.Text>{t('indicators:breakdown.indicator')}</Typography.Text>
      <Select<IndicatorId>
        value={value}
        style={{ width: 260 }}
        options={items.map((f) => ({ value: f.definition.id, label: f.definition.name[locale] }))}
        onChange={onChange}
        data-testid="breakdown-indicator"
      />
    </Flex>
  );
}

/**
 * 检察院: every figure; the chosen indicator by case kind, agency, month and procurator; the funnel
 * from clues to corrections; numerators beside denominators. Every element drills down.
 */
export function ProcuratorateDashboard() {
  const { t } = useTranslation(['translation', 'indicators']);
  const { filter, refine, drill, setDrill, figures } = useDashboard();
  const [chosen, setChosen] = useState<IndicatorId>('reply_rate');
  const items = figures.data?.items;
  const definition = items?.find((f) => f.definition.id === chosen)?.definition;
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('indicators:intro')}
      </Typography.Paragraph>
      <Filters filter={filter} onChange={refine} allAgencies asOf={figures.data?.asOf} />
      {figures.error && <QueryError error={figures.error} onRetry={() => void figures.refetch()} />}
      {!items && figures.isLoading && <Skeleton active />}
      {items && <Figures items={items} filter={filter} onDrill={setDrill} />}
      {items && definition && (
        <Card size="small" title={t('indicators:breakdown.title')} extra={<IndicatorPicker items={items} value={chosen} onChange={setChosen} />}>
          <Row gutter={[16, 16]}>
            {(['kind', 'agency', 'month', 'procurator'] as const).map((dimension) => (
              <Col key={dimension} xs={24} xl={12}>
                <BreakdownChart definition={definition} dimension={dimension} filter={filter} onDrill={setDrill} />
              </Col>
            ))}
          </Row>
        </Card>
      )}
      {items && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <FunnelCard filter={filter} onDrill={setDrill} />
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('indicators:chart.title')}>
              <IndicatorsChart figures={items} onDrill={setDrill} />
            </Card>
          </Col>
        </Row>
      )}
      {drill && <DrillDown target={drill} filter={filter} onClose={() => setDrill(null)} />}
    </>
  );
}

/** 行政机关: its own figures only (the server keeps it to its organization), by month, and its items. */
export function AgencyDashboard() {
  const { t } = useTranslation(['translation', 'indicators']);
  const locale = useLocale();
  const { filter, refine, drill, setDrill, figures } = useDashboard();
  const [chosen, setChosen] = useState<IndicatorId>('reply_rate');
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const items = figures.data?.items;
  const definition = items?.find((f) => f.definition.id === chosen)?.definition;
  const list = useIndicatorItems(definition ? chosen : null, { ...filter, part: 'denominator', ...paging });
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('indicators:introAgency')}
      </Typography.Paragraph>
      <Filters filter={filter} onChange={refine} allAgencies={false} asOf={figures.data?.asOf} />
      {figures.error && <QueryError error={figures.error} onRetry={() => void figures.refetch()} />}
      {!items && figures.isLoading && <Skeleton active />}
      {items && <Figures items={items} filter={filter} onDrill={setDrill} />}
      {items && definition && (
        <Card size="small" title={t('indicators:agency.byMonth')} extra={<IndicatorPicker items={items} value={chosen} onChange={(id) => (setChosen(id), setPaging((p) => ({ ...p, page: 1 })))} />}>
          <BreakdownChart definition={definition} dimension="month" filter={filter} onDrill={setDrill} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('indicators:agency.items', { name: definition.name[locale] })}
          </Typography.Title>
          <ItemsTable
            items={list.data?.items}
            total={list.data?.total ?? 0}
            loading={list.isFetching}
            paging={paging}
            onPage={(page, pageSize) => setPaging({ page, pageSize })}
            days={definition.unit === 'days'}
            sums={isSum(definition) ? (definition.unit as 'money' | 'count') : undefined}
            testId="agency-items"
          />
        </Card>
      )}
      {drill && <DrillDown target={drill} filter={filter} onClose={() => setDrill(null)} />}
    </>
  );
}

const ASSESSED: IndicatorId[] = ['reply_rate', 'on_time_reply_rate', 'adoption_rate'];

interface AgencyRow {
  key: string;
  label: string;
  cells: Partial<Record<IndicatorId, BreakdownRow>>;
}

/**
 * 司法局: every agency side by side on the assessment figures (reply rate, on-time rate, adoption
 * rate, overdue items); each bar and each table cell opens that agency's items.
 */
export function JusticeDashboard() {
  const { t } = useTranslation(['translation', 'indicators']);
  const locale = useLocale();
  const format = useFormat();
  const cellLabel = useCellLabel();
  const { filter, refine, drill, setDrill, figures } = useDashboard();
  const [view, setView] = useState<'chart' | 'figures'>('chart');
  const items = figures.data?.items;
  const definitions = useMemo(() => new Map<IndicatorId, IndicatorDefinitionView>((items ?? []).map((f) => [f.definition.id, f.definition])), [items]);
  const reply = useBreakdown('reply_rate', 'agency', filter);
  const onTime = useBreakdown('on_time_reply_rate', 'agency', filter);
  const adoption = useBreakdown('adoption_rate', 'agency', filter);

  const rows = useMemo<AgencyRow[]>(() => {
    const byKey = new Map<string, AgencyRow>();
    const add = (id: IndicatorId, list?: BreakdownRow[]) => {
      for (const r of list ?? []) {
        const row = byKey.get(r.key) ?? { key: r.key, label: cellLabel('agency', r), cells: {} };
        row.cells[id] = r;
        byKey.set(r.key, row);
      }
    };
    add('reply_rate', reply.data?.items);
    add('on_time_reply_rate', onTime.data?.items);
    add('adoption_rate', adoption.data?.items);
    return [...byKey.values()].sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
  }, [reply.data, onTime.data, adoption.data, cellLabel]);

  const drillCell = (id: IndicatorId, row: AgencyRow, part?: 'remainder') => {
    const definition = definitions.get(id);
    const values = row.cells[id];
    if (definition && values) setDrill({ type: 'indicator', definition, values, cell: { agencyId: row.key }, cellLabel: row.label, part });
  };

  const option = useMemo(
    () => ({
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (p: { dataIndex: number; seriesIndex: number }) => {
          const id = ASSESSED[p.seriesIndex];
          const d = definitions.get(id);
          const cell = rows[p.dataIndex]?.cells[id];
          if (!d) return '';
          return `<b>${escapeHtml(rows[p.dataIndex].label)}</b><br/>${escapeHtml(d.name[locale])}：${escapeHtml(formatIndicatorValue(cell?.value ?? null, 'percent', locale))}（${escapeHtml(t('indicators:card.ratio', { numerator: cell?.numerator ?? 0, denominator: cell?.denominator ?? 0 }))}）<br/><span style="white-space:normal;display:inline-block;max-width:320px">${escapeHtml(d.description[locale])}</span><br/><i>${escapeHtml(t('indicators:chart.clickToDrill'))}</i>`;
        },
      },
      legend: { top: 0, data: ASSESSED.map((id) => definitions.get(id)?.name[locale] ?? id) },
      grid: { left: 48, right: 16, bottom: 90, top: 48 },
      xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value', max: 100, name: t('indicators:units.percent') },
      series: ASSESSED.map((id) => ({
        name: definitions.get(id)?.name[locale] ?? id,
        type: 'bar',
        barMaxWidth: 28,
        data: rows.map((r) => {
          const v = r.cells[id]?.value;
          return v === null || v === undefined ? null : Math.round(v * 1000) / 10;
        }),
      })),
    }),
    [rows, definitions, locale, t],
  );

  const rate = (id: IndicatorId) => ({
    title: definitions.get(id)?.name[locale] ?? id,
    key: id,
    align: 'right' as const,
    render: (_: unknown, row: AgencyRow) => {
      const cell = row.cells[id];
      if (!cell) return '—';
      return (
        <Typography.Link onClick={() => drillCell(id, row)} data-testid={`assessment-${id}-${row.key}`}>
          {formatIndicatorValue(cell.value, 'percent', locale)}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {' '}
            ({format.number(cell.numerator)}/{format.number(cell.denominator)})
          </Typography.Text>
        </Typography.Link>
      );
    },
  });

  const loading = reply.isLoading || onTime.isLoading || adoption.isLoading;
  const error = reply.error ?? onTime.error ?? adoption.error;
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('indicators:introJustice')}
      </Typography.Paragraph>
      <Filters filter={filter} onChange={refine} allAgencies asOf={figures.data?.asOf} />
      {figures.error && <QueryError error={figures.error} onRetry={() => void figures.refetch()} />}
      {error && <QueryError error={error} onRetry={() => void Promise.all([reply.refetch(), onTime.refetch(), adoption.refetch()])} />}
      <Card
        size="small"
        title={t('indicators:justice.title')}
        extra={
          <Segmented<'chart' | 'figures'>
            value={view}
            onChange={setView}
            options={[
              { value: 'chart', label: t('indicators:justice.chart') },
              { value: 'figures', label: t('indicators:justice.figures') },
            ]}
          />
        }
      >
        {loading || !items ? (
          <Skeleton active />
        ) : (
          <>
            {view === 'chart' && rows.length > 0 && (
              <LazyChart option={option} height={360} testId="chart-agencies" label={t('indicators:justice.title')} onClick={({ dataIndex, seriesIndex }) => rows[dataIndex] && drillCell(ASSESSED[seriesIndex], rows[dataIndex])} />
            )}
            <Table<AgencyRow>
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={rows}
              data-testid="assessment-table"
              style={{ marginTop: 12 }}
              locale={{ emptyText: t('indicators:drill.empty') }}
              columns={[
                { title: t('indicators:columns.agency'), dataIndex: 'label' },
                { title: t('indicators:justice.due'), key: 'due', align: 'right', render: (_, row) => format.number(row.cells.reply_rate?.denominator ?? 0) },
                rate('reply_rate'),
                rate('on_time_reply_rate'),
                rate('adoption_rate'),
                {
                  title: t('indicators:justice.overdue'),
                  key: 'overdue',
                  align: 'right',
                  render: (_, row) => {
                    const cell = row.cells.reply_rate;
                    if (!cell) return '—';
                    const overdue = cell.denominator - cell.numerator;
                    return (
                      <Typography.Link type={overdue ? 'danger' : undefined} onClick={() => drillCell('reply_rate', row, 'remainder')} data-testid={`assessment-overdue-${row.key}`}>
                        {format.number(overdue)}
                      </Typography.Link>
                    );
                  },
                },
              ]}
            />
          </>
        )}
      </Card>
      {items && <Figures items={items} filter={filter} onDrill={setDrill} />}
      {drill && <DrillDown target={drill} filter={filter} onClose={() => setDrill(null)} />}
    </>
  );
}

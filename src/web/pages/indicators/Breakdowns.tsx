import { Card, Skeleton, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { NO_KEY, monthsOf, type BreakdownDimension } from '../../../domain/indicators/breakdowns';
import { formatIndicatorValue } from '../../../domain/indicators/values';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../format';
import { useLocale } from '../../i18n';
import { type BreakdownRow, type FunnelStepView, type IndicatorCell, type IndicatorDefinitionView, type IndicatorFilter, useBreakdown, useFunnel } from './api';
import { type DrillTarget, LazyChart, escapeHtml, useRatioText } from './shared';

const CELL_PARAM: Record<BreakdownDimension, keyof IndicatorCell> = { agency: 'agencyId', month: 'month', procurator: 'procuratorId', kind: 'caseKind' };

/** The label of a cell: agency or procurator name, the month or kind in words, "none" in words. */
export function useCellLabel() {
  const { t } = useTranslation(['translation', 'indicators']);
  const format = useFormat();
  return (dimension: BreakdownDimension, row: { key: string; label: string | null }) => {
    if (row.key === NO_KEY) return t(`indicators:none.${dimension}`);
    if (dimension === 'month') return format.month(row.key);
    if (dimension === 'kind') return t(`indicators:kinds.${row.key as 'illegal_act'}`, { defaultValue: row.key });
    return row.label ?? row.key;
  };
}

/** The value drawn for a cell: a rate in percent (0–100), otherwise the value itself. */
const plotted = (d: IndicatorDefinitionView, v: number | null) => (v === null ? null : d.unit === 'percent' ? Math.round(v * 1000) / 10 : Math.round(v * 100) / 100);

/**
 * One indicator by one dimension, as bars; the tooltip shows the value, what it stands on and the
 * formula; a click on a bar opens exactly that cell's list.
 */
export function BreakdownChart({ definition: d, dimension, filter, onDrill }: { definition: IndicatorDefinitionView; dimension: BreakdownDimension; filter: IndicatorFilter; onDrill: (target: DrillTarget) => void }) {
  const { t } = useTranslation(['translation', 'indicators']);
  const locale = useLocale();
  const ratio = useRatioText();
  const cellLabel = useCellLabel();
  const breakdown = useBreakdown(d.id, dimension, filter);

  const rows = useMemo<BreakdownRow[]>(() => {
    const found = breakdown.data?.items ?? [];
    if (dimension !== 'month') return found;
    // Every month of the period, empty ones too.
    const byKey = new Map(found.map((r) => [r.key, r]));
    return monthsOf(filter.from, filter.to).map((m) => byKey.get(m) ?? { key: m, label: null, numerator: 0, denominator: 0, value: d.unit === 'money' || d.unit === 'count' ? 0 : null, area: null });
  }, [breakdown.data, dimension, filter.from, filter.to, d.unit]);

  const option = useMemo(() => {
    const labels = rows.map((r) => cellLabel(dimension, r));
    return {
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (p: { dataIndex: number }) => {
          const row = rows[p.dataIndex];
          return `<b>${escapeHtml(labels[p.dataIndex])}</b><br/>${escapeHtml(d.name[locale])}：${escapeHtml(formatIndicatorValue(row.value, d.unit, locale))}<br/>${escapeHtml(ratio(d, row))}<br/><span style="white-space:normal;display:inline-block;max-width:320px">${escapeHtml(d.description[locale])}</span><br/><i>${escapeHtml(t('indicators:chart.clickToDrill'))}</i>`;
        },
      },
      grid: { left: 48, right: 16, bottom: 90, top: 24 },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: dimension === 'month' && labels.length <= 4 ? 0 : 40 } },
      yAxis: { type: 'value', name: t(`indicators:units.${d.unit}`), ...(d.unit === 'percent' ? { max: 100 } : {}) },
      series: [{ name: d.name[locale], type: 'bar', data: rows.map((r) => plotted(d, r.value)), barMaxWidth: 36, label: { show: rows.length <= 12, position: 'top', formatter: (p: { dataIndex: number }) => (rows[p.dataIndex].denominator ? formatIndicatorValue(rows[p.dataIndex].value, d.unit, locale) : '') } }],
    };
  }, [rows, d, dimension, locale, t, ratio, cellLabel]);

  return (
    <Card size="small" title={t(`indicators:dimensions.${dimension}`)} data-testid={`breakdown-${dimension}`}>
      {breakdown.error && <QueryError error={breakdown.error} onRetry={() => void breakdown.refetch()} />}
      {!breakdown.data && breakdown.isLoading ? (
        <Skeleton active />
      ) : rows.length === 0 ? (
        <Typography.Text type="secondary">{t('indicators:drill.empty')}</Typography.Text>
      ) : (
        <LazyChart
          option={option}
          testId={`chart-${dimension}`}
          label={t('indicators:chart.breakdownLabel', { name: d.name[locale], dimension: t(`indicators:dimensions.${dimension}`) })}
          onClick={({ dataIndex }) => {
            const row = rows[dataIndex];
            if (!row) return;
            onDrill({ type: 'indicator', definition: d, values: row, cell: { [CELL_PARAM[dimension]]: row.key }, cellLabel: cellLabel(dimension, row) });
          }}
        />
      )}
    </Card>
  );
}

/** The funnel from clues to corrections; a click on a step opens its clues. */
export function FunnelCard({ filter, onDrill }: { filter: IndicatorFilter; onDrill: (target: DrillTarget) => void }) {
  const { t } = useTranslation(['translation', 'indicators']);
  const locale = useLocale();
  const format = useFormat();
  const funnel = useFunnel(filter);
  const steps: FunnelStepView[] = funnel.data?.steps ?? [];
  const option = useMemo(
    () => ({
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (p: { dataIndex: number }) => {
          const step = steps[p.dataIndex];
          const first = steps[0]?.count ?? 0;
          const share = first ? format.percent(step.count / first) : '—';
          return `<b>${escapeHtml(step.name[locale])}</b>：${escapeHtml(format.number(step.count))}（${escapeHtml(t('indicators:funnel.ofFirst', { share }))}）<br/><span style="white-space:normal;display:inline-block;max-width:320px">${escapeHtml(step.definition[locale])}</span><br/><i>${escapeHtml(t('indicators:chart.clickToDrill'))}</i>`;
        },
      },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '10%',
          width: '80%',
          minSize: '8%',
          max: Math.max(1, steps[0]?.count ?? 1),
          label: { show: true, position: 'inside', formatter: (p: { dataIndex: number }) => `${steps[p.dataIndex].name[locale]} ${format.number(steps[p.dataIndex].count)}` },
          data: steps.map((s) => ({ name: s.name[locale], value: s.count })),
        },
      ],
    }),
    [steps, locale, format, t],
  );
  return (
    <Card size="small" title={t('indicators:funnel.title')} data-testid="funnel-card">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('indicators:funnel.intro')}
      </Typography.Paragraph>
      {funnel.error && <QueryError error={funnel.error} onRetry={() => void funnel.refetch()} />}
      {!funnel.data ? (
        <Skeleton active />
      ) : (
        <LazyChart option={option} height={340} testId="chart-funnel" label={t('indicators:funnel.title')} onClick={({ dataIndex }) => steps[dataIndex] && onDrill({ type: 'funnel', step: steps[dataIndex] })} />
      )}
    </Card>
  );
}

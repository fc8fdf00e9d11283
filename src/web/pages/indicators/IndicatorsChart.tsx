import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n';
import type { IndicatorFigure } from './api';
import { type DrillTarget, LazyChart, escapeHtml } from './shared';

/**
 * Numerator beside denominator for each rate: how many items each percentage stands on. A click
 * on a numerator bar opens the numerator's list, on a denominator bar the denominator's.
 */
export default function IndicatorsChart({ figures, onDrill }: { figures: IndicatorFigure[]; onDrill: (target: DrillTarget) => void }) {
  const { t } = useTranslation(['translation', 'indicators']);
  const locale = useLocale();
  const rates = useMemo(() => figures.filter((f) => f.definition.unit === 'percent'), [figures]);
  const option = useMemo(
    () => ({
      tooltip: {
        trigger: 'axis',
        confine: true,
        formatter: (params: { dataIndex: number }[]) => {
          const f = rates[params[0]?.dataIndex ?? 0];
          return `<b>${escapeHtml(f.definition.name[locale])}</b><br/>${escapeHtml(t('indicators:chart.numerator'))}：${f.numerator}　${escapeHtml(t('indicators:chart.denominator'))}：${f.denominator}<br/><span style="white-space:normal;display:inline-block;max-width:320px">${escapeHtml(f.definition.description[locale])}</span>`;
        },
      },
      legend: { top: 0, data: [t('indicators:chart.numerator'), t('indicators:chart.denominator')] },
      grid: { left: 40, right: 16, bottom: 110, top: 40 },
      xAxis: { type: 'category', data: rates.map((f) => f.definition.name[locale]), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('indicators:chart.numerator'), type: 'bar', data: rates.map((f) => f.numerator) },
        { name: t('indicators:chart.denominator'), type: 'bar', data: rates.map((f) => f.denominator) },
      ],
    }),
    [rates, locale, t],
  );
  return (
    <LazyChart
      option={option}
      testId="indicators-chart"
      label={t('indicators:chart.title')}
      onClick={({ dataIndex, seriesIndex }) => {
        const f = rates[dataIndex];
        if (f) onDrill({ type: 'indicator', definition: f.definition, values: f, part: seriesIndex === 0 ? 'numerator' : 'denominator' });
      }}
    />
  );
}

import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorFigure } from '../../api/indicators';
import { useLocale } from '../../i18n';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Numerator beside denominator for each rate: how many items each percentage stands on. */
export default function IndicatorsChart({ figures }: { figures: IndicatorFigure[] }) {
  const { t } = useTranslation(['translation', 'indicators']);
  const locale = useLocale();
  const element = useRef<HTMLDivElement>(null);
  const rates = figures.filter((f) => f.definition.unit === 'percent');

  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { locale: locale === 'en-US' ? 'EN' : 'ZH' });
    chart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { data: [t('indicators:chart.numerator'), t('indicators:chart.denominator')] },
      grid: { left: 40, right: 16, bottom: 80, top: 40 },
      xAxis: { type: 'category', data: rates.map((f) => f.definition.name[locale]), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('indicators:chart.numerator'), type: 'bar', data: rates.map((f) => f.numerator) },
        { name: t('indicators:chart.denominator'), type: 'bar', data: rates.map((f) => f.denominator) },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [rates, locale, t]);

  return <div ref={element} style={{ width: '100%', height: 320 }} data-testid="indicators-chart" role="img" aria-label={t('indicators:chart.title')} />;
}

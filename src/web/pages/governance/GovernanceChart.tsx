import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useLocale } from '../../i18n';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartSeries {
  name: string;
  data: number[];
}

/**
 * Bars per category (an agency, a matter, a month), one series per count. Clicking a bar
 * reports its category and series, so that the page opens the cases behind it.
 */
export default function GovernanceChart({
  categories,
  series,
  label,
  testId,
  onSelect,
}: {
  categories: string[];
  series: ChartSeries[];
  label: string;
  testId: string;
  onSelect: (category: number, series: number) => void;
}) {
  const locale = useLocale();
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { locale: locale === 'en-US' ? 'EN' : 'ZH' });
    chart.setOption({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, data: series.map((s) => s.name) },
      grid: { left: 40, right: 16, bottom: 90, top: 40 },
      xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.length > 4 ? 30 : 0, width: 120, overflow: 'truncate' } },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({ name: s.name, type: 'bar', data: s.data })),
    });
    chart.on('click', (params) => onSelect(params.dataIndex, params.seriesIndex ?? 0));
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [categories, series, locale, onSelect]);

  return <div ref={element} style={{ width: '100%', height: 320 }} data-testid={testId} role="img" aria-label={label} />;
}

import { BarChart, FunnelChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useLocale } from '../../i18n';

echarts.use([BarChart, FunnelChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** What a click on a chart element tells: which category (bar, funnel step) and which series. */
export interface ChartClick {
  dataIndex: number;
  seriesIndex: number;
}

/**
 * One ECharts chart, drawn as SVG (crisp, and its labels are text the browser tests can read).
 * ECharts is large: this module is loaded only when a chart is shown (React.lazy).
 */
export default function Chart({ option, onClick, height = 320, testId, label }: { option: echarts.EChartsCoreOption; onClick?: (click: ChartClick) => void; height?: number; testId: string; label: string }) {
  const locale = useLocale();
  const element = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'svg', locale: locale === 'en-US' ? 'EN' : 'ZH' });
    chartRef.current = chart;
    chart.on('click', (params) => clickRef.current?.({ dataIndex: params.dataIndex, seriesIndex: params.seriesIndex ?? 0 }));
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
      chartRef.current = null;
    };
  }, [locale]);

  useEffect(() => {
    chartRef.current?.setOption(option, true);
  }, [option, locale]);

  return <div ref={element} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} data-testid={testId} role="img" aria-label={label} />;
}

import { useEffect, useRef } from 'react';
import { echarts, type EChartsOption } from './echarts';

export interface ChartClick {
  /** the `id` or `name` of the clicked datum */
  data: unknown;
  name: string;
  seriesName?: string;
}

/**
 * One ECharts instance in a div that follows its size. The chart is an image to assistive
 * technology (`label`); every view also shows its numbers as text or in a table.
 */
export function EChart({
  option,
  label,
  height = 320,
  onClick,
  testId,
}: {
  option: EChartsOption;
  label: string;
  height?: number;
  onClick?: (click: ChartClick) => void;
  testId?: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const clickHandler = useRef(onClick);
  useEffect(() => {
    clickHandler.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const el = element.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => clickHandler.current?.(params as ChartClick));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={element}
      className="chart"
      role="img"
      aria-label={label}
      data-testid={testId}
      style={{ height }}
    />
  );
}

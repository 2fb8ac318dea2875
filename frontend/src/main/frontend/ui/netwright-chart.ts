import * as echarts from 'echarts';

/**
 * An Apache ECharts chart driven by option JSON from the server (Chart.java).
 * The full option is kept as a property so a re-attached element redraws; merges and appends go straight
 * to the live chart. `data-points` counts the points across all series so tests can wait for data.
 */
class NetwrightChart extends HTMLElement {
  private chart?: echarts.ECharts;
  private resizeObserver?: ResizeObserver;
  private fullOption?: string;

  set option(json: string | undefined) {
    this.fullOption = json;
    if (json && this.chart) {
      this.chart.setOption(JSON.parse(json), { notMerge: true });
      this.countPoints();
    }
  }

  get option(): string | undefined {
    return this.fullOption;
  }

  connectedCallback() {
    if (!this.style.display) {
      this.style.display = 'block';
    }
    if (!this.chart) {
      this.chart = echarts.init(this, undefined, { renderer: 'canvas' });
      this.chart.on('click', (params: any) => {
        this.dispatchEvent(new CustomEvent('nw-chart-click', {
          detail: JSON.stringify({
            seriesIndex: params.seriesIndex ?? -1,
            dataIndex: params.dataIndex ?? -1,
            name: params.name ?? '',
          }),
        }));
      });
      if (this.fullOption) {
        this.chart.setOption(JSON.parse(this.fullOption), { notMerge: true });
      }
    }
    this.resizeObserver = new ResizeObserver(() => this.chart?.resize());
    this.resizeObserver.observe(this);
    this.countPoints();
  }

  disconnectedCallback() {
    this.resizeObserver?.disconnect();
  }

  mergeOption(json: string) {
    this.chart?.setOption(JSON.parse(json), { notMerge: false });
    this.countPoints();
  }

  appendData(seriesIndex: number, pointsJson: string) {
    if (!this.chart) {
      return;
    }
    const points = JSON.parse(pointsJson) as unknown[];
    const current = (this.chart.getOption() as any).series ?? [];
    const existing = (current[seriesIndex]?.data ?? []) as unknown[];
    // Series merge by index, so empty objects leave the other series untouched.
    const update: object[] = [];
    for (let i = 0; i < seriesIndex; i++) {
      update.push({});
    }
    update.push({ data: existing.concat(points) });
    this.chart.setOption({ series: update }, { notMerge: false });
    this.countPoints();
  }

  private countPoints() {
    if (!this.chart) {
      return;
    }
    const series = ((this.chart.getOption() as any)?.series ?? []) as { data?: unknown[] }[];
    const total = series.reduce((sum, s) => sum + (Array.isArray(s.data) ? s.data.length : 0), 0);
    this.setAttribute('data-points', String(total));
  }
}

customElements.define('nw-chart', NetwrightChart);

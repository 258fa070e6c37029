// Draws every chart on the page. Each chart is an element with a
// data-chart attribute naming the <script type="application/json"> that
// holds its ECharts option, built by the generator. The option is used as
// it is: the figures and labels are the generator's, and the same figures
// are in the table beside the chart.
//
// Only the parts of ECharts the charts use are imported, so the bundle
// stays small.
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const darkScheme = window.matchMedia('(prefers-color-scheme: dark)');
const charts = [];

function readOption(container) {
  const source = document.getElementById(container.dataset.chart);
  if (!source) {
    return null;
  }
  try {
    return JSON.parse(source.textContent);
  } catch (err) {
    console.error('chart ' + container.dataset.chart + ': ' + err.message);
    return null;
  }
}

function draw(container, option) {
  // Without JavaScript the container stays hidden and the table speaks
  // alone; it is shown only once there is something to draw in it.
  container.hidden = false;
  const chart = echarts.init(container, darkScheme.matches ? 'dark' : null, { renderer: 'svg' });
  chart.setOption(Object.assign({}, option, {
    // The page's background shows through in either colour scheme.
    backgroundColor: 'transparent',
    // ECharts' aria component writes its own English summary over the
    // container's aria-label; keep the page's translated description.
    aria: Object.assign({}, option.aria, {
      label: { description: container.getAttribute('aria-label') },
    }),
  }));
  return chart;
}

function drawAll() {
  document.querySelectorAll('[data-chart]').forEach((container) => {
    const option = readOption(container);
    if (option) {
      charts.push({ container, option, chart: draw(container, option) });
    }
  });
}

function redrawAll() {
  charts.forEach((entry) => {
    entry.chart.dispose();
    entry.chart = draw(entry.container, entry.option);
  });
}

let resizePending = false;
window.addEventListener('resize', () => {
  if (resizePending) {
    return;
  }
  resizePending = true;
  window.requestAnimationFrame(() => {
    resizePending = false;
    charts.forEach((entry) => entry.chart.resize());
  });
});

// The built-in dark theme keeps axis labels and legends readable when the
// reader's system switches colour scheme.
if (darkScheme.addEventListener) {
  darkScheme.addEventListener('change', redrawAll);
}

drawAll();

// The chart bundle of the home page: the bar charts of charts/draw.js and
// the world map. chart-loader.js loads it when the first chart is about to
// scroll into view.
//
// The map ([data-map]) fetches the world geometry (GeoJSON that the
// generator converted from world-atlas, features named by ISO alpha-2 code)
// and the option of the period chosen in the <select> named by its
// data-select, both fingerprinted files of this site. Choosing another
// period redraws the map and rebuilds the table beside it, its caption, its
// summary and its note on countries the map cannot draw, from the same
// option: every figure, rank and share in it is the generator's. Clicking a
// country opens its page, from the code-to-address map in the JSON element
// named by data-urls.
//
// Test hooks (data-testid): world-map (the map container; it gets the class
// chart-drawn once drawn, and data-period with the period shown),
// map-period (the select), map-table (the table beside the map),
// map-summary (its text summary), and chart-<name> as in charts.js.
import { MapChart } from 'echarts/charts';
import { GeoComponent, VisualMapPiecewiseComponent } from 'echarts/components';
import {
  cssValue, drawChart, echarts, numberFormat, redraw, startCharts, whenVisible,
} from './charts/draw.js';

echarts.use([MapChart, GeoComponent, VisualMapPiecewiseComponent]);

const lang = document.documentElement.lang || undefined;
const percentFormat = new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const listFormat = Intl.ListFormat ? new Intl.ListFormat(lang, { type: 'conjunction' }) : { format: (items) => items.join(', ') };

function fetchJSON(url) {
  return fetch(url).then((response) => {
    if (!response.ok) {
      throw new Error(url + ': ' + response.status);
    }
    return response.json();
  });
}

// fill replaces {name} placeholders of a translated text.
function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));
}

function element(tag, text) {
  const el = document.createElement(tag);
  if (text !== undefined) {
    el.textContent = text;
  }
  return el;
}

function startMap(container) {
  const select = document.getElementById(container.dataset.select);
  const table = document.getElementById(container.dataset.table);
  const summary = document.getElementById(container.dataset.summary);
  const caption = table && table.querySelector('caption');
  const notOnMap = document.getElementById(container.dataset.notOnMap);
  const urlsElement = document.getElementById(container.dataset.urls);
  const urls = urlsElement ? JSON.parse(urlsElement.textContent) : {};
  const texts = JSON.parse(container.dataset.texts);
  let entry = null;
  let codeByName = {};

  function label() {
    return select.options[select.selectedIndex].text;
  }

  // tooltip shows the CLDR name and the requests, or says there were none.
  function prepare(option) {
    const outline = cssValue('--background') || '#fff';
    const series = option.series.map((s) => Object.assign({}, s, {
      itemStyle: Object.assign({}, s.itemStyle, {
        borderColor: outline,
        areaColor: cssValue('--map-no-requests') || s.itemStyle.areaColor,
      }),
    }));
    const visualMap = option.visualMap.map((v) => Object.assign({}, v, {
      pieces: v.pieces.map((p) => (p.lt === 1 ? Object.assign({}, p, { color: cssValue('--map-no-requests') || p.color }) : p)),
      textStyle: { color: cssValue('--text') },
    }));
    // On a narrow screen the legend goes under the map rather than over it
    // (the stylesheet makes the box taller there).
    if (container.clientWidth < 640) {
      const legendHeight = visualMap[0].pieces.length * 24 + 8;
      series.forEach((s) => { s.bottom = legendHeight; });
    }
    return Object.assign({}, option, {
      series,
      visualMap,
      tooltip: Object.assign({}, option.tooltip, {
        formatter: (params) => params.name + ': ' + (params.value > 0 ? numberFormat.format(params.value) : texts.noRequests),
      }),
    });
  }

  function setup(chart) {
    chart.on('click', (params) => {
      const url = urls[codeByName[params.name]];
      if (url) {
        window.location.href = url;
      }
    });
  }

  function rebuild(option) {
    const items = option.series[0].data.filter((d) => d.value > 0).sort((a, b) => a.rank - b.rank);
    const period = label();
    container.dataset.period = select.value;
    if (caption) {
      caption.textContent = fill(texts.caption, { period });
    }
    if (table) {
      const body = element('tbody');
      items.forEach((d) => {
        const row = element('tr');
        row.appendChild(element('td', numberFormat.format(d.rank))).className = 'num';
        const name = element('th');
        name.scope = 'row';
        if (urls[d.code]) {
          const link = element('a', d.name);
          link.href = urls[d.code];
          name.appendChild(link);
        } else {
          name.textContent = d.name;
        }
        row.appendChild(name);
        row.appendChild(element('td', numberFormat.format(d.value))).className = 'num';
        row.appendChild(element('td', percentFormat.format(d.share / 100))).className = 'num';
        body.appendChild(row);
      });
      table.querySelector('tbody').replaceWith(body);
    }
    if (summary) {
      const top = items.slice(0, 3).map((d) => fill(texts.topItem, { country: d.name, requests: numberFormat.format(d.value) }));
      summary.textContent = items.length
        ? fill(texts.summary, { period, count: numberFormat.format(items.length), top: listFormat.format(top) })
        : fill(texts.none, { period });
    }
    if (notOnMap) {
      const missing = items.filter((d) => !d.onMap).map((d) => d.name);
      notOnMap.hidden = missing.length === 0;
      notOnMap.textContent = fill(texts.notOnMap, { countries: listFormat.format(missing) });
    }
  }

  function show(option) {
    codeByName = {};
    option.series[0].data.forEach((d) => { codeByName[d.name] = d.code; });
    if (entry) {
      entry.option = option;
      redraw(entry);
    } else {
      entry = drawChart(container, option, { prepare, setup });
    }
    rebuild(option);
  }

  function optionURL() {
    return select.options[select.selectedIndex].dataset.option;
  }

  Promise.all([fetchJSON(container.dataset.geometry), fetchJSON(optionURL())])
    .then(([geometry, option]) => {
      echarts.registerMap('world', geometry);
      show(option);
      const controls = document.getElementById(container.dataset.controls);
      if (controls) {
        controls.hidden = false;
      }
      select.addEventListener('change', () => {
        fetchJSON(optionURL()).then(show).catch((err) => console.error('map: ' + err.message));
      });
    })
    .catch((err) => {
      // The table beside the map holds the same figures; leave it alone.
      container.classList.add('chart-failed');
      console.error('map: ' + err.message);
    });
}

startCharts();
document.querySelectorAll('[data-map]').forEach((container) => {
  whenVisible(container, () => startMap(container));
});

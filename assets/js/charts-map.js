// The map bundle of the home page: the world map, drawn with charts/draw.js.
// chart-loader.js loads it when the map is about to scroll into view.
//
// The map ([data-map]) fetches the world geometry (GeoJSON that the
// generator converted from world-atlas, features named by ISO alpha-2 code)
// and the option of the period chosen in the <select> named by its
// data-select, both fingerprinted files of this site. Choosing another
// period redraws the map from that period's option (the <option>'s
// data-option) and swaps in the text summary, the table and the note on
// countries the map cannot draw that Hugo rendered for that period (the
// HTML fragment of its data-fragment, layouts/_partials/figures/
// map-period.html): the script writes no figure, label or sentence of its
// own. Clicking a country opens its page, from the code-to-address map in
// the JSON element named by data-urls (on a touch screen, the second tap
// does: the first shows its tooltip).
//
// Test hooks (data-testid): world-map (the map container; it gets the class
// chart-drawn once drawn, and data-period with the period shown),
// map-period (the select), map-table (the table beside the map),
// map-summary (its text summary).
import { MapChart } from 'echarts/charts';
import { GeoComponent, VisualMapPiecewiseComponent } from 'echarts/components';
import {
  cssValue, darkScheme, drawChart, echarts, numberFormat, redraw, whenVisible,
} from './charts/draw.js';

echarts.use([MapChart, GeoComponent, VisualMapPiecewiseComponent]);

function fetchOK(url) {
  return fetch(url).then((response) => {
    if (!response.ok) {
      throw new Error(url + ': ' + response.status);
    }
    return response;
  });
}

function fetchJSON(url) {
  return fetchOK(url).then((response) => response.json());
}

function fetchText(url) {
  return fetchOK(url).then((response) => response.text());
}

function startMap(container) {
  const select = document.getElementById(container.dataset.select);
  // The elements that each period's fragment replaces, by id.
  const swapped = [container.dataset.summary, container.dataset.table, container.dataset.notOnMap];
  const urlsElement = document.getElementById(container.dataset.urls);
  const urls = urlsElement ? JSON.parse(urlsElement.textContent) : {};
  const texts = JSON.parse(container.dataset.texts);
  let entry = null;
  let codeByName = {};

  // bandColors gives the pieces the page's colours. The scale runs from
  // the page's background to strong: in light mode as the generator made
  // it (charts.MapPalette, light to dark), in dark mode the same colours in
  // reverse order, so that more requests are always further from the
  // background, and the largest band is the brightest.
  function bandColors(pieces) {
    const bands = pieces.filter((p) => p.lt !== 1);
    const colors = bands.map((p) => p.color);
    if (darkScheme.matches) {
      colors.reverse();
    }
    return pieces.map((p) => (p.lt === 1
      ? Object.assign({}, p, { color: cssValue('--map-no-requests') || p.color })
      : Object.assign({}, p, { color: colors[bands.indexOf(p)] })));
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
    // In a right-to-left page the legend stands on the right, each band's
    // swatch after its words, as the page's text reads.
    const rightToLeft = document.documentElement.dir === 'rtl';
    const visualMap = option.visualMap.map((v) => Object.assign({}, v, {
      pieces: bandColors(v.pieces),
      textStyle: { color: cssValue('--text') },
    }, rightToLeft ? { left: 'right', align: 'right' } : {},
    v.outOfRange ? { outOfRange: { color: cssValue('--map-not-published') || v.outOfRange.color } } : {}));
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
        formatter: (params) => params.name + ': ' + (params.value > 0 ? numberFormat.format(params.value)
          : (params.value === null || Number.isNaN(params.value) ? texts.notPublished : texts.noRequests)),
      }),
    });
  }

  // A click opens the country's page. A tap on a touch screen, which has
  // no hover, first shows the country's tooltip; a second tap on the same
  // country opens its page, so that the reader sees the figure first.
  let touched = false;
  let tapped = null;
  container.addEventListener('pointerdown', (event) => {
    touched = event.pointerType !== 'mouse';
  }, true);
  function setup(chart) {
    chart.on('click', (params) => {
      const url = urls[codeByName[params.name]];
      if (!url) {
        return;
      }
      if (touched && tapped !== params.name) {
        tapped = params.name;
        chart.dispatchAction({ type: 'showTip', seriesIndex: params.seriesIndex, name: params.name });
        return;
      }
      window.location.href = url;
    });
  }

  // swap puts in what Hugo rendered for a period: each element named in
  // swapped takes the content and the hidden state of the fragment's
  // element with the same id. The elements themselves stay, so that the
  // summary stays a live region and the table keeps its scroll container.
  function swap(html) {
    const fragment = document.createElement('template');
    fragment.innerHTML = html;
    swapped.forEach((id) => {
      const target = document.getElementById(id);
      const source = fragment.content.getElementById(id);
      if (!target || !source) {
        throw new Error('#' + id + ' is missing from the page or the fragment');
      }
      target.replaceChildren(...source.childNodes);
      target.hidden = source.hidden;
    });
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
  }

  function chosen() {
    return select.options[select.selectedIndex];
  }

  // The page already shows the chosen period's summary and table.
  Promise.all([fetchJSON(container.dataset.geometry), fetchJSON(chosen().dataset.option)])
    .then(([geometry, option]) => {
      echarts.registerMap('world', geometry);
      show(option);
      const controls = document.getElementById(container.dataset.controls);
      if (controls) {
        controls.hidden = false;
      }
      select.addEventListener('change', () => {
        const period = chosen();
        Promise.all([fetchJSON(period.dataset.option), fetchText(period.dataset.fragment)])
          .then(([option, html]) => {
            // A period chosen since has its own answers coming.
            if (chosen() !== period) {
              return;
            }
            show(option);
            swap(html);
            container.dataset.period = period.value;
          })
          .catch((err) => console.error('map: ' + err.message));
      });
    })
    .catch((err) => {
      // The table beside the map holds the same figures; leave it alone.
      container.classList.add('chart-failed');
      console.error('map: ' + err.message);
    });
}

document.querySelectorAll('[data-map]').forEach((container) => {
  whenVisible(container, () => startMap(container));
});

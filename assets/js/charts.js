// The chart bundle of pages with bar charts only. chart-loader.js loads it
// when the first chart is about to scroll into view. See charts/draw.js.
//
// Test hooks (data-testid), for the browser tests:
//   chart-<name>   each chart container, <name> as in data/report/charts/<lang>/;
//                  it gets the class chart-drawn once ECharts has drawn it.
import { startCharts } from './charts/draw.js';

startCharts();

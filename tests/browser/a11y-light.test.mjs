// axe-core, WCAG 2.2 AA, every page type in the light colour scheme: see a11y.mjs.
import { axeSuite } from './a11y.mjs';

axeSuite('light');

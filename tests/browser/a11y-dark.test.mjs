// axe-core, WCAG 2.2 AA, every page type in the dark colour scheme: see a11y.mjs.
import { axeSuite } from './a11y.mjs';

axeSuite('dark');

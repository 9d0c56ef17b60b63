// The my-health.html page: see main.ts.
import { startMyHealthPage } from './main.js';

startMyHealthPage();

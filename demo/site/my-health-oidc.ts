// The my-health-oidc.html page: see main.ts.
import { startMyHealthPage } from './main.js';

startMyHealthPage();

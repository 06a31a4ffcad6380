// The GOV.UK Design System's behaviour (error summary focus, character counts, …); every page
// works without it.
import { initAll } from '/govuk/govuk-frontend.min.js';

initAll();

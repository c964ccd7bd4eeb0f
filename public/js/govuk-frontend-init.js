/*
 * Starts GOV.UK Frontend's JavaScript on every page (loaded as a module, so no inline script is
 * needed under the CSP's script-src 'self'). The template's usual inline snippet only adds these
 * two classes; GOV.UK Frontend then runs only in browsers that support ES modules, as here.
 * initAll() moves focus to the error summary after a failed submit (screen readers hear it first)
 * and makes buttons marked data-prevent-double-click="true" ignore a second click within a second.
 */
import { initAll } from '/vendor/govuk-frontend/govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
document.documentElement.setAttribute('data-govuk-frontend-ready', '');

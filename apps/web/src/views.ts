import { dirname, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import nunjucks from 'nunjucks';
import { addViewFilters } from './view-filters';

/** The app's own templates (copied beside the compiled code by the build). */
export const VIEWS_DIR = join(__dirname, 'views');
/** The GOV.UK Design System: its page template, component macros, styles, scripts and assets. */
export const GOVUK_FRONTEND_DIR = join(
  dirname(require.resolve('govuk-frontend/package.json')),
  'dist',
);
export const PUBLIC_DIR = join(__dirname, 'public');

/** Nunjucks, as the GOV.UK Design System's macros need, with every value escaped. */
export function configureViews(app: NestExpressApplication): nunjucks.Environment {
  const environment = nunjucks.configure([VIEWS_DIR, GOVUK_FRONTEND_DIR], {
    autoescape: true,
    throwOnUndefined: false,
    express: app.getHttpAdapter().getInstance(),
  });
  app.setViewEngine('njk');
  app.setBaseViewsDir(VIEWS_DIR);
  addViewFilters(environment);
  return environment;
}

/** Styles, scripts, fonts and images (all public files), cached for a day. */
export function serveStaticFiles(app: NestExpressApplication): void {
  const options = { maxAge: '1d', index: false } as const;
  app.useStaticAssets(join(GOVUK_FRONTEND_DIR, 'govuk', 'assets'), {
    ...options,
    prefix: '/assets/',
  });
  app.useStaticAssets(join(GOVUK_FRONTEND_DIR, 'govuk'), { ...options, prefix: '/govuk/' });
  app.useStaticAssets(PUBLIC_DIR, { ...options, prefix: '/public/' });
}

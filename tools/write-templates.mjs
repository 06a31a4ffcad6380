// Writes the bulk-upload templates users download from the definition in the sessions library.
// `npm run templates`; a unit test fails while the committed files differ from the definition.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const template = require(join(root, 'dist/libs/domain/sessions/src/session-import.template.js'));

const out = join(root, 'docs/templates');
writeFileSync(join(out, 'sessions-import-template.csv'), template.sessionImportTemplateCsv());
writeFileSync(join(out, 'sessions-import-template.xlsx'), template.sessionImportTemplateXlsx());
console.log(`Wrote ${out}/sessions-import-template.csv and .xlsx`);

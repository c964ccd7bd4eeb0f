// `npm run build`: compile TypeScript (incrementally) and the stylesheet. Runs before `npm start`,
// so a fresh clone needs only `npm install && npm start`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });

const css = sass.compile(path.join(root, 'public/scss/app.scss'), {
  loadPaths: [path.join(root, 'node_modules')],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import'],
});
mkdirSync(path.join(root, 'public/css'), { recursive: true });
writeFileSync(path.join(root, 'public/css/app.css'), css.css);
console.error(`built dist/ and public/css/app.css (${Math.round(css.css.length / 1024)} KB)`);

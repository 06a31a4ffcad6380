// Compiles apps, libs and migrations to dist/ (tsc keeps decorator metadata, which NestJS needs),
// rewrites the @la-tracker/* path aliases to relative paths, and copies the data files that
// libraries and apps read at run time (each library's src/data/, any data/ folder in an app's src/).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

run(bin('tsc'), ['-p', 'tsconfig.build.json']);
run(bin('tsc-alias'), ['-p', 'tsconfig.build.json']);
for (const layer of ['platform', 'domain']) {
  for (const lib of readdirSync(join(root, 'libs', layer))) {
    const data = join('libs', layer, lib, 'src', 'data');
    if (existsSync(join(root, data)))
      cpSync(join(root, data), join(root, 'dist', data), { recursive: true });
  }
}

// Data files apps read at run time (any src/**/data/ folder, e.g. the hex map's layout).
const dataFolders = (folder) =>
  readdirSync(join(root, folder)).flatMap((name) => {
    const path = join(folder, name);
    if (!statSync(join(root, path)).isDirectory()) return [];
    return name === 'data' ? [path] : dataFolders(path);
  });
for (const app of readdirSync(join(root, 'apps'))) {
  for (const data of dataFolders(join('apps', app, 'src'))) {
    cpSync(join(root, data), join(root, 'dist', data), { recursive: true });
  }
}

// The web app's templates, styles and scripts are read at run time beside its compiled code.
for (const folder of ['views', 'public'])
  cpSync(
    join(root, 'apps', 'web', 'src', folder),
    join(root, 'dist', 'apps', 'web', 'src', folder),
    {
      recursive: true,
    },
  );

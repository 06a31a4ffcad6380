import { readdirSync } from 'node:fs';
import { migrations } from './index';

describe('the migration list', () => {
  it('names every migration file in this folder, oldest first', () => {
    const files = readdirSync(__dirname)
      .filter((file) => /^\d{13}-.+\.ts$/.test(file) && !file.endsWith('spec.ts'))
      .sort();
    const names = migrations.map((migration) => new migration().name ?? migration.name);
    expect(names).toEqual(
      files.map((file) => {
        const [timestamp, name] = file.replace(/\.ts$/, '').split('-');
        return `${name}${timestamp}`;
      }),
    );
  });
});

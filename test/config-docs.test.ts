import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { SETTING_NAMES } from '../src/server/config.ts';

// Every setting is a documented choice an association can tune: the French configuration
// guide explains it, the example env file lists it, and docker compose passes it through.
const documents: Array<[string, (name: string) => RegExp]> = [
  ['docs/CONFIGURATION.md', (name) => new RegExp(`\\b${name}\\b`)],
  ['deploy/.env.example', (name) => new RegExp(`\\b${name}=`)],
  ['deploy/compose.yaml', (name) => new RegExp(`^\\s+${name}: `, 'm')],
];

for (const [file, mention] of documents) {
  test(`every setting appears in ${file}`, async () => {
    const text = await readFile(new URL(`../${file}`, import.meta.url), 'utf8');
    const missing = SETTING_NAMES.filter((name) => !mention(name).test(text));
    assert.deepEqual(missing, [], `${file} does not mention ${missing.join(', ')}`);
  });
}

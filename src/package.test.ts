import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import semver from 'semver';

// A clean `npm install` must fit the engines the package declares: no dependency may need a newer
// Node than the oldest one we promise to support (npm only warns, and then things break later).
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
};

test('every locked dependency runs on the oldest Node the package declares', () => {
  const oldest = semver.minVersion(manifest.engines.node)!.version;
  expect(oldest).toBe('20.19.0');
  const misfits = Object.entries(lock.packages)
    .filter(([, entry]) => entry.engines && !Array.isArray(entry.engines) && entry.engines.node)
    .filter(([, entry]) => !semver.satisfies(oldest, (entry.engines as { node: string }).node))
    .map(([name, entry]) => `${name} needs node ${(entry.engines as { node: string }).node}`);
  expect(misfits).toEqual([]);
});

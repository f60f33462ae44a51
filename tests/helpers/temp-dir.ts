import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, onTestFinished } from 'vitest';

/**
 * A fresh directory under the OS temp dir, removed when the current test ends. Called from a
 * test or its beforeEach, the removal is the test's own (onTestFinished: an afterEach added while
 * a test runs is never called); called while a file's tests are collected, after each test.
 */
export function tempDir(prefix = 'vinylvault-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    onTestFinished(remove);
  } catch {
    afterEach(remove);
  }
  return dir;
}

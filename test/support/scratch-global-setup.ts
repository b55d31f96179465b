/**
 * The CDK tests' temporary folder: one per run, removed when the run ends. Each `new App()` without an
 * `outdir` writes its cloud assembly to a new `cdk.out*` folder under the system's temporary folder, and
 * the stacks' web buckets and bundled handlers are staged there too; none of it is removed by CDK. The
 * test processes start after this, so their `os.tmpdir()` is this folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let scratch: string | undefined;
let before: string | undefined;

export function setup(): void {
  before = process.env.TMPDIR;
  scratch = mkdtempSync(join(tmpdir(), 'kawal-cdk-tests-'));
  process.env.TMPDIR = scratch;
}

export function teardown(): void {
  if (before === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = before;
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}

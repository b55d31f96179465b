/**
 * The browser's validator of a schema, made the way the web app gets it: the server writes the
 * precompiled module (functions/validation/standalone.ts) for the form as shown in a language, the
 * module is imported as a file (as the browser imports it by URL: it imports nothing itself), and the
 * web app's `ModuleValidator` wraps it. No schema is compiled on the browser's side.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Lang } from '../../functions/platform/messages';
import type { ValidatorModule } from '../../functions/validation/runtime';
import { validatorModule } from '../../functions/validation/standalone';
import { formToShow } from '../../functions/validation/translations';
import { ModuleValidator } from '../../web/src/features/forms/validator';

const dir = mkdtempSync(join(tmpdir(), 'kawal-validator-modules-'));
let count = 0;

/** Imports module text as the browser does a module URL. */
export async function importModule(text: string): Promise<ValidatorModule> {
  const file = join(dir, `module-${++count}.mjs`);
  writeFileSync(file, text);
  return (await import(pathToFileURL(file).href)) as ValidatorModule;
}

/** The form as the browser shows it in `lang`, and its validator from the server's module. */
export async function browserValidator(
  schema: Record<string, unknown>,
  lang: Lang,
): Promise<{ shown: Record<string, unknown>; validator: ModuleValidator; text: string }> {
  const shown = formToShow({ schema }, lang).schema;
  const text = validatorModule(shown);
  return { shown, validator: new ModuleValidator(await importModule(text), lang), text };
}

/**
 * The browser-side validator of a form: the server's own precompiled validators for the form as shown
 * in the UI language, imported as a module from the API (`GET /api/forms/{id}/versions/{n}/validator.js`,
 * written by functions/validation/standalone.ts with the server's ajv options, draft, formats and
 * pattern engine), with the server's messages (functions/validation/messages.ts). The browser never
 * compiles a schema, so the app runs under a Content-Security-Policy without 'unsafe-eval', and a form
 * passes here if and only if it passes there. The data it checks holds the calculated fields' values
 * (`x-calculate`): FormView computes them live into the data, as the server does before validating,
 * and holds a submit until they are in.
 *
 * A module arrives after the form is drawn: until then a form gets a pending validator, which answers
 * rjsf's questions (is this `if` met, which option matches) with the validators of the module this form
 * had before, if any (the studio's preview changes module at every edit), else "no".
 */
import type { CustomValidator, ErrorTransformer, RJSFSchema, UiSchema, ValidatorType } from '@rjsf/utils';
import { hashForSchema, ID_KEY, JUNK_OPTION_ID } from '@rjsf/utils';
import AJV8PrecompiledValidator from '@rjsf/validator-ajv8/lib/precompiledValidator.js';
import type { CompiledValidateFunction, ValidatorFunctions } from '@rjsf/validator-ajv8/lib/types.js';
import type { ErrorObject } from 'ajv';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { localizeErrors } from '../../../../functions/validation/messages';
import {
  VALIDATOR_MODULE_VERSION,
  VALIDATOR_RUNTIME,
  type ValidatorModule,
} from '../../../../functions/validation/runtime';
import type { Lang } from '../../shared/i18n/dictionary';

export type FormValue = Record<string, unknown>;
export type FormValidator = ValidatorType<FormValue, RJSFSchema>;

/** The key a module gives a schema's validator (as rjsf's precompiled validator looks it up), kept per object. */
const keys = new WeakMap<object, string>();
function keyOf(schema: RJSFSchema): string {
  const own = schema[ID_KEY];
  if (typeof own === 'string') return own;
  let key = keys.get(schema);
  if (key === undefined) {
    key = hashForSchema(schema);
    keys.set(schema, key);
  }
  return key;
}

const reported = new Set<string>();
/** A part of the form the module has no validator for: a defect, said once; rjsf gets "no". */
function missing(key: string): CompiledValidateFunction {
  if (!reported.has(key)) {
    reported.add(key);
    console.error(`Kawal: the form's validator module has no validator for the schema part ${key}`);
  }
  return () => false;
}

/**
 * rjsf's precompiled validator over a module's validators. rjsf renders a long form one step at a
 * time (a part of the schema as its root) and in the UI language: the module is the one for that
 * language, and any schema rjsf hands over is looked up by its own hash, whatever root it came with.
 */
export class ModuleValidator extends AJV8PrecompiledValidator<FormValue, RJSFSchema> {
  constructor(module: ValidatorModule, lang: Lang) {
    super(
      module.default(VALIDATOR_RUNTIME) as ValidatorFunctions,
      { [ID_KEY]: module.root } as RJSFSchema,
      (errors) => {
        if (errors) localizeErrors(errors as ErrorObject[], lang);
      },
    );
  }

  override getValidator(schema: RJSFSchema): CompiledValidateFunction {
    const key = keyOf(schema);
    return this.validateFns[key] ?? missing(key);
  }

  /** Any root: a step of the form, or the form in another object with the same content. */
  override ensureSameRootSchema(): boolean {
    return true;
  }
}

/** The validator of a form whose module is on its way (see the top of this file). */
class PendingValidator implements FormValidator {
  constructor(private readonly previous: ValidatorFunctions | undefined) {}

  isValid(schema: RJSFSchema, formData: FormValue | undefined): boolean {
    if (schema[ID_KEY] === JUNK_OPTION_ID) return false;
    const validate = this.previous?.[keyOf(schema)];
    return validate ? validate(formData) : false;
  }

  validateFormData(
    _formData: FormValue | undefined,
    _schema: RJSFSchema,
    _customValidate?: CustomValidator<FormValue, RJSFSchema>,
    _transformErrors?: ErrorTransformer<FormValue, RJSFSchema>,
    _uiSchema?: UiSchema<FormValue, RJSFSchema>,
  ) {
    // Nothing is judged before the module is in: FormView waits for it (`ready`).
    return { errors: [], errorSchema: {} };
  }

  rawValidation() {
    return { errors: [] };
  }
}

/** Where a form's validator module is. */
export interface ValidatorSource {
  /** Names the module for the page's life: the same key, the same validators. */
  key: string;
  lang: Lang;
  /** The module's URL (a draft's is known once the server has its schema). */
  url(): Promise<string>;
}

/** What a source's `url` throws when a newer one made it needless (the studio's preview, typing on). */
export class SourceWithdrawn extends Error {
  constructor() {
    super('validator source withdrawn');
    this.name = 'SourceWithdrawn';
  }
}

/** What a source's `url` throws when the server refused it with a reason (the caller shows it). */
export class SourceRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceRefused';
  }
}

/** Failures worth a console line: not a withdrawn source, nor one the server refused with a reason. */
function unexpected(error: unknown): boolean {
  return !(error instanceof SourceWithdrawn) && !(error instanceof SourceRefused);
}

/** A published version's module in `lang`: immutable, so cached by the browser for good. */
export function publishedValidatorSource(form: { id: string; version: number }, lang: Lang): ValidatorSource {
  const url = `/api/forms/${encodeURIComponent(form.id)}/versions/${form.version}/validator.js?lang=${lang}&v=${VALIDATOR_MODULE_VERSION}`;
  return { key: url, lang, url: () => Promise.resolve(url) };
}

/** Loaded validators by source key; a page meets tens of forms, the studio a module per edit. */
const loaded = new Map<string, ModuleValidator>();
const loading = new Map<string, Promise<ModuleValidator>>();
const MAX_LOADED = 40;
/** Failed imports per URL: the browser keeps a failed module import, so a retry asks for another URL. */
const failures = new Map<string, number>();

function remember(key: string, validator: ModuleValidator): void {
  loaded.set(key, validator);
  if (loaded.size > MAX_LOADED) {
    const oldest = loaded.keys().next().value;
    if (oldest !== undefined) loaded.delete(oldest);
  }
}

/** The validator of `source`, imported once (same origin: the policy's `script-src 'self'`). */
export function loadValidator(source: ValidatorSource): Promise<ModuleValidator> {
  const done = loaded.get(source.key);
  if (done) return Promise.resolve(done);
  let promise = loading.get(source.key);
  if (!promise) {
    promise = source
      .url()
      .then(async (url) => {
        const tries = failures.get(url) ?? 0;
        try {
          const module = (await import(
            /* @vite-ignore */ tries > 0 ? `${url}&retry=${tries}` : url
          )) as ValidatorModule;
          return new ModuleValidator(module, source.lang);
        } catch (error) {
          failures.set(url, tries + 1);
          throw error;
        }
      })
      .then((validator) => {
        remember(source.key, validator);
        return validator;
      })
      .finally(() => loading.delete(source.key));
    loading.set(source.key, promise);
  }
  return promise;
}

export interface FormValidatorState {
  /** What rjsf gets: the module's validator once in, a pending one before. */
  validator: FormValidator;
  /** The module's validator once in. */
  loaded: ModuleValidator | undefined;
  /** The module's validator when it is in; undefined when it cannot be had (the server checks anyway). */
  ready(): Promise<ModuleValidator | undefined>;
}

/** The validator of `source` for a component: pending at first, the module's once it is in. */
export function useFormValidator(source: ValidatorSource): FormValidatorState {
  const [, setArrived] = useState(0);
  const current = loaded.get(source.key);
  const previous = useRef<ModuleValidator | undefined>(undefined);
  if (current) previous.current = current;

  useEffect(() => {
    if (loaded.has(source.key)) return;
    let live = true;
    loadValidator(source).then(
      () => {
        if (live) setArrived((n) => n + 1);
      },
      (error: unknown) => {
        if (unexpected(error)) console.error('Kawal: the form validator could not be loaded', error);
      },
    );
    return () => {
      live = false;
    };
  }, [source]);

  // One pending validator per source, so rjsf is not handed a new one at every render.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the previous module is read when a source starts waiting
  const pending = useMemo(() => new PendingValidator(previous.current?.validateFns), [source.key]);
  const ready = useCallback(
    () =>
      loadValidator(source).catch((error: unknown) => {
        if (unexpected(error)) console.error('Kawal: the form validator could not be loaded', error);
        return undefined;
      }),
    [source],
  );
  return { validator: current ?? pending, loaded: current, ready };
}

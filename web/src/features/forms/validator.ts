/**
 * The browser-side validator for a form version, configured exactly like the server's (same ajv
 * options, custom formats, the ajv class for the draft the schema declares, and the same Indonesian
 * and English messages), so a form passes here if and only if it passes there. Built once per
 * (form id, version): published versions never change. The data it checks holds the calculated
 * fields' values (`x-calculate`): FormView computes them live into the data, as the server does before
 * validating, and holds a submit until they are in.
 */
import type { RJSFSchema, ValidatorType } from '@rjsf/utils';
import { customizeValidator, type Localizer } from '@rjsf/validator-ajv8';
import { AJV_OPTIONS, ajvClassFor, CUSTOM_FORMATS } from '../../../../functions/validation/ajv-config';
import { localizeErrors } from '../../../../functions/validation/messages';
import { getLanguage } from '../../shared/i18n/language';

export type FormValue = Record<string, unknown>;
export type FormValidator = ValidatorType<FormValue, RJSFSchema>;

/** Messages follow the UI language at the moment of validating. */
const localizer: Localizer = (errors) => {
  if (errors) localizeErrors(errors, getLanguage());
};

const validators = new Map<string, FormValidator>();

export function validatorFor(form: { id: string; version: number; schema: Record<string, unknown> }) {
  const key = `${form.id}@${form.version}`;
  let validator = validators.get(key);
  if (!validator) {
    validator = customizeValidator<FormValue, RJSFSchema>(
      { AjvClass: ajvClassFor(form.schema), ajvOptionsOverrides: AJV_OPTIONS, customFormats: CUSTOM_FORMATS },
      localizer,
    );
    validators.set(key, validator);
  }
  return validator;
}

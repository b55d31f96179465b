/**
 * rjsf's radio group with an accessible name. The default theme points `<label for>` at the group's
 * `<div role="radiogroup">`, which a label cannot name, so a screen reader heard only "Ya, Tidak" for
 * each question. Otherwise the same markup and behaviour as @rjsf/core's RadioWidget (including the
 * `.radio-inline` labels for `ui:options.inline`), except that `ui:autofocus` is not honoured.
 */
import {
  ariaDescribedByIds,
  enumOptionsIsSelected,
  enumOptionValueDecoder,
  enumOptionValueEncoder,
  getOptionValueFormat,
  optionId,
  type RJSFSchema,
  type WidgetProps,
} from '@rjsf/utils';
import type { FocusEvent, InputHTMLAttributes } from 'react';
import type { FormValue } from './validator';

export function RadioWidget({
  options,
  value,
  required,
  disabled,
  readonly,
  onBlur,
  onFocus,
  onChange,
  id,
  htmlName,
  label,
  rawErrors,
}: WidgetProps<FormValue, RJSFSchema>) {
  const { enumOptions, enumDisabled, inline, emptyValue } = options;
  const format = getOptionValueFormat(options);
  const decode = (event: FocusEvent<HTMLInputElement>) =>
    enumOptionValueDecoder(event.target.value, enumOptions, format, emptyValue);

  return (
    <div
      className="field-radio-group"
      id={id}
      role="radiogroup"
      aria-label={label || undefined}
      aria-required={required || undefined}
      aria-invalid={rawErrors && rawErrors.length > 0 ? true : undefined}
    >
      {(enumOptions ?? []).map((option, index) => {
        const itemDisabled = Array.isArray(enumDisabled) && enumDisabled.includes(option.value);
        const off = Boolean(disabled || itemDisabled || readonly);
        const inputId = optionId(id, index);
        const inputProps: InputHTMLAttributes<HTMLInputElement> = {
          type: 'radio',
          id: inputId,
          checked: enumOptionsIsSelected(option.value, value),
          name: htmlName || id,
          required,
          value: enumOptionValueEncoder(option.value, index, format),
          disabled: off,
          onChange: () => onChange(option.value),
          onBlur: (event) => onBlur(id, decode(event)),
          onFocus: (event) => onFocus(id, decode(event)),
          'aria-describedby': ariaDescribedByIds(id),
        };
        return inline ? (
          <label
            key={String(option.value)}
            htmlFor={inputId}
            className={`radio-inline ${off ? 'disabled' : ''}`}
          >
            <input {...inputProps} />
            <span>{option.label}</span>
          </label>
        ) : (
          <div key={String(option.value)} className={`radio ${off ? 'disabled' : ''}`}>
            <label htmlFor={inputId}>
              <input {...inputProps} />
              <span>{option.label}</span>
            </label>
          </div>
        );
      })}
    </div>
  );
}

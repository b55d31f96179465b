/** The words `describePlace` uses, in the UI language. */
import type { PlaceWords } from './describe';
import type { FormsKey } from './texts';

const KEYWORDS: Record<string, FormsKey> = {
  title: 'place.title',
  description: 'place.description',
  required: 'place.required',
  oneOf: 'place.options',
  enum: 'place.options',
  const: 'place.value',
  type: 'place.type',
  format: 'place.format',
  minLength: 'place.minLength',
  maxLength: 'place.maxLength',
  minimum: 'place.minimum',
  maximum: 'place.maximum',
  pattern: 'place.pattern',
  items: 'place.items',
  allOf: 'place.conditions',
  if: 'place.if',
  then: 'place.then',
  else: 'place.else',
  readOnly: 'place.readOnly',
  examples: 'place.examples',
  'x-sensitive': 'place.sensitive',
  'x-calculate': 'place.calculate',
  'ui:help': 'place.help',
  'ui:order': 'place.order',
  'ui:widget': 'place.widget',
  'ui:options': 'place.widgetOptions',
  'ui:description': 'place.description',
};

export function placeWords(
  t: (key: FormsKey, params?: Record<string, string | number>) => string,
): PlaceWords {
  return {
    formTitle: t('place.formTitle'),
    formDescription: t('place.formDescription'),
    form: t('place.form'),
    display: t('place.display'),
    keyword: (name) => {
      const key = KEYWORDS[name];
      return key && Object.hasOwn(KEYWORDS, name) ? t(key) : undefined;
    },
    item: (index) => t('place.item', { number: index + 1 }),
  };
}

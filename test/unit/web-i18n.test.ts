import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defineNamespace, translate } from '../../web/src/shared/i18n/dictionary';

const localesDir = new URL('../../web/src/locales/', import.meta.url);
const namespaces = readdirSync(new URL('id/', localesDir)).filter((file) => file.endsWith('.json'));

function texts(lang: string, file: string): Record<string, string> {
  return JSON.parse(readFileSync(new URL(`${lang}/${file}`, localesDir), 'utf8'));
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the translation resources', () => {
  it.each(namespaces)('%s has the same keys and placeholders in English as in Indonesian', (file) => {
    const id = texts('id', file);
    const en = texts('en', file);
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
    for (const [key, text] of Object.entries(id)) {
      expect({ key, placeholders: placeholders(en[key] ?? '') }).toEqual({
        key,
        placeholders: placeholders(text),
      });
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('fills placeholders and keeps the text as written (no HTML escaping: React escapes)', () => {
    expect(translate('id', 'error.unexpected', { status: 502 })).toContain('502');
    expect(translate('en', 'error.unexpected', { status: '<b>' })).toContain('<b>');
  });

  it('serves a namespace added later in the chosen language', () => {
    const t = defineNamespace('test-ns', { id: { greet: 'Halo {{name}}' }, en: { greet: 'Hello {{name}}' } });
    expect(t('id', 'greet', { name: 'Sari' })).toBe('Halo Sari');
    expect(t('en', 'greet', { name: 'Sari' })).toBe('Hello Sari');
  });
});

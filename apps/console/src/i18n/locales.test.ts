import { describe, expect, it } from 'vitest';
import az from './locales/az.json';
import en from './locales/en.json';
import pl from './locales/pl.json';
import tr from './locales/tr.json';

type Messages = { [key: string]: string | Messages };

function flat(messages: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flat(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

/** A key without its plural suffix: languages have different plural forms (Polish: one, few, many, other). */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const placeholders = (text: string) => [...new Set([...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]))].sort();

describe('message files', () => {
  const english = flat(en as Messages);
  for (const [language, messages] of Object.entries({ tr, az, pl })) {
    it(`${language} translates every English message, with the same placeholders`, () => {
      const translated = flat(messages as Messages);
      expect([...new Set([...translated.keys()].map(base))].sort()).toEqual(
        [...new Set([...english.keys()].map(base))].sort(),
      );
      for (const [key, text] of translated) {
        const source = english.get(key) ?? english.get(`${base(key)}_other`) ?? english.get(base(key))!;
        expect({ key, placeholders: placeholders(text) }).toEqual({ key, placeholders: placeholders(source) });
      }
    });
  }

  it('has every plural form Polish needs', () => {
    const polish = flat(pl as Messages);
    for (const key of [...flat(en as Messages).keys()].filter((k) => k.endsWith('_other'))) {
      for (const form of ['one', 'few', 'many', 'other'])
        expect(polish.has(key.replace(/_other$/, `_${form}`))).toBe(true);
    }
  });
});

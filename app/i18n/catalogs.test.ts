/**
 * The catalogs agree: every language has every key of the English one (with
 * the plural forms its own grammar needs, from Intl.PluralRules) and nothing
 * else, and uses exactly the placeholders of the English text (none added, none
 * dropped: a parameter the core sends must show in every language).
 */
import { describe, expect, it } from 'vitest';
import { placeholdersOf, splitPluralKey, type Catalog } from './catalog';
import { LANGUAGES } from './languages';
import { CATALOGS, createTranslator } from './translator';
import { msg } from './message';
import { EN_AREAS } from './en';

const english = CATALOGS.en;

/** Base key → the English texts of its forms (one entry for a key without plural forms). */
function families(catalog: Catalog): Map<string, { plural: boolean; keys: string[] }> {
  const out = new Map<string, { plural: boolean; keys: string[] }>();
  for (const key of Object.keys(catalog)) {
    const { base, category } = splitPluralKey(key);
    const family = out.get(base) ?? { plural: category !== undefined, keys: [] };
    family.keys.push(key);
    out.set(base, family);
  }
  return out;
}

describe.each(LANGUAGES.filter((language) => language !== 'en'))('the %s catalog', (language) => {
  const catalog = CATALOGS[language];
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;

  it('has every English key, with its own plural forms, and no other', () => {
    const missing: string[] = [];
    for (const [base, family] of families(english)) {
      const wanted = family.plural ? categories.map((category) => `${base}_${category}`) : [base];
      for (const key of wanted) if (catalog[key] === undefined) missing.push(key);
    }
    const extra = Object.keys(catalog).filter((key) => {
      const family = families(english).get(splitPluralKey(key).base);
      if (!family) return true;
      const { category } = splitPluralKey(key);
      return family.plural ? category === undefined || !categories.includes(category) : key !== splitPluralKey(key).base;
    });
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('uses exactly the placeholders of the English text: none added, none dropped', () => {
    const added: string[] = [];
    const dropped: string[] = [];
    for (const [base, family] of families(english)) {
      const wanted = new Set(family.keys.flatMap((k) => [...placeholdersOf(english[k] ?? '')]));
      const forms = Object.keys(catalog).filter((key) => splitPluralKey(key).base === base);
      for (const key of forms) {
        const used = placeholdersOf(catalog[key] ?? '');
        for (const name of used) if (!wanted.has(name)) added.push(`${key}: {{${name}}}`);
        // A plural form may say its number in words ("один звонок" for {{count}} = 1); every other parameter must show.
        for (const name of wanted) if (!used.has(name) && !(family.plural && name === 'count')) dropped.push(`${key}: {{${name}}}`);
      }
      const anyForm = new Set(forms.flatMap((key) => [...placeholdersOf(catalog[key] ?? '')]));
      if (family.plural && wanted.has('count') && !anyForm.has('count')) dropped.push(`${base}: {{count}} in no form`);
    }
    expect({ added, dropped }).toEqual({ added: [], dropped: [] });
  });

  it('has a text in every entry', () => {
    expect(Object.entries(catalog).filter(([, text]) => text.trim() === '')).toEqual([]);
  });
});

describe('the English catalog', () => {
  it('defines each key in one area only', () => {
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const [area, catalog] of Object.entries(EN_AREAS)) {
      for (const key of Object.keys(catalog)) {
        const before = owner.get(key);
        if (before) twice.push(`${key}: ${before} and ${area}`);
        owner.set(key, area);
      }
    }
    expect(twice).toEqual([]);
  });

  it('gives every plural family an "one" and an "other" form', () => {
    const broken = [...families(english)].filter(
      ([base, family]) => family.plural && !(english[`${base}_one`] && english[`${base}_other`]),
    );
    expect(broken).toEqual([]);
  });
});

describe('the translator', () => {
  it('translates nested message parameters first', () => {
    const t = createTranslator('en');
    expect(t(msg('link.online'))).toBe('Online');
  });
});

describe('plural forms', () => {
  it.each([
    ['ru', 1, '1 звонок'],
    ['ru', 2, '2 звонка'],
    ['ru', 5, '5 звонков'],
    ['ru', 21, '21 звонок'],
    ['ru', 1.5, '1.5 звонка'],
    ['et', 1, '1 kõne'],
    ['et', 3, '3 kõnet'],
    ['de', 1, '1 Anruf'],
    ['de', 2, '2 Anrufe'],
    ['en', 1, '1 call'],
    ['en', 0, '0 calls'],
  ] as const)('%s, %d', (language, count, text) => {
    expect(createTranslator(language)(msg('call.count', { count }))).toBe(text);
  });
});

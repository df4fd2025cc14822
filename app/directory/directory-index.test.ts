import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DirectoryIndex, MATCH_TIERS, matchEntry, numberText, queryWords, rankKey, type SearchableEntry } from './directory-index';
import { foldText, rawWords, secondaryFold } from './fold';
import { numberQuery } from './numbers';

interface Person extends SearchableEntry {
  id: string;
}

const people: Person[] = [
  { id: 'tiina', name: 'Tiina Põld', company: 'Põhja Logistika', numbers: ['+3725123456'] },
  { id: 'maria', name: 'Maria Lind', company: 'Lind & Co', numbers: ['+3726401234'] },
  { id: 'mart', firstName: 'Mart', lastName: 'Kask', numbers: ['1101'], ownCompany: true, department: 'Sales' },
  { id: 'marta', firstName: 'Marta', lastName: 'Kaskinen', numbers: ['+358401234567'] },
  { id: 'muller', name: 'Jürgen Müller', company: 'Berliner Bau GmbH', numbers: ['+49301234567'] },
  { id: 'mueller', name: 'Hans Mueller', numbers: ['+49891112222'] },
  { id: 'ivanov', name: 'Иванов Пётр', altNames: ['Petr Ivanov'], numbers: ['+37255512345'] },
  { id: 'kaskco', name: 'Front desk', company: 'Kask Ehitus AS', numbers: ['+3726009000'] },
  { id: 'linda', name: 'Linda Maasik', numbers: ['+33612345678'] },
];

function ids(query: string, list: Person[] = people, limit = 20): string[] {
  return DirectoryIndex.build(list)
    .search(query, limit)
    .map((hit) => hit.entry.id);
}

describe('folding', () => {
  it('drops diacritics and case, and spells umlauts, carons and Cyrillic the keyboard way as a secondary form', () => {
    expect(foldText('Tiina PÕLD')).toBe('tiina pold');
    expect(foldText('Weiß Ørsted')).toBe('weiss orsted');
    expect(foldText('Ёлкин')).toBe('елкин');
    expect(secondaryFold('müller')).toBe('mueller');
    expect(secondaryFold('šostakovitš')).toBe('shostakovitsh');
    expect(secondaryFold('иванов')).toBe('ivanov');
    expect(secondaryFold('kask')).toBeUndefined();
  });
});

describe('number queries', () => {
  it('reads a typed query as a number, international when it starts with + or 00', () => {
    expect(numberQuery('+372 51')).toEqual({ digits: '37251', international: true });
    expect(numberQuery('00372')).toEqual({ digits: '372', international: true });
    expect(numberQuery('5123')).toEqual({ digits: '5123', international: false });
    expect(numberQuery('kask')).toBeUndefined();
  });
});

describe('DirectoryIndex', () => {
  it('folds diacritics both ways: pold finds Põld, põld finds a plain Pold', () => {
    expect(ids('pold')).toEqual(['tiina']);
    expect(ids('põld', [...people, { id: 'plain', name: 'Peeter Pold', numbers: ['+3725000000'] }])).toEqual(['plain', 'tiina']);
  });

  it('finds Müller by mueller as a secondary match, after the literal Mueller, and Mueller by müller likewise', () => {
    expect(ids('mueller')).toEqual(['mueller', 'muller']);
    expect(ids('müller')).toEqual(['muller', 'mueller']);
    const hits = DirectoryIndex.build(people).search('mueller', 5);
    expect(hits.map((hit) => hit.tier)).toEqual(['exact-name', 'secondary-spelling']);
  });

  it('finds a Cyrillic name by its Latin transliteration and by its alternative name', () => {
    expect(ids('ivanov')).toEqual(['ivanov']);
    expect(ids('petr')).toEqual(['ivanov']);
    expect(ids('пётр')).toEqual(['ivanov']);
  });

  it('takes several words in any order, each a prefix of some field', () => {
    // Maria Lind first: 'lind' is a whole word of her name, a prefix of Linda Maasik's.
    expect(ids('lind ma')).toEqual(['maria', 'linda']);
    expect(ids('ma lind').sort()).toEqual(['linda', 'maria']);
    expect(ids('maria lind')).toEqual(['maria']);
    expect(ids('lind zz')).toEqual([]);
    expect(ids('kask sales')).toEqual(['mart']);
  });

  it('ranks an exact name first, then name prefixes (own company before outside contacts), then companies', () => {
    const hits = DirectoryIndex.build(people).search('kask', 10);
    expect(hits.map((hit) => [hit.entry.id, hit.tier])).toEqual([
      ['mart', 'exact-name'],
      ['marta', 'name-prefix'],
      ['kaskco', 'company-prefix'],
    ]);
    // Within a tier, the PBX's own colleagues come first, then by last name (or the name as written).
    expect(ids('mar')).toEqual(['mart', 'marta', 'maria']);
  });

  it('matches digits at the start of a number as it is written: E.164, national and extension, + meaning E.164 only', () => {
    expect(ids('5123')[0]).toBe('tiina');
    expect(ids('+372 51')).toEqual(['tiina']);
    expect(ids('372 64')).toEqual(['maria']);
    expect(ids('1101')).toEqual(['mart']);
    expect(ids('030 123')).toEqual(['muller']);
    expect(ids('+51')).toEqual([]);
    expect(ids('06 12')).toEqual(['linda']);
  });

  it('matches three or more digits anywhere inside a number, after the numbers that start with them', () => {
    const hits = DirectoryIndex.build(people).search('5123', 10);
    // Tiina's national number starts with 5123; Ivanov's +372 5551 2345 holds it inside.
    expect(hits.map((hit) => [hit.entry.id, hit.tier])).toEqual([
      ['tiina', 'number-prefix'],
      ['ivanov', 'number-digits'],
    ]);
    const inside = DirectoryIndex.build(people).search('3456', 10);
    expect(inside.map((hit) => hit.entry.id).sort()).toEqual(['linda', 'marta', 'muller', 'tiina']);
    expect(inside.every((hit) => hit.tier === 'number-digits')).toBe(true);
    expect(ids('9000')).toEqual(['kaskco']);
    // Two digits appear in nearly every number: only numbers that start with them.
    expect(ids('23')).toEqual([]);
    // '+' means the number's start, never its inside.
    expect(ids('+3456')).toEqual([]);
    // Digits never match across two of an entry's numbers.
    expect(ids('4561', [{ id: 'two', name: 'Two Numbers', numbers: ['+3725123456', '1101'] }])).toEqual([]);
  });

  it('finds digits inside numbers among 20,000 entries, best-ranked first, and stops at the limit', () => {
    const many: Person[] = Array.from({ length: 20_000 }, (_, i) => ({
      id: `p${i}`,
      name: `P${String(i).padStart(5, '0')}`,
      numbers: [`+37251${String(i).padStart(5, '0')}`],
    }));
    const hits = DirectoryIndex.build(many).search('0420', 3);
    expect(hits.map((hit) => hit.entry.id)).toEqual(['p420', 'p4200', 'p4201']);
    expect(hits.every((hit) => hit.tier === 'number-digits')).toBe(true);
  });

  it('stops at the limit, best first, and answers nothing for empty text', () => {
    expect(ids('m', people, 2)).toEqual(['mart', 'mueller']);
    expect(ids('   ')).toEqual([]);
    expect(DirectoryIndex.build<Person>([]).search('kask', 10)).toEqual([]);
  });

  it('matchEntry agrees with the index on a single entry', () => {
    const mart = people[2];
    if (!mart) throw new Error('fixture');
    expect(matchEntry(mart, 'kask')).toBe('exact-name');
    expect(matchEntry(mart, 'ka ma')).toBe('name-prefix');
    expect(matchEntry(mart, '110')).toBe('number-prefix');
    expect(matchEntry(mart, '101')).toBe('number-digits');
    expect(matchEntry(mart, 'sal')).toBe('company-prefix');
    expect(matchEntry(mart, 'zz')).toBeUndefined();
  });

  it('finds every one of many namesakes, not only the first', () => {
    const many: Person[] = Array.from({ length: 16 }, (_, i) => ({ id: `k${i}`, name: `Person${i} Kask`, numbers: [`${1200 + i}`] }));
    expect(ids('kask', many, 50)).toHaveLength(16);
  });
});

describe('DirectoryIndex on a larger directory', () => {
  // Names that repeat as in a real directory: many Linds, first names from a short list, shared companies.
  const firsts = ['Mart', 'Maria', 'Mari', 'Märt', 'Aino', 'Kadri', 'Kalev', 'Jüri', 'Liis', 'Peeter', 'Anneli', 'Tõnu'];
  const lasts = ['Lind', 'Lindmäe', 'Kask', 'Kaasik', 'Põld', 'Müller', 'Mägi', 'Saar'];
  const companies = ['Lind & Co', 'Kask Ehitus AS', 'Marine Logistik', 'Põhja Kaubandus'];
  const many: Person[] = Array.from({ length: 3000 }, (_, i) => ({
    id: `e${i}`,
    firstName: firsts[(i * 7) % firsts.length],
    lastName: lasts[(i * 5 + (i >> 4)) % lasts.length],
    company: companies[(i * 3) % companies.length],
    numbers: [`+372 5${String((i * 7919) % 1_000_000).padStart(6, '0')}`, ...(i % 3 === 0 ? [`${1000 + (i % 900)}`] : [])],
    ownCompany: i % 4 === 0,
  }));

  /**
   * What the index must answer, worked out one entry at a time: each word's
   * best tier (matchEntry), the level where all words meet (finished words
   * exact first), then the rank order (rankKey, then the order given).
   */
  function reference(query: string, limit: number): string[] {
    const words = query.trim().split(/\s+/);
    const order = (tier: string) => MATCH_TIERS.indexOf(tier as (typeof MATCH_TIERS)[number]);
    const scored = many.flatMap((entry, index) => {
      const whole = matchEntry(entry, query);
      if (!whole) return [];
      let step = order(whole) * 2;
      if (words.length > 1) {
        const tiers = words.map((word) => order(matchEntry(entry, word) ?? 'secondary-spelling'));
        const finishedExact = tiers.slice(0, -1).every((tier) => tier === 0);
        step = finishedExact ? (tiers[tiers.length - 1] ?? 0) * 2 : Math.max(...tiers) * 2 + 1;
      }
      return [{ id: entry.id, step, key: rankKey(entry), index }];
    });
    scored.sort((a, b) => a.step - b.step || (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
    return scored.slice(0, limit).map((hit) => hit.id);
  }

  it('answers the keystrokes that were slow (a walk over hundreds of Linds, a prefix of half the directory) with the reference top 10', () => {
    const index = DirectoryIndex.build(many);
    for (const query of [
      'lind m',
      'lind ma',
      'ma lind',
      'lind ',
      'k',
      'm',
      'kask',
      '+3',
      '+372 5',
      '5',
      '51',
      '512',
      '1',
      'kask 10',
      'mari põld',
      'lind 5',
    ]) {
      expect(
        index.search(query, 10).map((hit) => hit.entry.id),
        query,
      ).toEqual(reference(query, 10));
    }
  });

  it('skips retired entries and finds the live ones by their number', () => {
    const index = DirectoryIndex.build(many);
    const [first, second] = index.search('lind m', 2);
    if (!first || !second) throw new Error('fixture');
    index.retire([...Array(index.size).keys()].find((rank) => index.entryAt(rank) === first.entry) ?? -1);
    expect(index.retiredSize).toBe(1);
    expect(index.search('lind m', 1).map((hit) => hit.entry.id)).toEqual([second.entry.id]);
    const number = numberText(second.entry.numbers[0] ?? '');
    expect(index.numberRanks(number).map((r) => index.entryAt(r)?.id)).toEqual([second.entry.id]);
    expect(index.numberRanks(numberText(first.entry.numbers[0] ?? ''))).toEqual([]);
  });
});

describe('DirectoryIndex rank order', () => {
  // Sort names of every shape: last and first, either alone, empty, the name as written (even empty), the company alone,
  // spellings that fold alike ('Märt'/'Mart'), several words, and texts that are a name in one entry and a company in another.
  const part = fc.constantFrom(
    undefined,
    '',
    'Mart',
    'Märt',
    'Kask',
    'Anna-Liisa',
    'Põld',
    'Mueller',
    'Müller',
    'Иванов',
    'de la Cruz',
    'Kask AS',
  );
  const entry = fc
    .record({ firstName: part, lastName: part, name: part, company: part, ownCompany: fc.boolean() })
    .map(({ firstName, lastName, name, company, ownCompany }): SearchableEntry => ({
      numbers: ['1100'],
      ownCompany,
      ...(firstName === undefined ? {} : { firstName }),
      ...(lastName === undefined ? {} : { lastName }),
      ...(name === undefined ? {} : { name }),
      ...(company === undefined ? {} : { company }),
    }));

  it('ranks entries as rankKey sorts them, then in the order given', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), (entries) => {
        const index = DirectoryIndex.build(entries);
        const expected = entries
          .map((item, at) => ({ item, at, key: rankKey(item) }))
          .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.at - b.at))
          .map(({ item }) => item);
        expect(Array.from({ length: index.size }, (_, rank) => index.entryAt(rank))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('queryWords on ASCII text (its own scan)', () => {
  /** The general path: folded raw words, each once, with their secondary spelling and digits. */
  function generalWords(text: string) {
    const asNumber = numberQuery(text);
    if (asNumber) return asNumber.digits ? [{ text: asNumber.digits, digits: asNumber.digits, international: asNumber.international }] : [];
    const words: { text: string; secondary: string | undefined; digits: string | undefined; international: boolean }[] = [];
    for (const raw of rawWords(text)) {
      const folded = foldText(raw);
      if (!folded || words.some((word) => word.text === folded)) continue;
      words.push({
        text: folded,
        secondary: secondaryFold(raw),
        digits: /^[0-9]+$/.test(folded) ? folded : undefined,
        international: false,
      });
    }
    return words;
  }

  it('makes the words the general path makes', () => {
    const typed = fc.string({ unit: fc.constantFrom(..."aZk9 0+-.()/_,'Mx5 ".split('')), maxLength: 14 });
    fc.assert(
      fc.property(typed, (text) => {
        expect(queryWords(text)).toEqual(generalWords(text));
      }),
    );
    for (const text of ['lind ma', 'Lind  MA lind', '+372 51', '5123', 'k9 9k', ' 12 ab 12 ', 'a-b', '']) {
      expect(queryWords(text)).toEqual(generalWords(text));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { contactName, type Contact } from '../../../../app/directory/contact';
import { ContactOrder, matchesFilter } from './contact-order';

const FIRST = ['Mart', 'Õie', 'Ülle', 'Anna', 'Ольга', 'anna', 'Zoe'];
const person = (i: number, lastName = `Kask${i % 97}`): Contact => ({
  id: `c-${String(i).padStart(5, '0')}`,
  firstName: FIRST[i % FIRST.length],
  lastName,
  numbers: [{ number: `+3725${i}` }],
});

/** The order the panel always had (by name as the language sorts it), equal names by id. */
const byName = (list: readonly Contact[]) =>
  [...list].sort((a, b) => contactName(a).localeCompare(contactName(b)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The collator's order, counting its comparisons. */
function counted() {
  const collator = new Intl.Collator();
  const calls = { count: 0 };
  return { calls, compare: (a: string, b: string) => (calls.count++, collator.compare(a, b)) };
}

describe('the contacts panel’s order', () => {
  it('moves only what a change by hand changed: a few comparisons each, and the order a full sort gives', () => {
    const { calls, compare } = counted();
    const order = new ContactOrder(compare);
    let list = Array.from({ length: 10_000 }, (_, i) => person(i));
    expect(order.of(list)).toEqual(byName(list));
    const changes: ((before: Contact[]) => Contact[])[] = [
      (before) => [...before, person(10_000, 'Aaberg')],
      (before) => before.map((c, i) => (i === 4_321 ? { ...c, lastName: 'Zimmer' } : c)),
      (before) => before.filter((_, i) => i !== 77),
      (before) => before.map((c, i) => (i === 10 ? { ...c, note: 'same name' } : c)),
      (before) => [person(20_000, 'Õunapuu'), ...before.slice(0, -1)],
    ];
    for (const change of changes) {
      list = change(list);
      calls.count = 0;
      const sorted = order.of(list);
      expect(calls.count).toBeLessThan(50);
      expect(sorted).toEqual(byName(list));
    }
    expect(order.of(list)).toBe(order.of(list));
  });

  it('sorts a list read again afresh, and its filter finds names and numbers without diacritics', () => {
    const order = new ContactOrder();
    order.of(Array.from({ length: 200 }, (_, i) => person(i)));
    const reread = Array.from({ length: 300 }, (_, i) => person(i));
    expect(order.of(reread)).toEqual(byName(reread));
    expect(order.of([])).toEqual([]);
    const poeld: Contact = { id: 'p', firstName: 'Tiina', lastName: 'Põld', company: 'Õun OÜ', numbers: [{ number: '+3725551234' }] };
    const found = ['tiina pold', 'oun', '555', 'kask'].map((text) => matchesFilter(poeld, text));
    expect(found).toEqual([true, true, true, false]);
  });
});

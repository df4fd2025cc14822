import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../app/directory/contact';
import { compactContact, shareTexts, type StringPool } from './compact-contact';

describe('compactContact', () => {
  it('keeps every field and number, in a new object that leaves the given one as it was', () => {
    const given: Contact = {
      id: 'c-1',
      firstName: 'Maria',
      lastName: 'Lind',
      company: 'Lind OÜ',
      department: 'Sales',
      numbers: [{ number: '+3726401234', type: 'work' }, { number: '1234' }],
      email: 'maria@example.com',
      note: 'note',
    };
    const copy = structuredClone(given);
    const compact = compactContact(given);
    expect(compact).toStrictEqual(copy);
    expect(compact).not.toBe(given);
    expect(compact.numbers).not.toBe(given.numbers);
    expect(given).toStrictEqual(copy);
  });

  it('leaves out a field that is undefined instead of keeping it set to undefined', () => {
    const compact = compactContact({
      id: 'c-2',
      firstName: undefined,
      company: 'Only AS',
      numbers: [{ number: '+3725550000', type: undefined }],
    });
    expect(Object.keys(compact)).toEqual(['id', 'company', 'numbers']);
    expect(Object.keys(compact.numbers[0] ?? {})).toEqual(['number']);
  });

  it('shares the repeated texts of one batch through its pool, in place, and remembers no other fields', () => {
    const pool: StringPool = new Map();
    const first: Contact = { id: 'a', firstName: 'Anna', lastName: 'Tamm', company: 'Shared AS', department: 'Sales', numbers: [] };
    expect(shareTexts(first, pool)).toBe(first);
    const second = shareTexts({ id: 'b', firstName: 'Anna', lastName: 'Saar', company: ['Shared', 'AS'].join(' '), numbers: [] }, pool);
    expect(second).toStrictEqual({ id: 'b', firstName: 'Anna', lastName: 'Saar', company: 'Shared AS', numbers: [] });
    expect([...pool.keys()].sort()).toEqual(['Anna', 'Sales', 'Shared AS']);
  });
});

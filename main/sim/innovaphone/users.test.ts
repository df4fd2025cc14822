import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../app/testing/manual-clock';
import { Directory } from '../shared/directory';
import { Switch } from '../shared/switch';
import { addOfficeUsers, officeUserName } from './users';

describe('generated office users', () => {
  it('have unique, person-like names for a 10,000-user PBX', () => {
    const names = Array.from({ length: 10_000 }, (_, i) => officeUserName(i));
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((name) => !/\d/.test(name))).toBe(true);
    expect(names[0]).toBe('Anna Tamm');
  });

  it('never reuse a name the PBX already has (a user cn is unique)', () => {
    const sw = new Switch({ clock: new ManualClock(), directory: new Directory([{ number: '1105', name: 'Jaan Saar' }]) });
    addOfficeUsers(sw, 300);
    const names = sw.directory.allExtensions().map((ext) => ext.name);
    expect(names).toHaveLength(301);
    expect(new Set(names).size).toBe(301);
    expect(names.filter((name) => name.startsWith('Jaan') && name.endsWith('Saar'))).toEqual(['Jaan Saar', 'Jaan A. Saar', 'Jaan B. Saar']);
  });
});

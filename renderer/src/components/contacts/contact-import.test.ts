import { describe, expect, it } from 'vitest';
import { decodeContactsFile, previewImport, type ImportPreview, type ImportRow } from './contact-import';

function rows(preview: ImportPreview): ImportRow[] {
  if (!preview.ok) throw new Error(`not ok: ${preview.error.key}`);
  return preview.rows;
}

describe('CSV import', () => {
  it('reads an Outlook export: comma, quoted fields, a quoted newline in a note, several phone columns', () => {
    const csv = [
      '"First Name","Last Name","Company","Department","Business Phone","Mobile Phone","Notes"',
      '"Tiina","Põld","Põhja Logistika AS","Sales","+372 640 1234","5123 456","Prefers e-mail,',
      'calls after 10"',
      '"Mart","Kask","","","","+372 5555 1234",""',
    ].join('\r\n');
    const [tiina, mart] = rows(previewImport(csv, 'contacts.csv', 'EE'));
    expect(tiina?.contact).toEqual({
      firstName: 'Tiina',
      lastName: 'Põld',
      company: 'Põhja Logistika AS',
      department: 'Sales',
      note: 'Prefers e-mail,\r\ncalls after 10',
      numbers: [
        { number: '+3726401234', type: 'work' },
        { number: '+3725123456', type: 'mobile' },
      ],
    });
    expect(mart?.contact?.numbers).toEqual([{ number: '+37255551234', type: 'mobile' }]);
  });

  it('reads a semicolon file with a BOM and German headers (Excel in Europe)', () => {
    const csv = '\uFEFFVorname;Nachname;Firma;Telefon;Handy\nJürgen;Müller;Berliner Bau GmbH;+49 30 1234567;\n';
    const [row] = rows(previewImport(csv, 'kontakte.csv', 'DE'));
    expect(row?.contact).toEqual({
      firstName: 'Jürgen',
      lastName: 'Müller',
      company: 'Berliner Bau GmbH',
      numbers: [{ number: '+49301234567', type: 'work' }],
    });
  });

  it('knows Estonian, Finnish and Russian headers, mobile columns typed as mobile', () => {
    const csv = 'Eesnimi;Perekonnanimi;Ettevõte;Telefon;Mobiil\nKristiina;Õunapuu;Saare Kalur OÜ;+372 640 9999;5550 1999\n';
    const [row] = rows(previewImport(csv, 'kontaktid.csv', 'EE'));
    expect(row?.contact).toEqual({
      firstName: 'Kristiina',
      lastName: 'Õunapuu',
      company: 'Saare Kalur OÜ',
      numbers: [
        { number: '+3726409999', type: 'work' },
        { number: '+37255501999', type: 'mobile' },
      ],
    });
    const ru = rows(previewImport('Имя,Фамилия,Мобильный\nИван,Петров,+7 912 345 6789\n', 'ru.csv', 'RU'));
    expect(ru[0]?.contact).toEqual({ firstName: 'Иван', lastName: 'Петров', numbers: [{ number: '+79123456789', type: 'mobile' }] });
  });

  it('skips rows without a name or a number and says why, row by row, keeping the rest', () => {
    const csv = 'Name,Phone\nMaria Lind,+372 640 1234\n,+372 5000 0000\nNo Number,\nBad Number,hello\n';
    const preview = rows(previewImport(csv, 'x.csv', 'EE'));
    expect(preview.map((r) => [r.row, r.contact ? 'add' : r.skipped?.key])).toEqual([
      [1, 'add'],
      [2, 'directory.import.noName'],
      [3, 'directory.import.noNumber'],
      [4, 'directory.import.noValidNumber'],
    ]);
    expect(preview[0]?.contact).toMatchObject({ firstName: 'Maria', lastName: 'Lind' });
    expect(preview[3]?.notes[0]?.key).toBe('directory.import.badNumber');
  });

  it('splits Google’s " ::: " joined numbers and ignores its type columns', () => {
    const csv =
      'Name,Given Name,Family Name,Phone 1 - Type,Phone 1 - Value\nAnna Saar,Anna,Saar,Mobile,+372 5111 1111 ::: +372 5222 2222\n';
    const [row] = rows(previewImport(csv, 'google.csv', 'EE'));
    expect(row?.contact?.numbers.map((n) => n.number)).toEqual(['+37251111111', '+37252222222']);
    expect(row?.contact).toMatchObject({ firstName: 'Anna', lastName: 'Saar' });
  });

  it('reports a row papaparse cannot read (a quote never closed) and keeps the rows before it', () => {
    const csv = 'Name,Phone\nMaria Lind,+372 640 1234\n"Broken Row,+372 5000 0000\nAnna Saar,+372 5111 1111\n';
    const preview = rows(previewImport(csv, 'x.csv', 'EE'));
    expect(preview[0]?.contact).toMatchObject({ lastName: 'Lind' });
    expect(preview[1]?.skipped?.key).toBe('directory.import.badRow');
  });

  it('refuses a file it cannot read as contacts, saying what is missing', () => {
    const noPhones = previewImport('Name,City\nMaria,Tallinn\n', 'x.csv', 'EE');
    expect(noPhones.ok ? '' : noPhones.error.key).toBe('directory.import.noNumberColumn');
    const empty = previewImport('\uFEFF  \n', 'x.csv', 'EE');
    expect(empty.ok ? '' : empty.error.key).toBe('directory.import.empty');
  });
});

describe('vCard import', () => {
  const card30 = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    'N;CHARSET=UTF-8:Põld;Tiina;;;',
    'FN:Tiina Põld',
    'ORG:Põhja Logistika;Sales',
    'TEL;TYPE=WORK,VOICE:+372 640 1234',
    'TEL;TYPE=CELL:+372 5123 456',
    'NOTE:a long note that is fol',
    ' ded onto a second line',
    'END:VCARD',
  ].join('\r\n');
  const card40 = ['BEGIN:VCARD', 'VERSION:4.0', 'FN:Maria Lind', 'TEL;VALUE=uri;TYPE="voice,cell":tel:+372-5555-1234', 'END:VCARD'].join(
    '\r\n',
  );

  it('reads 3.0 and 4.0 cards: N before FN, ORG with its unit, every TEL with its type, folded lines', () => {
    const [tiina, maria] = rows(previewImport(`${card30}\r\n${card40}\r\n`, 'all.vcf', 'EE'));
    expect(tiina?.contact).toEqual({
      firstName: 'Tiina',
      lastName: 'Põld',
      company: 'Põhja Logistika',
      department: 'Sales',
      note: 'a long note that is folded onto a second line',
      numbers: [
        { number: '+3726401234', type: 'work' },
        { number: '+3725123456', type: 'mobile' },
      ],
    });
    // Only FN: its last word is the last name; a tel: URI is read as the number.
    expect(maria?.contact).toEqual({ firstName: 'Maria', lastName: 'Lind', numbers: [{ number: '+37255551234', type: 'mobile' }] });
  });

  it('skips a card without TEL and refuses a broken file with the parser’s reason', () => {
    const noTel = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Nobody', 'END:VCARD'].join('\r\n');
    expect(rows(previewImport(noTel, 'a.vcf', 'EE'))[0]?.skipped?.key).toBe('directory.import.noNumber');
    const broken = previewImport('BEGIN:VCARD\nFN Broken\nEND:VCARD', 'b.vcf', 'EE');
    expect(broken.ok ? '' : broken.error.key).toBe('directory.import.unreadable');
  });
});

describe('the bytes of a contacts file', () => {
  const csv = 'Name,Phone\r\nJürgen Müller,+3725123456\r\n';
  const names = (text: string) => {
    const preview = previewImport(text, 'contacts.csv', 'EE');
    return preview.ok ? preview.rows.map((row) => row.contact?.firstName ?? row.label) : [];
  };

  it('reads UTF-8, UTF-16 with its byte order mark and Windows-1252 (Excel and Outlook on Windows) alike', () => {
    const utf8 = new TextEncoder().encode(csv);
    const utf16le = Uint8Array.from([0xff, 0xfe, ...[...csv].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    const utf16be = Uint8Array.from([0xfe, 0xff, ...[...csv].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff])]);
    const windows1252 = Uint8Array.from([...csv].map((c) => c.charCodeAt(0)));
    for (const bytes of [utf8, utf16le, utf16be, windows1252]) {
      const text = decodeContactsFile(bytes);
      expect(text).not.toContain('\uFFFD');
      expect(names(text).join()).toMatch(/Jürgen/);
    }
  });
});

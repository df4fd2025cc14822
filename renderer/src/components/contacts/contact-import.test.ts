import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeContactsFile, decodeQuotedPrintable, previewImport, type ImportPreview, type ImportRow } from './contact-import';

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

  it('refuses only the row of a quote never closed, and reads on at the next line', () => {
    const csv = 'Name,Phone\nMaria Lind,+372 640 1234\n"Broken Row,+372 5000 0000\nAnna Saar,+372 5111 1111\nMart Kask,+372 5222 2222\n';
    const preview = rows(previewImport(csv, 'x.csv', 'EE'));
    expect(preview.map((r) => [r.row, r.contact?.lastName ?? r.skipped?.key])).toEqual([
      [1, 'Lind'],
      [2, 'directory.import.unclosedQuote'],
      [3, 'Saar'],
      [4, 'Kask'],
    ]);
    expect(preview[1]?.label).toBe('Broken Row,+372 5000 0000');
    // Every cell quoted (Outlook): the next row's first quote is not taken to close the broken cell.
    const quoted = rows(previewImport('"Name","Phone"\n"Broken Row,+372 5000 0000\n"Anna Saar","+372 5111 1111"\n', 'x.csv', 'EE'));
    expect(quoted.map((r) => r.contact?.lastName ?? r.skipped?.key)).toEqual(['directory.import.unclosedQuote', 'Saar']);
    // A quote opened mid-row, in a semicolon file (whose delimiter the broken row no longer hides), a last line without a break.
    const semicolon = rows(previewImport('Name;Phone\nBroken;"+372 5000 0000\nAnna Saar;+372 5111 1111', 'x.csv', 'EE'));
    expect(semicolon.map((r) => [r.label, r.contact ? 'add' : r.skipped?.key])).toEqual([
      ['Broken', 'directory.import.unclosedQuote'],
      ['Anna Saar', 'add'],
    ]);
  });

  it('still reads quoted cells across lines, with doubled quotes, delimiters and spaces after the closing quote', () => {
    const csv = [
      'Name;Note;Phone',
      'Maria Lind;"first line',
      'second; with ""quotes""";+372 640 1234',
      '"Anna Saar"  ;"";+372 5111 1111',
      '"Broken;x;+372 5000 0000',
      'Mart Kask;"a',
      'b";+372 5222 2222',
    ].join('\r\n');
    const preview = rows(previewImport(csv, 'x.csv', 'EE'));
    expect(preview.map((r) => r.contact?.lastName ?? r.skipped?.key)).toEqual(['Lind', 'Saar', 'directory.import.unclosedQuote', 'Kask']);
    expect(preview[0]?.contact?.note).toBe('first line\r\nsecond; with "quotes"');
    expect(preview[3]?.contact?.note).toBe('a\r\nb');
  });

  it('refuses a row whose quoted cell holds a quote not doubled, keeping the others', () => {
    const csv = 'Name,Note,Phone\nMaria Lind,"a 24" screen",+372 640 1234\nMart Kask,"",+372 5222 2222\n';
    const preview = rows(previewImport(csv, 'x.csv', 'EE'));
    expect(preview.map((r) => r.contact?.lastName ?? r.skipped?.key)).toEqual(['directory.import.strayQuote', 'Kask']);
  });

  it('reads a file with a quote never closed on every line in one pass', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `"Name ${i},+372 5${String(i).padStart(6, '0')}`);
    const preview = rows(previewImport(['Name,Phone', ...lines].join('\n'), 'x.csv', 'EE'));
    expect(preview).toHaveLength(20_000);
    expect(new Set(preview.map((r) => r.skipped?.key))).toEqual(new Set(['directory.import.unclosedQuote']));
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

  it('skips a card without TEL, and a card ical.js cannot read with its reason, keeping the others', () => {
    const noTel = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Nobody', 'END:VCARD'].join('\r\n');
    expect(rows(previewImport(noTel, 'a.vcf', 'EE'))[0]?.skipped?.key).toBe('directory.import.noNumber');
    const [broken, maria] = rows(previewImport(`BEGIN:VCARD\nFN:Broken\nTEL\nEND:VCARD\n${card40}`, 'b.vcf', 'EE'));
    expect(broken).toMatchObject({ label: 'Broken', skipped: { key: 'directory.import.badRow' } });
    expect(broken?.skipped?.params?.reason).toMatch(/TEL/);
    expect(maria?.contact).toMatchObject({ lastName: 'Lind' });
  });

  it('refuses an unfinished card (no END:VCARD before the file ends or the next card begins), keeping the complete ones', () => {
    const unfinished = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Cut Short', 'TEL:+372 5000 0000'].join('\r\n');
    const last = rows(previewImport(`${card30}\r\n${card40}\r\n${unfinished}\r\n`, 'all.vcf', 'EE'));
    expect(last.map((r) => [r.row, r.contact?.lastName ?? r.skipped?.key])).toEqual([
      [1, 'Põld'],
      [2, 'Lind'],
      [3, 'directory.import.unfinishedCard'],
    ]);
    expect(last[2]?.label).toBe('Cut Short');
    const between = rows(previewImport(`${unfinished}\r\n${card40}`, 'all.vcf', 'EE'));
    expect(between.map((r) => r.contact?.lastName ?? r.skipped?.key)).toEqual(['directory.import.unfinishedCard', 'Lind']);
  });

  it('reads vCard 2.1: bare types, quoted-printable values in their charset with soft line breaks, folds that keep their space', () => {
    const card21 = [
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;',
      'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller',
      'ORG;CHARSET=UTF-8;QUOTED-PRINTABLE:Berliner Bau, Nord;Gesch=C3=A4fts=',
      'f=C3=BChrung',
      'TEL;CELL:+49 151 2345 6789',
      'TEL;WORK;VOICE:+49 30 1234567',
      'EMAIL;INTERNET:juergen@example.de',
      'NOTE:a long note that is',
      ' folded where it had a space',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N;ENCODING=QUOTED-PRINTABLE:Str=F6m;=C5sa',
      'TEL;HOME:+46 8 123 456 78',
      'END:VCARD',
    ].join('\r\n');
    const [juergen, aasa] = rows(previewImport(card21, 'phone.vcf', 'DE'));
    expect(juergen?.contact).toEqual({
      firstName: 'Jürgen',
      lastName: 'Müller',
      company: 'Berliner Bau, Nord',
      department: 'Geschäftsführung',
      email: 'juergen@example.de',
      note: 'a long note that is folded where it had a space',
      numbers: [
        { number: '+4915123456789', type: 'mobile' },
        { number: '+49301234567', type: 'work' },
      ],
    });
    // No CHARSET: bytes that are not UTF-8 are Windows-1252, as in a file.
    expect(aasa?.contact).toMatchObject({ firstName: 'Åsa', lastName: 'Ström', numbers: [{ number: '+46812345678', type: 'home' }] });
  });
});

describe('any file', () => {
  it('gives a preview or a reason, never an exception, and a CSV row for each record it reads', () => {
    const pieces = [
      '"',
      '""',
      ',',
      ';',
      '\n',
      '\r\n',
      ' ',
      'Maria',
      '+372 640 1234',
      '=',
      '=C3=BC',
      ':',
      ';CELL',
      ';ENCODING=QUOTED-PRINTABLE',
    ];
    const csv = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => `Name,Phone\n${parts.join('')}`);
    const card = fc
      .array(fc.constantFrom(...pieces, 'BEGIN:VCARD', 'END:VCARD', 'VERSION:2.1', 'FN', 'TEL', ' '), { maxLength: 40 })
      .map((parts) => `BEGIN:VCARD\r\n${parts.join('')}`);
    fc.assert(
      fc.property(fc.oneof(csv, card), (text) => {
        const preview = previewImport(text, 'any.txt', 'EE');
        if (preview.ok) for (const row of preview.rows) expect(row.contact ?? row.skipped).toBeDefined();
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a quoted-printable value', () => {
  it('is read in its charset, else UTF-8 when valid and Windows-1252 when not; an "=" without hex digits is kept', () => {
    expect(decodeQuotedPrintable('J=C3=BCrgen M=C3=BCller', 'UTF-8')).toBe('Jürgen Müller');
    expect(decodeQuotedPrintable('J=FCrgen', 'ISO-8859-1')).toBe('Jürgen');
    expect(decodeQuotedPrintable('J=C3=BCrgen')).toBe('Jürgen');
    expect(decodeQuotedPrintable('J=FCrgen')).toBe('Jürgen');
    expect(decodeQuotedPrintable('J=FCrgen', 'x-unknown-charset')).toBe('Jürgen');
    expect(decodeQuotedPrintable('1 + 1 = 2, a=3Db, line=0D=0Anext')).toBe('1 + 1 = 2, a=b, line\r\nnext');
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

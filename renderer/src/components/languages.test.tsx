// @vitest-environment jsdom
/** The console in the other languages: words from the catalogs, plural forms of the language's own grammar. */
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Colleague } from '../../../app/model';
import { call, consoleWith, line } from '../../../app/testing/fixtures';
import { renderConsole } from '../testing/render-console';

afterEach(cleanup);

const colleagues = (count: number): Colleague[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `ts/c${i}`,
    connectionId: 'ts',
    name: `Colleague ${i}`,
    number: `12${i}`,
    registered: true,
    activity: 'idle' as const,
    calls: [],
  }));

function renderWith(language: 'ru' | 'et' | 'de', colleagueCount: number) {
  const presenceLine = line({ capabilities: [...line().capabilities, 'presence'] });
  const calls = [call(), call({ id: 'ts/1101#2', remote: { number: '5550000', name: 'Peeter Tamm' }, startedAt: call().startedAt + 1 })];
  return renderConsole(consoleWith(calls, { lines: [presenceLine], colleagues: colleagues(colleagueCount) }), { language });
}

describe('the console in Russian', () => {
  it('names calls, actions and counts in Russian, with Russian plural forms', () => {
    renderWith('ru', 5);
    expect(document.documentElement.lang).toBe('ru');
    expect(document.querySelector('.ringing-banner p')?.textContent).toBe(
      'Звонок: Anna Berg, линия Reception — ответить: F4 (ещё 1 звонок)',
    );
    const row = within(screen.getByRole('region', { name: 'Звонки' })).getByRole('listitem', {
      name: /^Входящий звонок: Anna Berg .*, Звонит$/,
    });
    expect(within(row).getByRole('button', { name: 'Ответить' })).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Переадресовать' })).toBeTruthy();
    expect(screen.getByText('5 коллег')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Сочетания клавиш' })).toBeTruthy();
  });

  it('says "2 коллеги" and "21 коллега"', () => {
    renderWith('ru', 2);
    expect(screen.getByText('2 коллеги')).toBeTruthy();
    cleanup();
    renderWith('ru', 21);
    expect(screen.getByText('21 коллега')).toBeTruthy();
  });
});

describe('the console in Estonian and German', () => {
  it('Estonian', () => {
    renderWith('et', 1);
    expect(screen.getByText('1 kolleeg')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Seaded' })).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Vasta' })).toHaveLength(2);
  });

  it('German', () => {
    renderWith('de', 3);
    expect(screen.getByText('3 Kollegen')).toBeTruthy();
    expect(screen.getByText(/\(1 weiterer klingelt\)$/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Tastenkürzel' })).toBeTruthy();
  });
});

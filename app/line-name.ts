/**
 * What a line is called wherever it is named (the call row, the banner, the native alert): its label, or
 * "Extension 1105" when the PBX gave it none (or only blanks). One rule for the page and the main process.
 */
import { msg, type Message } from './i18n/message';
import type { Line } from './model';

export function lineName(line: Pick<Line, 'label' | 'number'>): string | Message {
  return line.label.trim() || msg('line.unnamed', { number: line.number });
}

/** English: the UI's own words (components, labels, the tray and notifications). */
export const enUi = {
  'app.title': 'Attendant Console',
  'call.count_one': '{{count}} call',
  'call.count_other': '{{count}} calls',
} as const;

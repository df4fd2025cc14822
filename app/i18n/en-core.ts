/**
 * English: what the core (connections, commands, settings, vendors) says.
 * The UI's own words are in en-ui.ts. Keys are flat and grouped by prefix.
 */
export const enCore = {
  'link.connecting': 'Connecting…',
  'link.online': 'Online',
  'link.pbxLinkDown': 'PBX link down',
  'link.offline': 'Offline',
  'link.stopped': 'Stopped',
} as const;

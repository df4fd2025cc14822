/**
 * Where `serve` keeps settings and the journal when no --settings-dir is
 * given: the user's data folder, as Electron's userData would be (XDG on
 * Linux, Application Support on macOS, %APPDATA% on Windows), in the
 * folder `attendant-console`. The demo keeps its own profile inside it
 * (`demo/`), so demo calls never mix with a real PBX's journal.
 */
import path from 'node:path';

export const USER_DATA_FOLDER = 'attendant-console';
export const DEMO_PROFILE_FOLDER = 'demo';

export interface Platform {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
}

export function userDataDir({ platform, env, home }: Platform): string {
  const base =
    platform === 'win32'
      ? (env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME)
          ? env.XDG_CONFIG_HOME
          : path.join(home, '.config');
  return (platform === 'win32' ? path.win32 : path).join(base, USER_DATA_FOLDER);
}

/** The settings folder of one run: the given one, else the user's (the demo's own profile inside it when running the demo). */
export function settingsDirFor(run: { settingsDir?: string; demo: boolean }, where: Platform): string {
  if (run.settingsDir !== undefined) return run.settingsDir;
  const base = userDataDir(where);
  return run.demo ? path.join(base, DEMO_PROFILE_FOLDER) : base;
}

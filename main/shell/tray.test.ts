import { describe, expect, it, vi } from 'vitest';
import type { TrayLook, TrayModel } from '../desktop/tray-state';
import { TrayController, trayIconFile } from './tray';

describe('tray icon file', () => {
  it('on Windows and Linux: the dark-outlined icon on a light panel, the light-outlined one on a dark panel', () => {
    for (const platform of ['win32', 'linux'] as const) {
      expect(trayIconFile('idle', platform, false)).toBe('tray-idle.png');
      expect(trayIconFile('ringing', platform, true)).toBe('tray-ringing-dark.png');
      expect(trayIconFile('offline', platform, true)).toBe('tray-offline-dark.png');
    }
  });

  it('on macOS: a template image, whatever the panel (the menu bar tints it)', () => {
    for (const dark of [false, true]) {
      expect(trayIconFile('idle', 'darwin', dark)).toBe('tray-idleTemplate.png');
      expect(trayIconFile('ringing', 'darwin', dark)).toBe('tray-ringingTemplate.png');
      expect(trayIconFile('offline', 'darwin', dark)).toBe('tray-offlineTemplate.png');
    }
  });
});

describe('TrayController', () => {
  const model = (look: TrayLook): TrayModel => ({ look, tooltip: `Attendant Console: ${look}`, menu: [] });
  function controller(panel: { dark: boolean }) {
    const tray = { setImage: vi.fn(), setToolTip: vi.fn(), setContextMenu: vi.fn() };
    const icon = (look: TrayLook) => trayIconFile(look, 'linux', panel.dark);
    return { tray, control: new TrayController(tray, { icon, buildMenu: (template) => template, run: vi.fn() }) };
  }

  it('sets the image only when the look changes', () => {
    const { tray, control } = controller({ dark: false });
    control.update(model('offline'));
    control.update(model('offline'));
    control.update(model('idle'));
    expect(tray.setImage.mock.calls).toEqual([['tray-offline.png'], ['tray-idle.png']]);
  });

  it('repaint draws the same look for the panel as it is now (it turned dark)', () => {
    const panel = { dark: false };
    const { tray, control } = controller(panel);
    control.repaint();
    expect(tray.setImage).not.toHaveBeenCalled();
    control.update(model('ringing'));
    panel.dark = true;
    control.repaint();
    expect(tray.setImage.mock.calls).toEqual([['tray-ringing.png'], ['tray-ringing-dark.png']]);
    // The next update of the same look changes nothing.
    control.update(model('ringing'));
    expect(tray.setImage).toHaveBeenCalledTimes(2);
  });
});

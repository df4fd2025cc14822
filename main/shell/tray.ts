/**
 * The tray icon: maps the plain TrayModel (main/desktop/tray-state) onto
 * Electron's Tray and Menu, touching them only when something changed.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { TrayAction, TrayLook, TrayModel } from '../desktop/tray-state';

/**
 * The icon file in assets/ (made by scripts/make-icons.ts) for a look: on
 * macOS a monochrome template image the menu bar tints for its own
 * appearance; elsewhere the dark-outlined icon for a light panel or the
 * light-outlined one for a dark panel. Each has an @2x sibling Electron
 * picks by itself on high-density displays.
 */
export function trayIconFile(look: TrayLook, platform: NodeJS.Platform, darkPanel: boolean): string {
  if (platform === 'darwin') return `tray-${look}Template.png`;
  return darkPanel ? `tray-${look}-dark.png` : `tray-${look}.png`;
}

export function trayMenuTemplate(model: TrayModel, run: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return model.menu.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'info':
        return { label: item.label, enabled: false };
      case 'action':
        return item.checked === undefined
          ? { label: item.label, click: () => run(item.action) }
          : { label: item.label, type: 'checkbox', checked: item.checked, click: () => run(item.action) };
    }
  });
}

/** The parts of Tray the controller uses (tests pass a fake). */
export interface TrayLike<Image, Menu> {
  setImage(image: Image): void;
  setToolTip(text: string): void;
  setContextMenu(menu: Menu): void;
}

export class TrayController<Image, Menu> {
  private look: TrayLook | undefined;
  private tooltip: string | undefined;
  private menuKey: string | undefined;

  constructor(
    private readonly tray: TrayLike<Image, Menu>,
    private readonly deps: {
      icon: (look: TrayLook) => Image;
      buildMenu: (template: MenuItemConstructorOptions[]) => Menu;
      run: (action: TrayAction) => void;
    },
  ) {}

  update(model: TrayModel): void {
    if (model.look !== this.look) this.tray.setImage(this.deps.icon(model.look));
    if (model.tooltip !== this.tooltip) this.tray.setToolTip(model.tooltip);
    const menuKey = JSON.stringify(model.menu);
    if (menuKey !== this.menuKey) this.tray.setContextMenu(this.deps.buildMenu(trayMenuTemplate(model, this.deps.run)));
    this.look = model.look;
    this.tooltip = model.tooltip;
    this.menuKey = menuKey;
  }

  /** Draws the current look again: the panel turned dark or light, so the icon for it changed. */
  repaint(): void {
    if (this.look !== undefined) this.tray.setImage(this.deps.icon(this.look));
  }
}

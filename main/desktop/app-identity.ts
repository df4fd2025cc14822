/** The app's identity, shared by the shell, the keychain entries and electron-builder.yml (kept equal by a test). */
export const APP_ID = 'eu.attendantconsole.desktop';
export const PRODUCT_NAME = 'Attendant Console';
/** The URL schemes the app handles (click-to-dial). */
export const DIAL_SCHEMES = ['tel', 'callto'] as const;
/** The app icon in assets/ (electron-builder's icon too): windows and notifications show it. */
export const APP_ICON_FILE = 'icon.png';

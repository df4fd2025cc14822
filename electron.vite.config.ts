/**
 * The Electron build (`npm start`, `npm run build:electron`): main process,
 * preload and renderer into out/main, out/preload, out/renderer, which
 * main/shell/main.ts expects side by side. Output is CommonJS because
 * package.json has no "type": "module" (a sandboxed preload must be CJS anyway).
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = __dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      rolldownOptions: { input: { index: resolve(root, 'main/shell/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload cannot require() anything but electron: bundle app/contract into it.
      externalizeDeps: { exclude: [] },
      rolldownOptions: { input: { index: resolve(root, 'preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // electron-vite leaves the renderer unminified by default; ship what the browser build ships.
      minify: true,
      cssMinify: true,
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});

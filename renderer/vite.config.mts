import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));

// Relative base so the same build loads from the app:// scheme in Electron and from the serve HTTP root.
export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/web',
    emptyOutDir: true,
    // The page loads from the local disk (Electron) or loopback (serve), never over a network: one ~650 kB chunk
    // (React, the four languages' catalogs, libphonenumber) costs no download, so Vite's 500 kB web advice is moot.
    chunkSizeWarningLimit: 1024,
  },
});

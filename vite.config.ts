import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is one static bundle used by both hosts: Electron loads it from
// its own protocol, serve mode from HTTP. Relative base + hash routes make both work.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    // Loaded from this computer (or the household's network), never a CDN: one bundle is fine, so no chunk-size warning at every start.
    chunkSizeWarningLimit: 2048,
  },
});

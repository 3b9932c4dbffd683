import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The web desk: React with esbuild's automatic JSX runtime (no Babel plugin needed), built into web/dist,
// which the server serves at / (src/adapters/http/app.ts).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (
            /node_modules\/(recharts|victory-vendor|d3-|@reduxjs|immer|react-redux|reselect|es-toolkit|decimal\.js)/.test(
              id,
            )
          )
            return 'charts';
          if (/node_modules\/(react|react-dom|scheduler|i18next|react-i18next)\//.test(id)) return 'vendor';
          return undefined;
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});

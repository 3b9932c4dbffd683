import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const outDir = fileURLToPath(new URL('./dist', import.meta.url));

/**
 * Writes a brotli (.br, quality 11) and a gzip (.gz, level 9) twin beside every text file of the build, once,
 * so that the server sends them as they are (serveStatic's `precompressed`) instead of compressing each request.
 */
export function precompress(dir = outDir): Plugin {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) => {
      const p = join(d, n);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
  return {
    name: 'htt-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of walk(dir)) {
        if (!/\.(js|css|html|svg|json|txt)$/.test(file)) continue;
        const raw = readFileSync(file);
        if (raw.length < 256) continue;
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(raw, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 11,
              [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
            },
          }),
        );
        writeFileSync(`${file}.gz`, gzipSync(raw, { level: 9 }));
      }
    },
  };
}

// The web desk: React with esbuild's automatic JSX runtime (no Babel plugin needed), built into web/dist,
// which the server serves at / (src/adapters/http/app.ts).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  esbuild: { jsx: 'automatic' },
  plugins: [precompress()],
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

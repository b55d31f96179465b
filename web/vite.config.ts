/**
 * Builds the web shell (root: web/, output: web/dist, served by the local server and in AWS). In dev,
 * `npm run dev:web` hot-reloads and proxies /api to the API started with `npm start`.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { jsonChecks } from './vite-json-checks';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const api = { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } };

export default defineConfig({
  root: webRoot,
  // jsonChecks: the studio's JSON checks precompiled (the app runs without 'unsafe-eval').
  plugins: [react(), jsonChecks()],
  // amazon-cognito-identity-js bundles Node's `buffer` (v4), which reads `global`: the browser's is
  // globalThis.
  define: { global: 'globalThis' },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // `.vite/manifest.json`: which chunks each route loads (the bench measures initial JS from it).
    manifest: true,
  },
  server: {
    host: '127.0.0.1',
    proxy: api,
    // The web code imports the validation modules it shares with the server from functions/.
    fs: { allow: [repoRoot] },
  },
  preview: { host: '127.0.0.1', proxy: api },
});

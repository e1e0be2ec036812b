import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

import { signedInChunks } from './chunking';
import { precompress } from './precompress';

const chunks = signedInChunks();

export default defineConfig({
  base: '/',
  plugins: [react(), chunks.plugin, precompress()],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  server: {
    proxy: {
      '/api': {
        target: 'http://127.0.0.1:8000',
        changeOrigin: false,
      },
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      treeshake: {
        // antd's rc-component packages declare no `sideEffects`, so a page that imports one of their names would
        // carry the whole package (antd's Input brings all of rc-form and its validator to the login page). They
        // are plain React components without import-time effects: let unused modules go.
        moduleSideEffects: (id) => (/[\\/]node_modules[\\/]@rc-component[\\/]/.test(id) ? false : undefined),
      },
      // The login page is an entry too, so that rolldown's `$initial` (what entries import statically) covers it:
      // the `boot` group below is then exactly the code of the login page.
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        login: fileURLToPath(new URL('./src/features/auth/pages/login-page.tsx', import.meta.url)),
      },
      output: {
        // Few files for a cold start behind the login (issue 14, chunking.ts): `boot` (the entry and the login
        // page), `prefetch` (the route's first calls) and `shell` (the layout and the teacher list); the other
        // pages split as rolldown chooses.
        codeSplitting: {
          groups: [
            { name: 'boot', tags: ['$initial'], priority: 3, includeDependenciesRecursively: false },
            { name: 'prefetch', test: chunks.prefetch, priority: 2, includeDependenciesRecursively: false },
            { name: 'shell', test: chunks.shell, priority: 1, includeDependenciesRecursively: false },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    globals: false,
    setupFiles: ['./src/testing/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // jsdom + antd + userEvent typing take several seconds a test on a loaded 2-core CI machine (seen: 9.9 s for
    // the reason modal while other jobs ran); the 5 s default made such tests flaky, never wrong.
    testTimeout: 30_000,
  },
});

import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No source maps in the served bundle; the API process serves dist as it is.
    sourcemap: false,
    reportCompressedSize: false,
    rollupOptions: {
      // The contract's modules only declare schemas, so a module the dashboard imports nothing from
      // (the brief schema, say) is left out rather than kept for its zod method calls.
      treeshake: { moduleSideEffects: (id) => !id.includes('/packages/contract/') },
      onwarn(warning, warn) {
        // zod's sources carry comments Rollup cannot place; harmless and not ours to fix.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/')) return;
        warn(warning);
      },
    },
  },
  server: {
    // `npx vite apps/web` during development talks to `npm start` on :3000.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});

import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('./src/web', import.meta.url));
const API_PROXY = '^/api/(?![^?]*\\.tsx?(\\?|$))';

// The SPA is served by the JianXing server under a strict Content-Security-Policy
// (script-src 'self'), so the build must emit only external module scripts.
export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // React and the router change rarely: their own chunk stays cached across releases.
          groups: [{ name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ }],
        },
      },
    },
  },
  server: {
    proxy: {
      // Everything under /api goes to the JianXing server, except the app's own modules in
      // src/web/api/, which the dev server serves at /api/*.ts.
      [API_PROXY]: 'http://localhost:3000',
    },
  },
});

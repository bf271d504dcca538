import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
/** Where `npm run console:dev` sends API calls: the API started with `npm start` (or API_URL). */
const api = process.env['API_URL'] ?? 'http://localhost:3000';

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Screens are loaded lazily (see src/routes.tsx), so the sign-in page does not wait for the charts.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 5173,
    // Same origin in development too: the browser talks to Vite, Vite forwards the API routes.
    proxy: { '/graphql': api, '/export': api, '/health': api },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
  },
});

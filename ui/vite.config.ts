import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Tauri loads devUrl http://localhost:5173 in dev, so the port must not drift.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  // examples/templates/ is imported by the template picker (one copy of each template).
  server: { port: 5173, strictPort: true, fs: { allow: ['.', '../examples/templates'] } },
  build: { outDir: 'dist', target: 'es2022' },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});

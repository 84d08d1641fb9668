import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In development Vite serves the editor and proxies the API and the socket to the server.
const server = process.env.STREAMLOOM_SERVER ?? 'http://127.0.0.1:4100';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': server,
      '/socket.io': { target: server, ws: true },
    },
  },
  build: { outDir: 'dist', sourcemap: true },
});

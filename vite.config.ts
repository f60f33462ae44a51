import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { compression } from 'vite-plugin-compression2';

const hubPort = process.env.VINYLVAULT_PORT ?? '8080';

export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    // The app, the hub's admin page (served at /admin) and the trust step's page (/connect).
    rollupOptions: {
      input: {
        app: fileURLToPath(new URL('./web/index.html', import.meta.url)),
        admin: fileURLToPath(new URL('./web/admin.html', import.meta.url)),
        connect: fileURLToPath(new URL('./web/connect.html', import.meta.url)),
      },
    },
  },
  // `npm run dev`: hot reload for the web app, API calls go to a hub already running.
  server: {
    proxy: { '/api': `http://127.0.0.1:${hubPort}` },
  },
  plugins: [
    svelte(),
    // Gzip and brotli copies beside the built files, which the hub serves to browsers that take
    // them (hub/http/static.ts). Not sw.js: the PWA plugin writes it after this runs, so a copy
    // would be stale.
    compression({
      algorithms: ['gzip', 'brotliCompress'],
      include: /\.(js|css|html|svg)$/,
      exclude: /sw\.js$/,
      threshold: 1024,
    }),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,wasm}'],
      },
      includeAssets: ['icons/icon.svg', 'icons/apple-touch-icon.png'],
      manifest: {
        name: 'VinylVault',
        short_name: 'VinylVault',
        description: 'Your Discogs collection, on your own hub, with or without a network.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#1d1b2e',
        background_color: '#12111c',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: '/icons/maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
    }),
  ],
});

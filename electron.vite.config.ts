import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CSP } from './shared/csp.ts';

const root = import.meta.dirname;

// pdf.js needs its standard fonts, CMaps, ICC profiles and WebAssembly decoders at run time.
// They ship inside the app (no network) under /pdfjs/ of the built renderer.
function pdfjsAssets(): Plugin {
  return {
    name: 'credence-pdfjs-assets',
    apply: 'build',
    writeBundle(options) {
      const out = path.join(options.dir!, 'pdfjs');
      for (const dir of ['standard_fonts', 'cmaps', 'wasm', 'iccs']) {
        fs.cpSync(path.join(root, 'node_modules/pdfjs-dist', dir), path.join(out, dir), { recursive: true });
      }
    },
  };
}

// One CSP, written once in shared/csp.ts, carried into the built page as a meta tag.
function cspMeta(): Plugin {
  return {
    name: 'credence-csp-meta',
    transformIndexHtml: (html) => html.replace('%CREDENCE_CSP%', CSP),
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: path.join(root, 'electron/main/index.ts'),
          'extract-worker': path.join(root, 'electron/services/extraction/extract-worker.ts'),
          'extract-host': path.join(root, 'electron/services/extraction/extract-host.ts'),
          'prereview-worker': path.join(root, 'electron/services/prereview/prereview-worker.ts'),
          'db-checkpoint-worker': path.join(root, 'electron/db/checkpoint-worker.ts'),
          'ocr-render-worker': path.join(root, 'electron/services/ocr/render-worker.ts'),
          'ocr-tesseract-worker': path.join(root, 'electron/services/ocr/tesseract-worker.ts'),
          'ocr-engine-host': path.join(root, 'electron/services/ocr/engine-host.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: path.join(root, 'electron/preload/index.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [react(), cspMeta(), pdfjsAssets()],
    build: {
      outDir: 'out/renderer',
      target: 'chrome140',
      assetsInlineLimit: 0, // no data: URLs for scripts or workers
      rollupOptions: { input: path.join(root, 'renderer/index.html') },
    },
  },
});

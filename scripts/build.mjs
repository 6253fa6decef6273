// Builds the renderer (Vite) and the main-process bundles (esbuild) into dist/.
import { build as esbuild } from 'esbuild';
import { readFileSync } from 'node:fs';
import { build as viteBuild } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const only = process.argv[2]; // 'main' | 'renderer' | undefined (both)

// Native modules and Electron stay outside the bundles; ws's optional native helpers too.
// fontkit (1.5 MB with its tables) too: it is imported on the first receipt PDF only, and as part
// of the bundle its source would be parsed at every start.
const external = ['electron', 'electron-updater', 'better-sqlite3', '@napi-rs/canvas', 'node-hid', 'bufferutil', 'utf-8-validate', '@pdf-lib/fontkit'];
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Less source for Node to parse at every start; names are kept for readable stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  external,
  logLevel: 'warning',
  define: { KIOSK_VERSION: JSON.stringify(pkg.version) },
};
// Bundled CommonJS dependencies call require(); ESM bundles need one.
const esmBanner = {
  js: "import { createRequire as __kioskCreateRequire } from 'node:module'; const require = __kioskCreateRequire(import.meta.url);",
};

if (only !== 'renderer') {
  await Promise.all([
    esbuild({ ...common, format: 'esm', banner: esmBanner, entryPoints: { 'web-main': 'src-main/web-host/main.ts' }, outdir: 'dist/main', outExtension: { '.js': '.mjs' } }),
    esbuild({ ...common, format: 'esm', banner: esmBanner, entryPoints: { 'electron-main': 'src-main/electron/main.ts' }, outdir: 'dist/main', outExtension: { '.js': '.mjs' } }),
    // Sandboxed preloads must be a single CommonJS file.
    esbuild({ ...common, format: 'cjs', entryPoints: { preload: 'src-main/electron/preload.ts' }, outdir: 'dist/main', outExtension: { '.js': '.cjs' } }),
  ]);
}
if (only !== 'main') {
  await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
}

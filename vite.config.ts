import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/**
 * The policy both hosts also send as a header. It is written into the built page as well,
 * because Electron may load the renderer from files where no header applies. Only at build:
 * Vite's dev server needs inline code (HMR, React refresh) that this policy forbids.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:*";

function contentSecurityPolicy(): Plugin {
  return {
    name: 'motcua-csp-meta',
    apply: 'build',
    // Right after the charset, so the policy covers every tag that follows it.
    transformIndexHtml: (html) =>
      html.replace(
        /<meta charset="UTF-8" \/>/,
        (charset) => `${charset}\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      ),
  };
}

// Relative asset paths (base './') so the same build works from files (Electron) and over
// http (browser host). No inline code, no data: URLs for fonts (font-src is 'self' only).
export default defineConfig({
  root: fileURLToPath(new URL('./src-renderer', import.meta.url)),
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Chromium supports <link rel=modulepreload>; the polyfill would only add helper code.
    modulePreload: { polyfill: false },
    // data: is allowed for images but not for fonts: never inline, every asset is a file.
    assetsInlineLimit: 0,
    target: 'chrome120',
  },
  server: { host: '127.0.0.1' },
});

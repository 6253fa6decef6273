import { BrowserWindow } from 'electron';
import type { PrintSurface } from './spooler-printer';

/**
 * Prints each document from its own hidden, sandboxed window with no preload: the document is
 * a PNG in an HTML page the kiosk wrote, and nothing in it can reach the core.
 */
export function createPrintSurface(listFrom: () => BrowserWindow | null): PrintSurface {
  return {
    async print(html, options) {
      const window = new BrowserWindow({
        show: false,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
      });
      try {
        await window.loadURL(`data:text/html;base64,${Buffer.from(html).toString('base64')}`);
        return await new Promise((resolve) => {
          window.webContents.print(options, (success, failureReason) => resolve({ success, failureReason }));
        });
      } finally {
        window.destroy();
      }
    },
    async listPrinters() {
      const contents = listFrom()?.webContents;
      if (!contents) return [];
      return (await contents.getPrintersAsync()).map((p) => ({ name: p.name, displayName: p.displayName }));
    },
  };
}

import { contextBridge, ipcRenderer } from 'electron';
import { createKioskClient } from '../../src-shared/client';
import type { KioskClient } from '../../src-shared/contract';
import { createIpcTransport } from './ipc-transport';

/*
 * Runs sandboxed: only 'electron' may be required, so the build bundles everything else into one
 * CommonJS file. contextBridge proxies functions both ways, so `kiosk.on(event, listener)` gets
 * the page's listener as a callable proxy and hands back a callable unsubscribe function.
 */
const kiosk = createKioskClient(createIpcTransport(ipcRenderer)) satisfies KioskClient;

contextBridge.exposeInMainWorld('kiosk', kiosk);

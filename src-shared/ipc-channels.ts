/**
 * The Electron host's only two IPC channels. Every method travels over the invoke channel with
 * its name as an argument, so adding a method never adds a channel; the browser host carries the
 * same two directions over its WebSocket instead.
 */
export const INVOKE_CHANNEL = 'kiosk:invoke';
export const EVENT_CHANNEL = 'kiosk:event';

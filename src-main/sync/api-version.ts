/** The Kiosk Sync API version this build speaks: `info.version` of docs/sync-api.yaml (a test holds them equal). */
export const SYNC_API_VERSION = '1.7.0';

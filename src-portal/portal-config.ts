import type { Fault } from './faults/fault';

/** Lets the demo kiosk enroll out of the box; a real portal is started with its own tokens. */
export const DEMO_ENROLLMENT_TOKEN = 'demo-enrollment-token';

export interface PortalConfig {
  host: string;
  port: number;
  dataDir: string;
  centerId: string;
  agencyCode: string;
  timeZone: string;
  enrollmentTokens: readonly string[];
  /** How long a one-time token issued on the admin page stays valid (decision 0038). */
  enrollmentTokenHours: number;
  /** The URL terminals reach the portal at, put in the set-up QR; default: the URL it listens on. */
  publicUrl?: string;
  /** Required for /admin when the portal listens beyond loopback. */
  adminToken?: string;
  maxUploadBytes: number;
  maxJsonBytes: number;
  catalogFile: string;
  specFile?: string;
  /** The update feed's folder (`latest-linux.yml`, `latest.yml`, installers, block maps); default `<dataDir>/updates`. */
  updatesDir?: string;
  seed: number;
  faults: readonly Fault[];
}

export const portalDefaults = {
  host: '127.0.0.1',
  port: 8787,
  centerId: 'DEMO-CENTER',
  agencyCode: '000.00.12.H29',
  timeZone: 'Asia/Ho_Chi_Minh',
  enrollmentTokens: [DEMO_ENROLLMENT_TOKEN],
  enrollmentTokenHours: 24,
  maxUploadBytes: 50 * 1024 * 1024,
  maxJsonBytes: 1024 * 1024,
  seed: 1,
  faults: [],
} as const;

import type { KioskInfo, StoreStatus } from '../../../src-shared/dto';
import type { StaffRole } from '../../../src-shared/staff-access';
import type { CatalogService } from '../../catalog/catalog-service';
import type { DeviceHealthMonitor } from '../../devices/device-health-monitor';
import type { IdleMoment } from '../../devices/display/idle-moment';
import type { RenderProof } from '../../devices/display/render-proof';
import type { DocumentScanService } from '../../devices/docscan/document-scan-service';
import type { PrinterPort } from '../../devices/printer/printer-port';
import type { SpeechService } from '../../devices/speech/speech-service';
import type { DiagnosticsService } from '../../diagnostics/diagnostics-service';
import type { LogExportService } from '../../diagnostics/log-export-service';
import type { DossierService } from '../../dossier/dossier-service';
import type { ScanIntoSession } from '../../dossier/scan-into-session';
import type { Clock } from '../../kernel/clock';
import type { Logger } from '../../kernel/logger';
import type { PaymentService } from '../../payment/payment-service';
import type { QueueService } from '../../queue/queue-service';
import type { RatingService } from '../../rating/rating-service';
import type { DayReportService } from '../../report/day-report-service';
import type { ScannerService } from '../../scan/scanner-service';
import type { DeviceDiagnostics } from '../../staff/device-diagnostics';
import type { RoleSessions } from '../../staff/role-sessions';
import type { StaffAccessService } from '../../staff/staff-access-service';
import type { StaffAlerts } from '../../staff/staff-alerts';
import type { StaffWork } from '../../staff/staff-work';
import type { StorageWatch } from '../../storage/storage-watch';
import type { CentralConfigApplier } from '../central-config-apply';
import type { KioskConfig } from '../config';
import type { SyncWiring } from '../wire-sync';

/**
 * The parts of a kiosk core that its request handlers reach, built by the composition root.
 * A part that needs the store is absent when the store could not open; `needStore` turns that
 * into the `store_unavailable` reply, and the `need…` shortcuts do it for the common ones.
 */
export interface CoreParts {
  readonly options: { readonly version: string; readonly host: KioskInfo['host']; readonly setupMode?: boolean };
  readonly config: KioskConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly store: StoreStatus;
  readonly printer: PrinterPort;
  readonly monitor: DeviceHealthMonitor;
  readonly scans: ScannerService;
  readonly documentScans: DocumentScanService;
  readonly speech: SpeechService;
  readonly renderProof: RenderProof;
  readonly idleMoment: IdleMoment;
  readonly centralConfig: CentralConfigApplier;
  readonly storage: StorageWatch;
  readonly staffAlerts: StaffAlerts;
  readonly diagnostics: DeviceDiagnostics;
  readonly diagnosticsService: DiagnosticsService;
  readonly logExport: LogExportService;
  readonly roleSessions: RoleSessions;
  readonly sync: SyncWiring | undefined;
  readonly payments: PaymentService | undefined;
  readonly scanInto: ScanIntoSession | undefined;
  readonly ratings: RatingService | undefined;
  readonly dayReports: DayReportService | undefined;
  readonly staffWork: StaffWork | undefined;
  needStore<T>(service: T | undefined): T;
  needQueue(): QueueService;
  needCatalog(): CatalogService;
  needDossiers(): DossierService;
  needPayments(): PaymentService;
  needStaffAccess(): StaffAccessService;
  /** The role of a live staff session (the dispatcher checked it), for the audit log. */
  staffRoleOf(session: string): StaffRole;
  /** A citizen is at the screen: no staff session stays open behind them, no earlier scan stays readable. */
  citizenBoundary(): Record<string, never>;
  /** After a print, whatever it did to the printer (paper out mid-job) reaches the screens and alerts. */
  withDeviceCheck<T>(work: Promise<T>): Promise<T>;
}

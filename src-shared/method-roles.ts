import type { z } from 'zod';
import type { MethodName, Methods } from './contract';
import type { Role } from './staff-access';

/**
 * Who may call each method (decision 0021). Typed over `MethodName`: a method added to the
 * contract without a role here does not compile. Main's dispatcher enforces it; hiding a button
 * in the renderer is not the protection.
 */
export const methodRoles = {
  getInfo: 'citizen',
  listQueueServices: 'citizen',
  getQueueSummary: 'citizen',
  takeTicket: 'citizen',
  reprintTicket: 'citizen',
  getCatalogInfo: 'citizen',
  listFields: 'citizen',
  listProcedures: 'citizen',
  getProcedure: 'citizen',
  searchProcedures: 'citizen',
  printChecklist: 'citizen',
  submitWedgeScan: 'citizen',
  reportRendered: 'citizen',
  getLastScan: 'staff',
  getDeviceStatus: 'staff',
  listStaffAlerts: 'staff',
  testPrint: 'staff',
  testDocumentScan: 'staff',
  beginDossier: 'citizen',
  stageScannedPage: 'citizen',
  discardStagedPage: 'citizen',
  cancelDossier: 'citizen',
  validateDossierDraft: 'citizen',
  submitDossier: 'citizen',
  getReceipt: 'citizen',
  reprintReceipt: 'citizen',
  lookupDossier: 'citizen',
  getSyncStatus: 'staff',
  listParkedRows: 'staff',
  retryParkedRow: 'staff',
  scanDocumentPages: 'citizen',
  getPaymentOffer: 'citizen',
  startPayment: 'citizen',
  getPaymentStatus: 'citizen',
  getLinkState: 'citizen',
  getStaffAlertBadge: 'citizen',
  startCitizenSession: 'citizen',
  endCitizenSession: 'citizen',
  getStaffAccess: 'citizen',
  loginStaff: 'citizen',
  setupFirstItPin: 'citizen',
  touchStaffSession: 'staff',
  logoutStaff: 'staff',
  setStaffPin: 'it',
  setItPin: 'it',
  getDayReport: 'staff',
  printDayReport: 'staff',
  reprintLastTicket: 'staff',
  reprintReceiptByCode: 'staff',
  listOutbox: 'staff',
  markPrinterRefilled: 'staff',
  takeTicketForCitizen: 'staff',
  checkRatingTarget: 'citizen',
  submitRating: 'citizen',
  speak: 'citizen',
  getDiagnostics: 'it',
  listExportMounts: 'it',
  exportLogs: 'it',
  getSetupState: 'it',
  checkSetupCenter: 'it',
  checkSetupPortal: 'it',
  readSetupQr: 'it',
  listSetupDevices: 'it',
  testSetupPrinter: 'it',
  testSetupBarcodeScanner: 'it',
  testSetupDocumentScanner: 'it',
  finishSetup: 'it',
} as const satisfies Record<MethodName, Role>;

export type MethodRoles = typeof methodRoles;
/** The methods one role may call: main's handlers are written per role (src-main/app/handlers/). */
export type MethodsOf<R extends Role> = { [M in MethodName]: MethodRoles[M] extends R ? M : never }[MethodName];

/** Staff and IT requests must carry the session token: a staff method whose schema lacks it does not compile. */
type NeedsSession = { [M in MethodName]: MethodRoles[M] extends 'citizen' ? never : M }[MethodName];
type MissingSession = { [M in NeedsSession]: z.input<Methods[M]['request']> extends { session: string } ? never : M }[NeedsSession];
const everyStaffRequestHasSession: [MissingSession] extends [never] ? true : MissingSession = true;
void everyStaffRequestHasSession;

export const roleOf = (method: MethodName): Role => methodRoles[method];

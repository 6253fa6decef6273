import type { HandlersOf } from '../dispatcher';
import type { CoreParts } from './core-parts';
import type { SetupMethod } from '../setup/setup-handlers';
import { listExportMounts } from '../../diagnostics/export-mounts';

/** What only an IT session may ask: PINs, diagnostics and the log export (the set-up wizard's methods come from setup/). */
export function itHandlers(parts: CoreParts): Omit<HandlersOf<'it'>, SetupMethod> {
  const { config, diagnosticsService, logExport, needStaffAccess } = parts;
  return {
    setStaffPin: async ({ pin }) => {
      await needStaffAccess().setPin('staff', pin);
      return {};
    },
    setItPin: async ({ pin }) => {
      await needStaffAccess().setPin('it', pin);
      return {};
    },
    getDiagnostics: () => diagnosticsService.snapshot(),
    listExportMounts: () => listExportMounts(config.diagnostics.exportMountRoots),
    exportLogs: ({ destination }) => logExport.export(destination),
  };
}

import { mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeviceHealth } from '../../../src-shared/dto';
import type { Clock } from '../../kernel/clock';
import type { DocumentScannerPort, PageDecision, ScannerDevice, ScanRequest } from './document-scanner-port';
import { runProcess, type ProcessSpawner, type RunResult } from './process-runner';
import { parsePnm, type RawPage } from './raw-page';
import { DocumentScanError, deviceReasonOf, scanFailureMessages, type ScanFailure } from './scan-errors';
import { buildScanArgs, failureFromScanimage, parseDeviceOptions, pickMode, pickSource, type DeviceOptions } from './scanimage-args';

/** How long scanimage may take to exit once it said its batch is over. */
const EXIT_GRACE_MS = 1000;

export interface SaneScannerOptions {
  scanimagePath: string;
  /** Default: the first device `scanimage -L` finds. */
  device?: string;
  /** A device that finishes no page within this time is taken as hung. */
  timeoutMs: number;
  /** Environment of scanimage (SANE_CONFIG_DIR picks the backends). */
  env: NodeJS.ProcessEnv;
  /** Parent folder of each scan's temporary folder. */
  tempDir: string;
  killGraceMs?: number;
  /** Health refreshes ask the device list at most this often. */
  healthEveryMs?: number;
}

/** Drives a SANE scanner through `scanimage` (sane-utils), one batch per scan. */
export class SaneScanner implements DocumentScannerPort {
  private readonly optionsByDevice = new Map<string, DeviceOptions>();
  private last: DeviceHealth;
  private lastListAt = -Infinity;
  private scanning = false;

  constructor(
    private readonly options: SaneScannerOptions,
    private readonly spawner: ProcessSpawner,
    private readonly clock: Clock,
  ) {
    this.last = { device: 'document-scanner', state: 'offline', reason: 'docscan_not_checked', at: clock.now().toISOString() };
  }

  health(): DeviceHealth {
    return this.last;
  }

  async refreshHealth(): Promise<DeviceHealth> {
    const now = this.clock.now().getTime();
    // Listing probes USB and the network and can take seconds; during a scan the device is busy anyway.
    if (this.scanning || now - this.lastListAt < (this.options.healthEveryMs ?? 60_000)) return this.last;
    this.lastListAt = now;
    try {
      await this.findDevice();
      this.setHealth(null);
    } catch (error) {
      this.setHealth(error instanceof DocumentScanError ? error.failure : 'device-error');
    }
    return this.last;
  }

  async listDevices(signal?: AbortSignal): Promise<ScannerDevice[]> {
    const run = await this.run(['-f', '%d\t%v %m (%t)%n'], signal);
    this.throwIfFailed(run, 0);
    return run.stdout
      .split('\n')
      .map((line) => line.split('\t'))
      .filter((parts): parts is [string, string] => parts.length === 2 && parts[0] !== '')
      .map(([name, description]) => ({ name, description }));
  }

  async scan(request: ScanRequest, signal: AbortSignal | undefined, onPage: (page: RawPage) => Promise<PageDecision>): Promise<number> {
    if (this.scanning) throw new DocumentScanError('busy', 'a scan is already running');
    this.scanning = true;
    try {
      const pages = await this.scanOnce(request, signal, onPage);
      this.setHealth(null);
      return pages;
    } catch (error) {
      if (error instanceof DocumentScanError && !['cancelled', 'page-limit', 'size-limit'].includes(error.failure)) this.setHealth(error.failure);
      throw error;
    } finally {
      this.scanning = false;
    }
  }

  private async scanOnce(request: ScanRequest, signal: AbortSignal | undefined, onPage: (page: RawPage) => Promise<PageDecision>): Promise<number> {
    const device = await this.findDevice(signal);
    const options = await this.deviceOptions(device, signal);
    const source = pickSource(options.sources, request.source);
    if (source === undefined) throw new DocumentScanError('no-feeder', `sources: ${options.sources.join(', ')}`);
    const dir = await mkdtemp(join(this.options.tempDir, 'kiosk-scan-'));
    try {
      const args = buildScanArgs({
        device,
        resolution: request.resolution,
        mode: pickMode(options.modes, request.mode),
        source,
        batchPattern: join(dir, 'page-%04d.pnm'),
        batchCount: request.source === 'flatbed' ? 1 : request.maxPages,
      });
      let delivered = 0;
      let stopped = false;
      let pageError: unknown;
      // Pages are handled one at a time, in order, while the device goes on scanning the next.
      let chain = Promise.resolve();
      const running = runProcess(this.spawner, this.options.scanimagePath, args, {
        env: this.options.env,
        signal,
        idleTimeoutMs: this.options.timeoutMs,
        killGraceMs: this.options.killGraceMs ?? 2000,
        // scanimage has been seen to hang after its batch, closing the device (SANE's test
        // backend does about one run in five when the feeder is empty): the batch is over.
        finishedWhen: { stderr: /^Batch terminated/m, afterMs: EXIT_GRACE_MS },
        onStdoutLine: (file) => {
          running.touch();
          chain = chain.then(async () => {
            if (stopped || pageError) return;
            try {
              const bytes = await readFile(file);
              await unlink(file);
              if ((await onPage(parsePnm(bytes, request.resolution))) === 'stop') {
                stopped = true;
                running.stop();
              }
              delivered++;
            } catch (error) {
              pageError = error;
              running.stop();
            }
          });
        },
      });
      const run = await running.result;
      await chain;
      if (pageError) throw pageError;
      if (run.endedBy === 'stopped') return delivered;
      this.throwIfFailed(run, delivered, request.source);
      return delivered;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private throwIfFailed(run: RunResult, delivered: number, source?: ScanRequest['source']): void {
    if (run.spawnError) {
      throw new DocumentScanError(run.spawnError.code === 'ENOENT' ? 'not-installed' : 'device-error', run.spawnError.message);
    }
    if (run.endedBy === 'aborted') throw new DocumentScanError('cancelled');
    if (run.endedBy === 'timeout') throw new DocumentScanError('timeout', `no page within ${this.options.timeoutMs} ms`);
    // Ended after saying its batch was over: judge by what it said, not by the kill.
    const failure = failureFromScanimage(run.endedBy === 'finished' ? 0 : run.code, run.stderr);
    // The feeder running out after some pages is how a batch normally ends.
    if (failure === 'feeder-empty' && delivered > 0) return;
    if (failure) throw new DocumentScanError(failure, lastLine(run.stderr));
    if (source && delivered === 0) throw new DocumentScanError(source === 'adf' ? 'feeder-empty' : 'device-error', lastLine(run.stderr));
  }

  private async findDevice(signal?: AbortSignal): Promise<string> {
    if (this.options.device) return this.options.device;
    const [first] = await this.listDevices(signal);
    if (!first) throw new DocumentScanError('no-device', 'scanimage -L found no device');
    return first.name;
  }

  private async deviceOptions(device: string, signal?: AbortSignal): Promise<DeviceOptions> {
    const known = this.optionsByDevice.get(device);
    if (known) return known;
    const run = await this.run(['-d', device, '-A'], signal);
    this.throwIfFailed(run, 0);
    const options = parseDeviceOptions(run.stdout);
    this.optionsByDevice.set(device, options);
    return options;
  }

  private run(args: string[], signal?: AbortSignal): Promise<RunResult> {
    return runProcess(this.spawner, this.options.scanimagePath, args, {
      env: this.options.env,
      signal,
      idleTimeoutMs: this.options.timeoutMs,
      killGraceMs: this.options.killGraceMs ?? 2000,
    }).result;
  }

  private setHealth(failure: ScanFailure | null): void {
    const at = this.clock.now().toISOString();
    if (!failure) {
      this.last = { device: 'document-scanner', state: 'ok', reason: 'docscan_ready', at };
      return;
    }
    // A jam or an empty feeder is the citizen's paper, not a broken device.
    const paper: ScanFailure[] = ['jammed', 'feeder-empty', 'cover-open', 'busy', 'no-feeder'];
    this.last = { device: 'document-scanner', state: paper.includes(failure) ? 'degraded' : 'offline', reason: deviceReasonOf[failure], detail: scanFailureMessages[failure].en, at };
  }
}

const lastLine = (text: string): string => text.trim().split('\n').pop()?.slice(0, 200) ?? '';

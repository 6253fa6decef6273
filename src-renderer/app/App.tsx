import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { useRenderProof } from './use-render-proof';
import { useCoreReload } from './use-core-reload';
import type { KioskClient } from '../../src-shared/contract';
import type { DeviceHealth, KioskInfo } from '../../src-shared/dto';
import type { KioskErrorPayload } from '../../src-shared/errors';
import { StartupScreen } from '../screens/StartupScreen';
import { StoreErrorScreen } from '../screens/StoreErrorScreen';
import { DisplayModesProvider } from '../display/DisplayModesProvider';
import { Kiosk } from './Kiosk';
import { SetupModeScreen } from '../setup/SetupModeScreen';

type Boot =
  | { readonly phase: 'loading' }
  | { readonly phase: 'failed'; readonly error: KioskErrorPayload }
  | { readonly phase: 'ready'; readonly info: KioskInfo };

/** How often to ask again while the core cannot be reached or its store is down. */
const RETRY_UNREACHABLE_MS = 5_000;
const RETRY_STORE_MS = 30_000;

/**
 * Learns who and where the kiosk is (`getInfo`) before showing anything a visitor can touch,
 * and keeps the device health current. A kiosk whose store is unavailable serves no one.
 */
export function App({ kiosk }: { kiosk: KioskClient }): ReactElement {
  useRenderProof(kiosk);
  useCoreReload(kiosk);
  const [boot, setBoot] = useState<Boot>({ phase: 'loading' });
  const [devices, setDevices] = useState<readonly DeviceHealth[]>([]);

  const load = useCallback(async () => {
    const reply = await kiosk.getInfo({});
    if (reply.ok) {
      setBoot({ phase: 'ready', info: reply.value });
      setDevices(reply.value.devices);
    } else {
      // Once the kiosk has run, a failed re-check keeps the screen it has rather than
      // replacing a visitor's session with a startup error.
      setBoot((previous) => (previous.phase === 'ready' ? previous : { phase: 'failed', error: reply.error }));
    }
  }, [kiosk]);

  useEffect(() => {
    void load();
  }, [load]);

  const storeDown = boot.phase === 'ready' && boot.info.store.state === 'unavailable';
  useEffect(() => {
    if (boot.phase !== 'failed' && !storeDown) return;
    const timer = setInterval(() => void load(), storeDown ? RETRY_STORE_MS : RETRY_UNREACHABLE_MS);
    return () => clearInterval(timer);
  }, [boot.phase, storeDown, load]);

  useEffect(
    () =>
      kiosk.on('deviceHealth', (health) =>
        setDevices((previous) => [...previous.filter((d) => d.device !== health.device), health]),
      ),
    [kiosk],
  );

  if (boot.phase === 'loading') return <StartupScreen error={null} onRetry={() => void load()} />;
  if (boot.phase === 'failed') return <StartupScreen error={boot.error} onRetry={() => void load()} />;
  const { info } = boot;
  if (info.store.state === 'unavailable') return <StoreErrorScreen info={info} store={info.store} />;
  if (info.setupMode === true) return <SetupModeScreen kiosk={kiosk} info={info} />;
  return (
    <DisplayModesProvider>
      <Kiosk kiosk={kiosk} info={info} devices={devices} onStoreTrouble={() => void load()} />
    </DisplayModesProvider>
  );
}

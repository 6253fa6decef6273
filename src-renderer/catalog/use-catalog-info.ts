import { useEffect, useState } from 'react';
import type { CatalogInfo } from '../../src-shared/catalog';
import type { KioskClient } from '../../src-shared/contract';

/**
 * The catalog's state as the core reports it, or null until it answers. A failed call also
 * stays null: the screens then fall back to what their own calls return.
 */
export function useCatalogInfo(kiosk: KioskClient): CatalogInfo | null {
  const [info, setInfo] = useState<CatalogInfo | null>(null);
  useEffect(() => {
    let current = true;
    void kiosk.getCatalogInfo({}).then((reply) => {
      if (current && reply.ok) setInfo(reply.value);
    });
    return () => {
      current = false;
    };
  }, [kiosk]);
  return info;
}

import { useCallback, useLayoutEffect, useMemo, useState, type ReactElement, type ReactNode } from 'react';
import { applyDisplayModes, defaultDisplayModes, DisplayModesContext, toggled, type DisplayMode } from './display-modes';

/**
 * Holds the visitor's display modes and puts them on <html> before paint (rem sizes follow the
 * root). The kiosk shell calls `reset` when a session ends, so the next visitor starts plain.
 */
export function DisplayModesProvider({ children }: { children: ReactNode }): ReactElement {
  const [modes, setModes] = useState(defaultDisplayModes);
  // Stable functions: the shell's session end depends on `reset`.
  const toggle = useCallback((mode: DisplayMode) => setModes((current) => toggled(current, mode)), []);
  const reset = useCallback(() => setModes(defaultDisplayModes), []);
  const control = useMemo(() => ({ modes, toggle, reset }), [modes, toggle, reset]);
  useLayoutEffect(() => applyDisplayModes(document.documentElement, modes), [modes]);
  return <DisplayModesContext.Provider value={control}>{children}</DisplayModesContext.Provider>;
}

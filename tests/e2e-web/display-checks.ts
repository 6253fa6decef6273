import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { shot } from './harness';

export type DisplayMode = 'normal' | 'contrast' | 'large';

/** Sets the two toggles as a visitor would, with the bar on the screen. */
export async function setDisplayMode(page: Page, mode: DisplayMode): Promise<void> {
  const want = { 'mode-large-text': mode === 'large', 'mode-high-contrast': mode === 'contrast' };
  for (const [testId, on] of Object.entries(want)) {
    const toggle = page.getByTestId(testId);
    if ((await toggle.getAttribute('aria-pressed')) !== String(on)) await toggle.click();
  }
  // Settle layout after the root font size or colours changed.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** axe-core's serious and critical findings (WCAG 2.2 A/AA; with AAA colour contrast in high contrast). */
export async function axeProblems(page: Page, mode: DisplayMode): Promise<string[]> {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
  let builder = new AxeBuilder({ page }).withTags(mode === 'contrast' ? [...tags, 'wcag2aaa'] : tags);
  // The staff corner is for staff, hidden from citizens by design (a long press opens a PIN pad).
  builder = builder.exclude('[data-testid="staff-corner"]');
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`).join(' | ')}`);
}

/** Every button, link and other control a finger can hit, smaller than 64 × 64 CSS px. */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('button, a[href], [role="button"], label.check, input:not([type="hidden"])'))
      .filter((e) => e.getAttribute('data-testid') !== 'staff-corner' && !e.closest('[aria-hidden="true"]'))
      // A read-only box only the on-screen keyboard types into (the search text) is not a target.
      .filter((e) => !(e instanceof HTMLInputElement && e.readOnly && e.tabIndex === -1))
      // A checkbox is hit through its label, which is the target measured.
      .filter((e) => !(e instanceof HTMLInputElement && e.closest('label')))
      .map((e) => ({ e, r: e.getBoundingClientRect() }))
      .filter(({ e, r }) => r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden')
      .filter(({ r }) => Math.round(r.width) < 64 || Math.round(r.height) < 64)
      .map(({ e, r }) => `${e.getAttribute('data-testid') ?? e.tagName.toLowerCase()} "${(e.textContent ?? '').trim().slice(0, 24)}" ${Math.round(r.width)}×${Math.round(r.height)}`),
  );
}

/**
 * Text that large print cuts or piles up: an element whose text overflows a box that clips it,
 * two siblings with text whose boxes intersect, or a page wider than the screen.
 */
export function clippedOrOverlapping(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const label = (e: Element) => `${e.tagName.toLowerCase()}${e.getAttribute('data-testid') ? `[${e.getAttribute('data-testid')}]` : ''}.${Array.from(e.classList).join('.')} "${(e.textContent ?? '').trim().slice(0, 30)}"`;
    if (document.documentElement.scrollWidth > window.innerWidth + 1) found.push(`page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px screen`);
    const all = Array.from(document.querySelectorAll<HTMLElement>('body *')).filter((e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden' && !e.closest('[aria-hidden="true"], .osk');
    });
    for (const e of all) {
      const hasText = Array.from(e.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      if (!hasText) continue;
      const style = getComputedStyle(e);
      const clipsX = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
      const clipsY = style.overflowY !== 'visible';
      if ((clipsX && e.scrollWidth > e.clientWidth + 1) || (clipsY && e.scrollHeight > e.clientHeight + 1 && style.overflowY === 'hidden'))
        found.push(`clipped: ${label(e)} ${e.scrollWidth}×${e.scrollHeight} in ${e.clientWidth}×${e.clientHeight}`);
    }
    // Siblings in the flow whose boxes overlap (absolute, fixed and sticky ones are overlays by design).
    const inFlow = (e: Element) => !['absolute', 'fixed', 'sticky'].includes(getComputedStyle(e).position);
    for (const parent of new Set(all.map((e) => e.parentElement))) {
      if (!parent) continue;
      const kids = Array.from(parent.children).filter((k) => all.includes(k as HTMLElement) && inFlow(k) && (k.textContent ?? '').trim() !== '');
      for (let i = 0; i < kids.length; i++)
        for (let j = i + 1; j < kids.length; j++) {
          const a = kids[i]!.getBoundingClientRect();
          const b = kids[j]!.getBoundingClientRect();
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 2 && h > 2) found.push(`overlap: ${label(kids[i]!)} and ${label(kids[j]!)} by ${Math.round(w)}×${Math.round(h)}`);
        }
    }
    return found;
  });
}

/**
 * One screen in the three ways a visitor can see it: axe and the target sizes in normal and high
 * contrast, clipping and overlap in large text; a screenshot of each mode. Returns the problems
 * found (the caller asserts at the end, so one run reports every screen).
 */
export async function checkScreen(page: Page, name: string): Promise<string[]> {
  const problems: string[] = [];
  for (const mode of ['normal', 'contrast', 'large'] as const) {
    await setDisplayMode(page, mode);
    await shot(page, `a11y-${name}-${mode}`);
    if (mode === 'large') {
      problems.push(...(await clippedOrOverlapping(page)).map((p) => `${name} [large]: ${p}`));
    } else {
      problems.push(...(await axeProblems(page, mode)).map((p) => `${name} [${mode}]: ${p}`));
    }
    problems.push(...(await smallTargets(page)).map((p) => `${name} [${mode}]: target under 64 px: ${p}`));
  }
  await setDisplayMode(page, 'normal');
  return problems;
}

/**
 * The checks above run as page functions compiled by tsx, which names inner functions through a
 * `__name` helper the page does not have: give the page a harmless one.
 */
export async function allowNamedFunctions(page: Page): Promise<void> {
  const shim = 'globalThis.__name = (f) => f;';
  await page.addInitScript({ content: shim });
  // And for a page already there (or set with setContent, which runs no init script).
  await page.evaluate(shim);
}

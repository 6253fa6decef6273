import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ARTIFACTS } from './harness';

interface Where {
  /** The focused element is the target or inside it. */
  onTarget: boolean;
  focused: { x: number; y: number; w: number; h: number } | null;
  target: { x: number; y: number; w: number; h: number } | null;
}

const where = (page: Page, selector: string): Promise<Where> =>
  page.evaluate((sel) => {
    // No named functions in here: tsx would wrap them in a helper the page does not have.
    const target = document.querySelector(sel);
    const active = document.activeElement;
    const [focused, targetBox] = [active, target].map((e) => {
      if (!e || e === document.body) return null;
      const r = e.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height };
    });
    return { onTarget: !!target && !!active && (target === active || target.contains(active)), focused: focused ?? null, target: targetBox ?? null };
  }, selector);

/**
 * Moves the focus to the element matching `selector` with arrow keys only, the way a person at
 * the keypad steers towards what they see: along the axis where it is furthest, then the other.
 */
export async function steerTo(page: Page, selector: string, maxPresses = 60): Promise<void> {
  await page.locator(selector).first().waitFor();
  // How often each focus position was reached: back at one already seen (stuck in place, or
  // going round between two), the other axis is tried first, as a person would.
  const visits = new Map<string, number>();
  let stuck = 0;
  const trail: string[] = [];
  for (let i = 0; i < maxPresses; i++) {
    const w = await where(page, selector);
    if (w.onTarget) return;
    assert.ok(w.target, `${selector} is on the page`);
    let key = 'ArrowDown';
    if (w.focused) {
      const dx = w.target.x - w.focused.x;
      const dy = w.target.y - w.focused.y;
      const rowApart = Math.abs(dy) > (w.target.h + w.focused.h) / 4;
      const vertical = rowApart && ((Math.abs(dy) >= Math.abs(dx)) === (stuck % 2 === 0) || Math.abs(dx) < 1);
      key = vertical ? (dy > 0 ? 'ArrowDown' : 'ArrowUp') : dx > 0 ? 'ArrowRight' : dx < 0 ? 'ArrowLeft' : dy > 0 ? 'ArrowDown' : 'ArrowUp';
    }
    await page.keyboard.press(key);
    const now = JSON.stringify((await where(page, selector)).focused);
    trail.push(`${key}→${now}`);
    const seen = (visits.get(now) ?? 0) + 1;
    visits.set(now, seen);
    stuck = seen - 1;
  }
  await page.screenshot({ path: `${ARTIFACTS}/keypad-stuck.png` });
  throw new Error(`arrows did not reach ${selector} in ${maxPresses} presses; target ${JSON.stringify((await where(page, selector)).target)}, trail:\n${trail.slice(-12).join('\n')}`);
}

/** Steers to the element and presses Enter on it. */
export async function choose(page: Page, selector: string): Promise<void> {
  await steerTo(page, selector);
  await page.keyboard.press('Enter');
}

export const byTestId = (id: string) => `[data-testid="${id}"]`;

/** Types digits with the keypad's number keys, a person's pace apart (not a scanner's burst). */
export async function typeDigits(page: Page, digits: string): Promise<void> {
  for (const d of digits) {
    await page.keyboard.press(d);
    await page.waitForTimeout(90);
  }
  await page.waitForTimeout(90);
}

/** Types text on the on-screen keyboard by steering to each key and pressing Enter (a keypad has no letters). */
export async function typeByArrows(page: Page, text: string): Promise<void> {
  for (const ch of text) await choose(page, `.osk [data-skbtn="${ch === ' ' ? '{space}' : ch}"]`);
}

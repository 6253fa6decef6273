// Loaded into a kiosk process by the e2e specs (NODE_OPTIONS=--import): moves the process's
// clock by the number of milliseconds in the file KIOSK_FAKE_CLOCK_FILE names, so a spec can
// let a lockout pass without waiting for it. Test-only; the product never loads it.
import { readFileSync } from 'node:fs';

const file = process.env.KIOSK_FAKE_CLOCK_FILE;
const RealDate = Date;
let cached = { offset: 0, readAt: -Infinity };

function offset() {
  const now = RealDate.now();
  if (now - cached.readAt > 100) {
    let value;
    try {
      value = Number(readFileSync(file, 'utf8').trim()) || 0;
    } catch {
      value = 0;
    }
    cached = { offset: value, readAt: now };
  }
  return cached.offset;
}

class MovedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offset());
    else super(...args);
  }
  static now() {
    return RealDate.now() + offset();
  }
}

if (file) globalThis.Date = MovedDate;

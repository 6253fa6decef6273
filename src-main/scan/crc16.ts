/**
 * CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final XOR) over the UTF-8
 * bytes of a text: the check VietQR uses (DOMAIN.md), so one algorithm serves both QR codes.
 * Known value: "123456789" → 0x29B1.
 */
export function crc16CcittFalse(text: string): number {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** The CRC as 4 uppercase hex digits. */
export const crc16Hex = (text: string): string => crc16CcittFalse(text).toString(16).toUpperCase().padStart(4, '0');

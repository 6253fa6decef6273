/** What a PCM WAVE file holds, as far as the kiosk needs to know. */
export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Offset and length of the `data` chunk's samples in the file. */
  dataOffset: number;
  dataBytes: number;
  durationMs: number;
}

const ascii = (bytes: Uint8Array, at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));

/**
 * Reads a RIFF/WAVE header. espeak-ng writing to a pipe cannot seek back, so it leaves both
 * sizes at 0x7FFFFFFF: a `data` size past the end is taken as "to the end of the file".
 */
export function readWav(bytes: Uint8Array): WavInfo {
  if (bytes.length < 12 || ascii(bytes, 0) !== 'RIFF' || ascii(bytes, 8) !== 'WAVE') throw new Error('not a RIFF/WAVE file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 12;
  let format: { sampleRate: number; channels: number; bitsPerSample: number } | null = null;
  while (at + 8 <= bytes.length) {
    const id = ascii(bytes, at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      if (view.getUint16(body, true) !== 1) throw new Error('WAVE data is not PCM');
      format = { channels: view.getUint16(body + 2, true), sampleRate: view.getUint32(body + 4, true), bitsPerSample: view.getUint16(body + 14, true) };
    } else if (id === 'data') {
      if (!format) throw new Error('WAVE data before its format');
      const dataBytes = Math.min(size, bytes.length - body);
      const bytesPerSecond = format.sampleRate * format.channels * (format.bitsPerSample / 8);
      return { ...format, dataOffset: body, dataBytes, durationMs: Math.round((dataBytes / bytesPerSecond) * 1000) };
    }
    at = body + size + (size % 2);
  }
  throw new Error('WAVE file without a data chunk');
}

/** The same audio with the RIFF and data sizes it really has (browsers' decoders want them right). */
export function withTrueSizes(bytes: Uint8Array): Uint8Array {
  const info = readWav(bytes);
  const out = bytes.slice(0, info.dataOffset + info.dataBytes);
  const view = new DataView(out.buffer);
  view.setUint32(4, out.length - 8, true);
  view.setUint32(info.dataOffset - 4, info.dataBytes, true);
  return out;
}

/** A 16-bit mono PCM WAVE file of the given samples (-1…1). */
export function encodeWav(samples: Float32Array, sampleRate: number): Uint8Array {
  const out = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(out.buffer);
  const write = (at: number, text: string) => [...text].forEach((ch, i) => view.setUint8(at + i, ch.charCodeAt(0)));
  write(0, 'RIFF');
  view.setUint32(4, out.length - 8, true);
  write(8, 'WAVE');
  write(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  write(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  samples.forEach((s, i) => view.setInt16(44 + i * 2, Math.round(Math.max(-1, Math.min(1, s)) * 32767), true));
  return out;
}

/** Root mean square of a 16-bit PCM file's samples, 0…1: near 0 is silence. */
export function wavRms(bytes: Uint8Array): number {
  const info = readWav(bytes);
  if (info.bitsPerSample !== 16) throw new Error('only 16-bit PCM is measured');
  const view = new DataView(bytes.buffer, bytes.byteOffset + info.dataOffset, info.dataBytes);
  const count = Math.floor(info.dataBytes / 2);
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const s = view.getInt16(i * 2, true) / 32768;
    sum += s * s;
  }
  return count === 0 ? 0 : Math.sqrt(sum / count);
}

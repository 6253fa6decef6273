import { describe, expect, it } from 'vitest';
import { countBlackDots, type MonoBitmap } from '../../../src-main/devices/printer/mono-bitmap';
import { PaperLayout } from '../../../src-main/devices/printer/paper-layout';

const inkInRows = (b: MonoBitmap, from: number, to: number) =>
  countBlackDots({ ...b, height: to - from, data: b.data.subarray(from * b.bytesPerRow, to * b.bytesPerRow) });

describe('PaperLayout', () => {
  it('grows past its first canvas for long prints and keeps what was drawn at the top and at the end', () => {
    const paper = new PaperLayout(576).text('ĐẦU PHIẾU', { size: 40, bold: true });
    for (let i = 1; i <= 60; i++) paper.checkbox(`Giấy tờ số ${i}: bản sao có chứng thực`, 26);
    paper.text('CUỐI PHIẾU', { size: 40, bold: true });
    const bitmap = paper.finish();
    expect(bitmap.height).toBeGreaterThan(1600);
    expect(bitmap.height).toBeLessThanOrEqual(6000);
    expect(inkInRows(bitmap, 0, 60)).toBeGreaterThan(200);
    expect(inkInRows(bitmap, bitmap.height - 80, bitmap.height)).toBeGreaterThan(200);
  });

  it('stops at the maximum length instead of failing on an endless print', () => {
    const paper = new PaperLayout(384);
    for (let i = 0; i < 400; i++) paper.text(`Dòng ${i}`, { size: 30 });
    const bitmap = paper.finish();
    expect(bitmap.height).toBe(4000);
    expect(bitmap.width).toBe(384);
  });

  it('leaves the paper white where nothing was drawn', () => {
    const bitmap = new PaperLayout(576).finish();
    expect(countBlackDots(bitmap)).toBe(0);
  });
});

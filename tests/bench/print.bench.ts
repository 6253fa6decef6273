// print.render_encode_p95_ms: p95 over many tickets of laying out and rasterizing a queue ticket
// (Vietnamese text, QR) and encoding it as an ESC/POS raster job, as the queue service does.
import { encodeRasterJob } from '../../src-main/devices/printer/raster-job';
import { renderTicket } from '../../src-main/devices/printer/ticket-layout';
import { percentile, report } from './report';

const RUNS = Math.max(200, Number(process.env.BENCH_PRINTS ?? 250));
const WARM_UP = 10;

const ticket = (i: number) => ({
  centerName: 'Trung tâm Phục vụ hành chính công tỉnh Thử Nghiệm',
  header: 'Bộ phận Một cửa',
  serviceName: 'Đất đai – Đăng ký biến động',
  number: `A${String(i % 1000).padStart(3, '0')}`,
  priorityLabel: i % 5 === 0 ? 'Ưu tiên: người cao tuổi' : null,
  issuedAtText: `08:${String(i % 60).padStart(2, '0')} 23/11/2026`,
  waitingAheadText: `Còn ${i % 17} người trước bạn`,
  qrText: `https://dichvucong.example.gov.vn/xep-hang?t=A${i}`,
  qrCaption: 'Quét để theo dõi lượt',
  footer: 'Xin cảm ơn',
});

const samples: number[] = [];
let bytes = 0;
for (let i = 0; i < WARM_UP + RUNS; i++) {
  const started = performance.now();
  const job = encodeRasterJob(renderTicket(ticket(i), 576));
  const ms = performance.now() - started;
  if (i >= WARM_UP) samples.push(ms);
  bytes = job.length;
}
report('print.render_encode_p95_ms', percentile(samples, 95), 'ms', 30, `n=${samples.length} p50=${percentile(samples, 50).toFixed(2)} job=${bytes}B`);

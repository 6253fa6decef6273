import { useEffect, useMemo, useState, type ReactElement } from 'react';
import QRCode, { type QRCodeToDataURLOptions } from 'qrcode';

interface QrCodeProps {
  text: string;
  alt: string;
}

const options: QRCodeToDataURLOptions = { errorCorrectionLevel: 'M', margin: 2, width: 360 };

/**
 * In the browser build of `qrcode` the callback form runs synchronously, so the QR is there in
 * the same frame as the number. Should that ever change, the effect below fills it in a moment
 * later instead.
 */
function renderNow(text: string): string | null {
  let url: string | null = null;
  try {
    QRCode.toDataURL(text, options, (error, result) => {
      if (!error) url = result;
    });
  } catch {
    return null;
  }
  return url;
}

/**
 * The QR is a data: URL (allowed for images by the CSP) in an ordinary <img>, rather than a
 * canvas: it scales with CSS, has alt text and shows in screenshots. Without a QR the ticket is
 * still complete; the number is what matters.
 */
export function QrCode({ text, alt }: QrCodeProps): ReactElement | null {
  const immediate = useMemo(() => renderNow(text), [text]);
  const [later, setLater] = useState<{ text: string; url: string } | null>(null);
  useEffect(() => {
    if (immediate) return;
    let current = true;
    QRCode.toDataURL(text, options)
      .then((url) => current && setLater({ text, url }))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [text, immediate]);
  const src = immediate ?? (later?.text === text ? later.url : null);
  return src ? <img className="qr" src={src} alt={alt} data-testid="ticket-qr" /> : null;
}

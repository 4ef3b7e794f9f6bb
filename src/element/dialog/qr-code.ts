import { html, type TemplateResult } from 'lit';
import type { BotLoginQr } from '../../flows/bot-requests.js';
import { decodeBase64Url } from '../../oauth/base64url.js';

/** Light modules around the code, as the QR standard asks, so cameras find it on any background. */
export const QUIET_ZONE = 4;

/**
 * The dark modules of a QR code as one SVG path, one rectangle per horizontal run, shifted by the
 * quiet zone. The matrix comes from the server (`/bot/start`), so the browser needs no QR library.
 * Throws a `TypeError` when `modules` does not hold `size`×`size` bits.
 */
export function qrPath({ size, modules }: BotLoginQr): string {
  const bytes = decodeBase64Url(modules);
  if (!Number.isInteger(size) || size < 1 || bytes.length !== Math.ceil((size * size) / 8)) {
    throw new TypeError(`the QR code's modules hold ${bytes.length} bytes, not the ${Math.ceil((size * size) / 8)} of a ${size}×${size} code`);
  }
  const dark = (x: number, y: number) => {
    const bit = y * size + x;
    return (bytes[bit >> 3]! & (0x80 >> (bit & 7))) !== 0;
  };
  let path = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!dark(x, y)) continue;
      const start = x;
      while (x + 1 < size && dark(x + 1, y)) x++;
      path += `M${start + QUIET_ZONE} ${y + QUIET_ZONE}h${x - start + 1}v1h-${x - start + 1}z`;
    }
  }
  return path;
}

/** The QR code as an image: dark on a white tile (also in the dark theme: scanners expect it), named by `label`. */
export function qrCode(qr: BotLoginQr, label: string): TemplateResult {
  const side = qr.size + 2 * QUIET_ZONE;
  return html`<svg class="wd-qr" viewBox="0 0 ${side} ${side}" role="img" aria-label=${label} shape-rendering="crispEdges">
    <rect width=${side} height=${side} fill="#fff"></rect><path d=${qrPath(qr)} fill="#000"></path>
  </svg>`;
}

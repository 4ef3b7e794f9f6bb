import { expect, test } from '@playwright/test';
import jsQRModule from 'jsqr';
import { decodeBase64Url } from '../../oauth/base64url.js';
import { qrModules } from './qr.js';

// jsQR is CommonJS typed as an ES module's default export: depending on the loader the import is the
// function or the module object that holds it.
type Decode = typeof jsQRModule.default;
const jsQR: Decode = typeof jsQRModule === 'function' ? (jsQRModule as unknown as Decode) : (jsQRModule as { default: Decode }).default;

/** Draws the modules as the element does (4 modules of quiet zone, `scale` pixels each) into RGBA pixels. */
function render({ size, modules }: { size: number; modules: string }, scale = 4): { data: Uint8ClampedArray; width: number } {
  const bits = decodeBase64Url(modules);
  const width = (size + 8) * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const index = row * size + column;
      if (!(bits[index >> 3]! & (0x80 >> (index & 7)))) continue;
      for (let y = 0; y < scale; y++) {
        for (let x = 0; x < scale; x++) {
          const pixel = (((row + 4) * scale + y) * width + (column + 4) * scale + x) * 4;
          data[pixel] = data[pixel + 1] = data[pixel + 2] = 0;
        }
      }
    }
  }
  return { data, width };
}

test('the modules decode (with jsQR, a maintained decoder) to the link, bit for bit as the contract packs them', () => {
  for (const link of [`https://t.me/MockLoginBot?start=tlk_${'a1B2-_'.repeat(7)}x`, `http://127.0.0.1:9400/app/resolve?domain=MockLoginBot&start=tlk_${'Z'.repeat(43)}`]) {
    const qr = qrModules(link);
    expect(qr.modules).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeBase64Url(qr.modules).length).toBe(Math.ceil((qr.size * qr.size) / 8));
    const { data, width } = render(qr);
    expect(jsQR(data, width, width)?.data).toBe(link);
  }
});

test('a t.me login link is a small code: version 5 (37 modules), about 230 characters of modules', () => {
  const qr = qrModules(`https://t.me/MockLoginBot?start=tlk_${'x'.repeat(43)}`);
  expect(qr.size).toBe(37);
  expect(qr.modules.length).toBeLessThan(240);
  // The three finder patterns: dark 7×7 squares in the corners, no quiet zone before them.
  const bits = decodeBase64Url(qr.modules);
  const dark = (row: number, column: number) => Boolean(bits[(row * qr.size + column) >> 3]! & (0x80 >> ((row * qr.size + column) & 7)));
  for (const [row, column] of [[0, 0], [0, qr.size - 7], [qr.size - 7, 0]] as const) {
    expect(dark(row, column) && dark(row + 6, column + 6) && dark(row + 3, column + 3) && !dark(row + 1, column + 1)).toBe(true);
  }
});

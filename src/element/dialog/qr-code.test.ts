import { expect, test } from '@playwright/test';
import jsqr from 'jsqr';
import { encodeBase64Url } from '../../oauth/base64url.js';
import { qrModules } from '../../server/bot/qr.js';
import { QUIET_ZONE, qrPath } from './qr-code.js';

// jsqr is CommonJS: its function is both the module and its `default`; the types know only the latter.
const jsQR = jsqr.default;

/** The dark modules a path draws: its `M x y h w v1 h-w z` runs read back, as a set of "x,y". */
function drawnModules(path: string): Set<string> {
  const dark = new Set<string>();
  const runs = [...path.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)];
  expect(runs.map((run) => run[0]).join('')).toBe(path); // nothing else in the path
  for (const [, x, y, width, back] of runs) {
    expect(back).toBe(width);
    for (let column = 0; column < Number(width); column++) dark.add(`${Number(x) + column},${Number(y)}`);
  }
  return dark;
}

/** The path painted as a camera would see it: `scale` pixels a module, black on white, quiet zone included. */
function rasterize(path: string, size: number, scale = 4): { data: Uint8ClampedArray; side: number } {
  const side = (size + 2 * QUIET_ZONE) * scale;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const cell of drawnModules(path)) {
    const [x, y] = cell.split(',').map(Number) as [number, number];
    for (let dy = 0; dy < scale; dy++) {
      for (let dx = 0; dx < scale; dx++) {
        const offset = ((y * scale + dy) * side + x * scale + dx) * 4;
        data.fill(0, offset, offset + 3);
      }
    }
  }
  return { data, side };
}

test('draws exactly the dark modules of the matrix, shifted by the four-module quiet zone', () => {
  // A 21×21 matrix with a diagonal, a full first row and a lone last module: runs of 1, 21 and at the edges.
  const size = 21;
  const bits = new Uint8Array(Math.ceil((size * size) / 8));
  const dark = new Set<string>();
  const set = (x: number, y: number) => {
    const index = y * size + x;
    bits[index >> 3]! |= 0x80 >> (index & 7);
    dark.add(`${x + QUIET_ZONE},${y + QUIET_ZONE}`);
  };
  for (let x = 0; x < size; x++) set(x, 0);
  for (let i = 1; i < size; i++) set(i, i);
  set(0, size - 1);
  const path = qrPath({ size, modules: encodeBase64Url(bits) });
  expect(drawnModules(path)).toEqual(dark);
  expect(path.startsWith(`M${QUIET_ZONE} ${QUIET_ZONE}h21v1h-21z`)).toBe(true);
});

test('the server’s QR code of a bot link, drawn as the dialog draws it, decodes to that link', () => {
  const link = 'https://t.me/MockLoginBot?start=tlk_Q2hlY2tzIHRoZSB3aG9sZSBwYXRoLCBub3QganVzdCBwYXJ0cw';
  const qr = qrModules(link);
  const { data, side } = rasterize(qrPath(qr), qr.size);
  expect(jsQR(data, side, side)?.data).toBe(link);
});

test('modules that do not hold size×size bits are a TypeError, not a wrong picture', () => {
  expect(() => qrPath({ size: 21, modules: 'AAAA' })).toThrow("the QR code's modules hold 3 bytes, not the 56 of a 21×21 code");
  expect(() => qrPath({ size: 21, modules: '%%%' })).toThrow(TypeError);
});

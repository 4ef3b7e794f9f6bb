import { encode } from 'uqr';
import { encodeBase64Url } from '../../oauth/base64url.js';

/**
 * A QR code as the element draws it: `size` modules a side, `modules` the base64url of the bits row
 * by row, most significant bit first, 1 = dark, zero-padded to a whole byte. No quiet zone: the
 * element adds four modules. Computed here (uqr, no dependencies) so the browser loads no encoder;
 * a t.me link is version 4 or 5, some 200 bytes.
 */
export interface QrModules {
  size: number;
  modules: string;
}

export function qrModules(text: string): QrModules {
  // M: a photographed screen loses some contrast; L would be a module or two smaller but less forgiving.
  const { size, data } = encode(text, { ecc: 'M', border: 0 });
  const bits = new Uint8Array(Math.ceil((size * size) / 8));
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const index = row * size + column;
      if (data[row]![column]) bits[index >> 3]! |= 0x80 >> (index & 7);
    }
  }
  return { size, modules: encodeBase64Url(bits) };
}

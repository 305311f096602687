/**
 * Generated poster images: a PNG of exactly the asked size, a vertical
 * gradient between two colours picked from the item's key, with a band where a
 * title would sit. Rows are constant, so deflate squeezes them to almost
 * nothing and a 300×450 poster costs well under a millisecond.
 */
import { crc32, deflateSync } from 'node:zlib';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function hsl(hue: number, saturation: number, lightness: number): [number, number, number] {
  const a = saturation * Math.min(lightness, 1 - lightness);
  const f = (n: number): number => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

/** The poster's average colour, for placeholders. */
export function posterColour(seedText: string): [number, number, number] {
  return hsl(hashString(seedText) % 360, 0.45, 0.35);
}

/** A PNG of width × height (each clamped to 1..2000) for `seedText`. */
export function renderPoster(seedText: string, width: number, height: number): Buffer {
  const w = Math.max(1, Math.min(2000, Math.round(width)));
  const h = Math.max(1, Math.min(2000, Math.round(height)));
  const hash = hashString(seedText);
  const top = hsl(hash % 360, 0.55, 0.45);
  const bottom = hsl((hash >>> 9) % 360, 0.5, 0.18);
  const bandTop = Math.floor(h * 0.7);
  const bandBottom = Math.floor(h * 0.8);
  const stride = 1 + w * 3;
  const raw = Buffer.alloc(stride * h);
  for (let y = 0; y < h; y += 1) {
    const t = h === 1 ? 0 : y / (h - 1);
    const inBand = y >= bandTop && y < bandBottom;
    const r = Math.round(top[0] + (bottom[0] - top[0]) * t) + (inBand ? 40 : 0);
    const g = Math.round(top[1] + (bottom[1] - top[1]) * t) + (inBand ? 40 : 0);
    const b = Math.round(top[2] + (bottom[2] - top[2]) * t) + (inBand ? 40 : 0);
    const row = y * stride;
    raw[row] = 0;
    for (let x = 0; x < w; x += 1) {
      const offset = row + 1 + x * 3;
      raw[offset] = Math.min(255, r);
      raw[offset + 1] = Math.min(255, g);
      raw[offset + 2] = Math.min(255, b);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour RGB
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 1 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Width and height from a PNG's header, for tests and checks. */
export function pngSize(png: Buffer): { width: number; height: number } | undefined {
  if (png.length < 24 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) return undefined;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
